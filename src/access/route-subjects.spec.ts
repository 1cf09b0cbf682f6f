import { subjectOf } from './route-subjects';

const ID = '6f1c2a9e-0b7d-4c55-9a51-3c1d7e2b8f40';

describe('subjectOf', () => {
  it.each([
    ['/api/cases/:id', { kind: 'case', id: ID }],
    ['/api/cases/:id/chronology', { kind: 'case', id: ID }],
    ['/cases/:id/chronology/export', { kind: 'case', id: ID }],
    ['/settings/cases/:id/watch', { kind: 'case', id: ID }],
    ['/api/defenders/:id/chronology', { kind: 'defender', id: ID }],
    ['/defenders/:id/cases/new', { kind: 'defender', id: ID }],
    ['/api/hearings/:id/outcome', { kind: 'entry', table: 'hearings', id: ID }],
    ['/hearings/:id/outcome', { kind: 'entry', table: 'hearings', id: ID }],
    ['/custody-orders/:id/edit', { kind: 'entry', table: 'custody_orders', id: ID }],
    ['/api/charges/:id', { kind: 'entry', table: 'charges', id: ID }],
    ['/api/events/:id', { kind: 'entry', table: 'events', id: ID }],
    ['/reminders/:id/retry', { kind: 'entry', table: 'reminders', id: ID }],
    ['/api/documents/:id', { kind: 'document', id: ID }],
    ['/documents/:id/delete', { kind: 'document', id: ID }],
  ])('finds what %s is about', (path, expected) => {
    expect(subjectOf(path, { id: ID })).toEqual(expected);
  });

  it.each([
    ['/api/entries/:kind/:id/move', 'event', 'events'],
    ['/entries/:kind/:id/move', 'custody_order', 'custody_orders'],
  ])('finds the entry %s is about from its kind (%s)', (path, kind, table) => {
    expect(subjectOf(path, { kind, id: ID })).toEqual({ kind: 'entry', table, id: ID });
    expect(subjectOf(path, { kind: 'reminder', id: ID })).toBeNull();
  });

  it('takes :caseId wherever it stands', () => {
    expect(subjectOf('/api/cases/:caseId/timeline', { caseId: ID })).toEqual({ kind: 'case', id: ID });
  });

  it('leaves an id that is no uuid to the route, which refuses it with a 400', () => {
    expect(subjectOf('/api/cases/:id', { id: 'not-a-uuid' })).toBeNull();
    expect(subjectOf('/api/cases/:caseId/timeline', { caseId: '1; DROP' })).toBeNull();
  });

  it.each([
    '/api/users/:id',
    '/api/teams/:id/members',
    '/settings/users/:id/active',
    '/api/calendar/feeds/:id',
  ])('leaves %s alone: it is about no case or defender', (path) => {
    expect(subjectOf(path, { id: ID })).toBeNull();
  });
});
