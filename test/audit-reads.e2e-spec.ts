import { Case } from '../src/cases/case.entity';
import { makeCase } from './factories/cases';
import { makeCharge, makeCustodyOrder, makeEvent, makeHearing } from './factories/entries';
import { bearer, startTestApp, TestApp, TestUser } from './support/test-app';
import { signInToWeb } from './support/web-session';

// Reading a confidential entry, whichever way it is read, leaves an audit row naming the reader,
// the entry and its case; public and internal entries do not.

interface ReadRow {
  actor_id: string;
  entity: string;
  entity_id: string;
  context: { caseId: string; via: string };
}

describe('reads of confidential entries in the audit log', () => {
  let t: TestApp;
  let owner: Case;
  let confidential: { kind: string; id: string }[];
  let publicEventId: string;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await makeCase(t.dataSource);
    const secret = { visibility: 'confidential' as const };
    const [event, charge, hearing, custody] = await Promise.all([
      makeEvent(t.dataSource, owner, { ...secret, description: 'Met the lawyer in secret' }),
      makeCharge(t.dataSource, owner, secret),
      makeHearing(t.dataSource, owner, secret),
      makeCustodyOrder(t.dataSource, owner, secret),
    ]);
    confidential = [
      { kind: 'event', id: event.id },
      { kind: 'charge', id: charge.id },
      { kind: 'hearing', id: hearing.id },
      { kind: 'custody_order', id: custody.id },
    ];
    publicEventId = (await makeEvent(t.dataSource, owner)).id;
    await makeEvent(t.dataSource, owner, { visibility: 'internal' });
  });
  afterAll(() => t.close());

  /** The read rows written while `read` ran. */
  const readsDuring = async (read: () => Promise<unknown>): Promise<ReadRow[]> => {
    const [{ last }] = await t.dataSource.query(`SELECT coalesce(max(id), 0) AS last FROM audit_log`);
    await read();
    return t.dataSource.query(
      `SELECT actor_id, entity, entity_id, context FROM audit_log
        WHERE action = 'read' AND id > $1 ORDER BY entity, entity_id`,
      [last],
    );
  };
  const expectedRows = (reader: TestUser, via: string, entries = confidential): ReadRow[] =>
    entries
      .map(({ kind, id }) => ({
        actor_id: reader.id,
        entity: kind,
        entity_id: id,
        context: { caseId: owner.id, via },
      }))
      .sort((a, b) => a.entity.localeCompare(b.entity) || a.entity_id.localeCompare(b.entity_id));

  it('by id, for each kind of entry; a public one leaves none', async () => {
    const reader = t.users.caseworker;
    const paths: Record<string, string> = {
      event: 'events',
      charge: 'charges',
      hearing: 'hearings',
      custody_order: 'custody-orders',
    };
    for (const entry of confidential) {
      const rows = await readsDuring(() =>
        t.http().get(`/api/${paths[entry.kind]}/${entry.id}`).set(bearer(reader)).expect(200),
      );
      expect(rows).toEqual(expectedRows(reader, 'entry', [entry]));
    }
    const rows = await readsDuring(() =>
      t.http().get(`/api/events/${publicEventId}`).set(bearer(reader)).expect(200),
    );
    expect(rows).toEqual([]);
  });

  it('in the lists of a case', async () => {
    const reader = t.users.admin;
    for (const [path, kind] of [
      ['events', 'event'],
      ['charges', 'charge'],
      ['hearings', 'hearing'],
      ['custody-orders', 'custody_order'],
    ]) {
      const rows = await readsDuring(() =>
        t.http().get(`/api/cases/${owner.id}/${path}`).set(bearer(reader)).expect(200),
      );
      expect(rows).toEqual(
        expectedRows(
          reader,
          'list',
          confidential.filter((entry) => entry.kind === kind),
        ),
      );
    }
  });

  it('in a timeline, every confidential entry on the page and nothing for a viewer', async () => {
    const rows = await readsDuring(() =>
      t.http().get(`/api/cases/${owner.id}/timeline`).set(bearer(t.users.caseworker)).expect(200),
    );
    expect(rows).toEqual(expectedRows(t.users.caseworker, 'timeline'));
    const none = await readsDuring(() =>
      t.http().get(`/api/cases/${owner.id}/timeline`).set(bearer(t.users.viewer)).expect(200),
    );
    expect(none).toEqual([]);
  });

  it('in an export that includes them, and not in a public one', async () => {
    const rows = await readsDuring(() =>
      t
        .http()
        .get(`/api/cases/${owner.id}/chronology?format=json&visibility=all`)
        .set(bearer(t.users.caseworker))
        .expect(200),
    );
    expect(rows).toEqual(expectedRows(t.users.caseworker, 'export'));
    const none = await readsDuring(() =>
      t
        .http()
        .get(`/api/cases/${owner.id}/chronology?format=json&visibility=public`)
        .set(bearer(t.users.caseworker))
        .expect(200),
    );
    expect(none).toEqual([]);
  });

  it('on the case page and an entry’s edit page', async () => {
    const web = await signInToWeb(t, t.users.caseworker);
    const rows = await readsDuring(() => web.agent.get(`/cases/${owner.id}`).expect(200));
    expect(rows).toEqual(expectedRows(t.users.caseworker, 'page'));
    const [event] = confidential;
    const edit = await readsDuring(() => web.agent.get(`/events/${event.id}/edit`).expect(200));
    expect(edit).toEqual(expectedRows(t.users.caseworker, 'entry', [event]));
  });

  it('is readable by admins as who read an entry', async () => {
    const [, , hearing] = confidential;
    const audit = await t
      .http()
      .get(`/api/audit?entity=hearing&entityId=${hearing.id}&action=read`)
      .set(bearer(t.users.admin))
      .expect(200);
    expect(audit.body.items.length).toBeGreaterThan(0);
    expect(audit.body.items[0]).toMatchObject({
      action: 'read',
      actorEmail: expect.stringMatching(/@example\.org$/),
      entity: 'hearing',
      entityId: hearing.id,
    });
  });
});
