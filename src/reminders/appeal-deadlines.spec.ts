import { PlanCase, PlanEvent } from './plan-case';
import { planCaseReminders } from './reminder-plan';
import { reminderVisibility } from './reminder-visibility';
import { DEFAULT_REMINDER_POLICY } from './reminder-policy';
import { stagesAsReadBy } from './appeal-deadlines';

const event = (id: string, type: string, date: string, fields: Partial<PlanEvent> = {}): PlanEvent => ({
  id,
  type,
  date,
  precision: 'day',
  createdAt: `2025-01-01T00:00:00.00000${id.length}Z`,
  visibility: 'public',
  ...fields,
});
const kase = (events: PlanEvent[]): PlanCase => ({
  id: 'case-1',
  timezone: 'Indian/Antananarivo',
  country: 'MG',
  detentionStatus: 'not_detained',
  arrestedOn: null,
  arrestedOnPrecision: 'day',
  hearings: [],
  custodyOrders: [],
  charges: [],
  limits: [],
  events,
  court: 'Tribunal of Fianarantsoa',
  statusOverride: null,
  today: '2025-04-01',
});
const appealReminders = (events: PlanEvent[]) =>
  planCaseReminders(kase(events), DEFAULT_REMINDER_POLICY, new Date('2026-01-01T00:00:00Z')).filter(
    (reminder) => reminder.kind === 'appeal_deadline',
  );

describe('appeal deadline reminders', () => {
  const decision = event('d', 'conviction', '2025-04-01', {
    appealDeadline: '2025-04-11',
    visibility: 'internal',
  });

  it('falls due 7 days and 1 day before the deadline, at 09:00 in the court zone, as open as the decision', () => {
    const planned = appealReminders([decision]);
    expect(planned.map((r) => [r.offset, r.dueAt.toISOString(), r.subjectId, r.visibility])).toEqual([
      ['P7D', '2025-04-04T06:00:00.000Z', 'd', 'internal'],
      ['P1D', '2025-04-10T06:00:00.000Z', 'd', 'internal'],
    ]);
    expect(planned[0].details).toMatchObject({
      deadline: '2025-04-11',
      decidedOn: '2025-04-01',
      decision: 'conviction',
    });
    expect(reminderVisibility(kase([decision]), planned[0])).toBe('internal');
  });

  it('is not planned once an appeal is filed after the decision', () => {
    expect(appealReminders([decision, event('f', 'appeal_filed', '2025-04-03')])).toEqual([]);
  });

  it('states the status a reader may read: a confidential filing is not told to a viewer', () => {
    const filed = kase([decision, event('f', 'appeal_filed', '2025-04-03', { visibility: 'confidential' })]);
    expect(stagesAsReadBy(filed, { role: 'caseworker' }).status).toBe('on_appeal');
    expect(stagesAsReadBy(filed, { role: 'viewer' }).status).toBe('convicted');
    expect(stagesAsReadBy(filed, 'external').status).toBe('under_investigation');
  });
});
