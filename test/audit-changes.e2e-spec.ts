import { DateTime } from 'luxon';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { ReminderSender } from '../src/reminders/reminder-sender';
import { makeCase } from './factories/cases';
import { TestSmtp } from './support/smtp';
import { bearer, TestApp } from './support/test-app';
import { startMailingApp, stopMailingApp } from './support/mailing-app';
import { TestWorker } from './support/worker';
import { limitBody } from './factories/statutory-limits';

// "Every change is written to an append-only audit log": watchers, a case's reminder policy,
// statutory limits, reminder retries, and what the worker does to a reminder on its own.

describe('audit rows for reminder settings, statutory limits and the worker', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;
  let hearingDay = 0;

  beforeAll(async () => {
    ({ smtp, app: t, worker } = await startMailingApp());
  });
  afterAll(() => stopMailingApp({ worker, app: t, smtp }));
  afterEach(() => {
    smtp.refusing = false;
  });

  const caseworker = () => bearer(t.users.caseworker);
  const auditOf = async (entity: string, entityId?: string): Promise<AuditEntry[]> => {
    const query = `entity=${entity}${entityId ? `&entityId=${encodeURIComponent(entityId)}` : ''}`;
    const response = await t
      .http()
      .get(`/api/audit?${query}&limit=50`)
      .set(bearer(t.users.admin))
      .expect(200);
    return (response.body.items as AuditEntry[]).reverse();
  };

  it('adding, muting and removing a watcher', async () => {
    const kase = await makeCase(t.dataSource);
    const me = t.users.caseworker;
    await t.http().post(`/api/cases/${kase.id}/watchers`).set(caseworker()).send({}).expect(200);
    await t.http().post(`/api/cases/${kase.id}/watchers`).set(caseworker()).send({ muted: true }).expect(200);
    await t.http().delete(`/api/cases/${kase.id}/watchers/${me.id}`).set(caseworker()).expect(204);
    const rows = await auditOf('case_watcher', `${kase.id}:${me.id}`);
    expect(rows.map(({ action, actorEmail, after }) => ({ action, actorEmail, after }))).toEqual([
      { action: 'create', actorEmail: me.email, after: { caseId: kase.id, userId: me.id, muted: false } },
      { action: 'update', actorEmail: me.email, after: { caseId: kase.id, userId: me.id, muted: true } },
      { action: 'delete', actorEmail: me.email, after: null },
    ]);
  });

  it('a case’s reminder policy, set and cleared', async () => {
    const kase = await makeCase(t.dataSource);
    const put = (body: object) =>
      t.http().put(`/api/cases/${kase.id}/reminder-policy`).set(caseworker()).send(body).expect(200);
    await put({ hearingOffsets: ['P2D'] });
    await put({});
    const rows = await auditOf('case_reminder_policy', kase.id);
    expect(rows.map(({ action, before, after }) => ({ action, before, after }))).toEqual([
      { action: 'update', before: {}, after: { hearingOffsets: ['P2D'] } },
      { action: 'update', before: { hearingOffsets: ['P2D'] }, after: {} },
    ]);
  });

  it('a statutory limit, created, changed and deleted', async () => {
    const admin = bearer(t.users.admin);
    const created = await t
      .http()
      .post('/api/statutory-limits')
      .set(admin)
      .send(
        limitBody(60, {
          country: 'BY',
          lawPattern: 'Criminal Procedure Code',
          reference: 'CPC art. 127',
          description: 'Pre-trial custody limit',
        }),
      )
      .expect(201);
    const id = created.body.id as string;
    const seventy = [{ length: 70, unit: 'days', renewedByCourt: false }];
    await t.http().patch(`/api/statutory-limits/${id}`).set(admin).send({ periods: seventy }).expect(200);
    await t.http().delete(`/api/statutory-limits/${id}`).set(admin).expect(204);
    const rows = await auditOf('statutory_limit', id);
    expect(rows.map((row) => row.action)).toEqual(['create', 'update', 'delete']);
    expect(rows[1]).toMatchObject({
      actorEmail: t.users.admin.email,
      before: { periods: [{ length: 60 }] },
      after: { periods: [{ length: 70 }] },
    });
  });

  /** A hearing reminder (its P7D) on a case of its own, with the clock at its due time. */
  async function dueReminder(options: { watched: boolean }): Promise<string> {
    const kase = await makeCase(t.dataSource, { arrestedOn: null });
    if (options.watched) {
      await t.http().post(`/api/cases/${kase.id}/watchers`).set(caseworker()).send({}).expect(200);
    }
    // Far ahead of the machine's time, so the queued job itself never fires during the test.
    const hearingAt = DateTime.fromISO('2031-05-01T09:00:00Z').plus({ days: 7 * hearingDay++ });
    t.clock.set(hearingAt.minus({ days: 30 }).toJSDate());
    await t
      .http()
      .post(`/api/cases/${kase.id}/hearings`)
      .set(caseworker())
      .send({ scheduledAt: hearingAt.setZone(kase.timezone).toFormat("yyyy-MM-dd'T'HH:mm") })
      .expect(201);
    const [row] = await t.dataSource.query(
      `SELECT id, due_at FROM reminders WHERE case_id = $1 AND "offset" = 'P7D'`,
      [kase.id],
    );
    t.clock.set(row.due_at);
    return row.id as string;
  }
  const send = (id: string, finalAttempt = false) =>
    worker.context.get(ReminderSender).send(id, { finalAttempt });

  it('the worker’s own status changes, sent, skipped and failed, with the worker as the actor', async () => {
    const sent = await dueReminder({ watched: true });
    expect(await send(sent)).toBe('sent');
    const skipped = await dueReminder({ watched: false });
    expect(await send(skipped)).toBe('skipped');
    smtp.refusing = true;
    const failed = await dueReminder({ watched: true });
    await expect(send(failed, true)).rejects.toThrow(/451/);

    const byWorker = { actorId: null, actorEmail: 'system:worker', action: 'update', entity: 'reminder' };
    expect(await auditOf('reminder', sent)).toEqual([
      expect.objectContaining({ ...byWorker, before: { status: 'pending' }, after: { status: 'sent' } }),
    ]);
    expect(await auditOf('reminder', skipped)).toEqual([
      expect.objectContaining({
        ...byWorker,
        after: { status: 'skipped', lastError: expect.stringMatching(/Nobody to send it to/) },
      }),
    ]);
    const [failure] = await auditOf('reminder', failed);
    expect(failure).toMatchObject({
      ...byWorker,
      after: { status: 'failed', lastError: expect.stringMatching(/451/) },
    });
    expect(JSON.stringify(failure)).not.toMatch(/@/);
  });

  it('a retry of a failed reminder, by the caseworker who asked for it', async () => {
    smtp.refusing = true;
    const id = await dueReminder({ watched: true });
    await expect(send(id, true)).rejects.toThrow(/451/);
    await t.http().post(`/api/reminders/${id}/retry`).set(caseworker()).expect(200);
    const rows = await auditOf('reminder', id);
    expect(rows.map(({ actorEmail, before, after }) => ({ actorEmail, before, after }))).toEqual([
      {
        actorEmail: 'system:worker',
        before: { status: 'pending' },
        after: expect.objectContaining({ status: 'failed' }),
      },
      { actorEmail: t.users.caseworker.email, before: { status: 'failed' }, after: { status: 'pending' } },
    ]);
  });
});
