import { makeDefender } from './factories/cases';
import { bearer, startTestApp, TestApp } from './support/test-app';

// Custody-order reminders tell that the person is held, and a cancelled reminder tells that
// something ended custody: neither may say so to a reader who may not read the entry behind it.

describe('custody reminders and what they reveal', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: '2027-03-01T06:00:00Z' });
  });
  afterAll(() => t.close());

  const caseworker = () => bearer(t.users.caseworker);

  /** A case held since 20 February on the given arrest, under a public 30-day order of 21 February. */
  async function heldCase(arrest: 'public' | 'confidential'): Promise<string> {
    const defender = await makeDefender(t.dataSource, { country: 'EG' });
    const created = await t
      .http()
      .post('/api/cases')
      .set(caseworker())
      .send({
        defenderId: defender.id,
        title: 'Cairo case',
        country: 'EG',
        timezone: 'Africa/Cairo',
        status: 'under_investigation',
      })
      .expect(201);
    const on = `/api/cases/${created.body.id}`;
    await t
      .http()
      .post(`${on}/events`)
      .set(caseworker())
      .send({
        type: 'arrest',
        occurredOn: '2027-02-20',
        precision: 'day',
        description: 'Taken from home',
        visibility: arrest,
        sources: [],
      })
      .expect(201);
    await t
      .http()
      .post(`${on}/custody-orders`)
      .set(caseworker())
      .send({ kind: 'judicial', orderedOn: '2027-02-21', days: 30, visibility: 'public' })
      .expect(201);
    return created.body.id;
  }

  const remindersOf = async (caseId: string, role: 'viewer' | 'caseworker') =>
    (await t.http().get(`/api/reminders?caseId=${caseId}&limit=200`).set(bearer(t.users[role])).expect(200))
      .body.items as { kind: string; status: string }[];

  const CUSTODY_KINDS = ['custody_ending', 'no_custody_order'];

  /** Who may read each stored custody reminder (the API does not list it; the sender obeys it). */
  const storedVisibilities = async (caseId: string): Promise<string[]> =>
    (
      (await t.dataSource.query(`SELECT visibility FROM reminders WHERE case_id = $1 AND kind = ANY($2)`, [
        caseId,
        CUSTODY_KINDS,
      ])) as { visibility: string }[]
    ).map((row) => row.visibility);

  it('keeps custody-order reminders from viewers and partners when the arrest is confidential', async () => {
    const caseId = await heldCase('confidential');
    const all = (await remindersOf(caseId, 'caseworker')).filter((r) => CUSTODY_KINDS.includes(r.kind));
    expect(new Set(all.map((r) => r.kind))).toEqual(new Set(CUSTODY_KINDS));
    // A partner's address gets public reminders only: none of these reaches it.
    expect(new Set(await storedVisibilities(caseId))).toEqual(new Set(['confidential']));
    expect((await remindersOf(caseId, 'viewer')).filter((r) => CUSTODY_KINDS.includes(r.kind))).toEqual([]);
  });

  it('shows them to viewers when the arrest is public', async () => {
    const caseId = await heldCase('public');
    const seen = (await remindersOf(caseId, 'viewer')).filter((r) => CUSTODY_KINDS.includes(r.kind));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.status === 'pending')).toBe(true);
    expect(new Set(await storedVisibilities(caseId))).toEqual(new Set(['public']));
  });

  it('does not show viewers the reminders a confidential release cancelled', async () => {
    const caseId = await heldCase('public');
    const before = await remindersOf(caseId, 'viewer');
    expect(before.filter((r) => r.status === 'pending').length).toBeGreaterThan(0);
    await t
      .http()
      .post(`/api/cases/${caseId}/events`)
      .set(caseworker())
      .send({
        type: 'release',
        occurredOn: '2027-02-28',
        precision: 'day',
        description: 'Let go quietly',
        visibility: 'confidential',
        sources: [],
      })
      .expect(201);
    const cancelled = (await remindersOf(caseId, 'caseworker')).filter((r) => r.status === 'cancelled');
    expect(cancelled.length).toBeGreaterThan(0);
    const viewerSees = await remindersOf(caseId, 'viewer');
    expect(viewerSees.filter((r) => r.status === 'cancelled')).toEqual([]);
  });

  it('still shows viewers the reminders a public release cancelled', async () => {
    const caseId = await heldCase('public');
    await t
      .http()
      .post(`/api/cases/${caseId}/events`)
      .set(caseworker())
      .send({
        type: 'release',
        occurredOn: '2027-02-28',
        precision: 'day',
        description: 'Released',
        visibility: 'public',
        sources: [],
      })
      .expect(201);
    const viewerSees = await remindersOf(caseId, 'viewer');
    expect(viewerSees.filter((r) => r.status === 'cancelled').length).toBeGreaterThan(0);
  });
});
