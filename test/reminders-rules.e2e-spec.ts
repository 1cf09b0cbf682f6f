import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { AuditService } from '../src/audit/audit.service';
import { DemoSeeder } from '../src/demo/seed-demo';
import { QueueName } from '../src/reminders/reminder-queue';
import { ReminderScheduler } from '../src/reminders/reminder-scheduler';
import { makeCase } from './factories/cases';
import { TestSmtp } from './support/smtp';
import { waitForJobEnd } from './support/jobs';
import { bearer, TestApp } from './support/test-app';
import { startMailingApp, stopMailingApp } from './support/mailing-app';
import { TestWorker } from './support/worker';

// The rules of issue 3 point 7, through the HTTP API, with a worker and a real SMTP server running.

interface ReminderItem {
  id: string;
  kind: string;
  title: string;
  subjectId: string | null;
  offset: string;
  dueAt: string;
  dueAtLocal: string;
  status: string;
  messageId: string | null;
}

jest.setTimeout(60_000);

describe('reminder rules', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;
  let queue: Queue;

  beforeAll(async () => {
    ({
      smtp,
      app: t,
      worker,
    } = await startMailingApp({
      now: '2026-01-15T09:00:00Z',
      env: { REMINDER_BACKOFF_MS: '200' },
    }));
    queue = t.app.get<Queue>(getQueueToken(QueueName.Reminders));
  });
  afterAll(() => stopMailingApp({ worker, app: t, smtp }));

  const api = () => t.http();
  const caseworker = () => bearer(t.users.caseworker);

  async function watchedCase(overrides: Parameters<typeof makeCase>[1] = {}) {
    const kase = await makeCase(t.dataSource, { arrestedOn: null, ...overrides });
    await api().post(`/api/cases/${kase.id}/watchers`).set(caseworker()).send({}).expect(200);
    return kase;
  }

  async function reminders(caseId: string, query = ''): Promise<ReminderItem[]> {
    const response = await api()
      .get(`/api/reminders?caseId=${caseId}&limit=200${query}`)
      .set(caseworker())
      .expect(200);
    return response.body.items;
  }

  const addHearing = async (caseId: string, scheduledAt: string) =>
    (
      await api()
        .post(`/api/cases/${caseId}/hearings`)
        .set(caseworker())
        .send({ scheduledAt, court: 'NIA Special Court, New Delhi' })
        .expect(201)
    ).body as { id: string };

  const mailFor = (reminderId: string) =>
    smtp.messages.filter((m) => m.messageId.startsWith(`<${reminderId}.`));

  /**
   * Nothing can be mailed for a reminder without a job: skipped rows have none, and every pending
   * one waits for a due time still ahead of the clock. (Instead of sleeping and counting mail.)
   */
  async function expectOnlyPendingQueued(rows: ReminderItem[]): Promise<void> {
    const states = await Promise.all(rows.map((r) => queue.getJobState(r.id)));
    expect(rows.map((r, i) => [r.status, states[i]])).toEqual(
      rows.map((r) => [r.status, r.status === 'pending' ? 'delayed' : 'unknown']),
    );
    expect(rows.every((r) => r.status !== 'pending' || new Date(r.dueAt) > t.clock.now())).toBe(true);
  }

  it('reschedules: the moved hearing gets new reminders and its old time is never mailed', async () => {
    const kase = await watchedCase();
    // Kolkata 14:30 on 22 Jan is 09:00 UTC; its P7D reminder falls due 5 s from "now".
    t.clock.set('2026-01-15T08:59:55Z');
    const moved = await addHearing(kase.id, '2026-01-22T14:30');
    const kept = await addHearing(kase.id, '2026-01-22T14:30');
    const before = await reminders(kase.id, '&kind=hearing_upcoming');
    const oldP7D = before.find((r) => r.subjectId === moved.id && r.offset === 'P7D') as ReminderItem;
    const keptP7D = before.find((r) => r.subjectId === kept.id && r.offset === 'P7D') as ReminderItem;
    expect(oldP7D).toMatchObject({
      status: 'pending',
      dueAt: '2026-01-15T09:00:00.000Z',
      dueAtLocal: '2026-01-15T14:30:00',
    });

    await api()
      .patch(`/api/hearings/${moved.id}`)
      .set(caseworker())
      .send({ scheduledAt: '2026-01-29T14:30' })
      .expect(200);

    const after = await reminders(kase.id, '&kind=hearing_upcoming');
    const ofMoved = after.filter((r) => r.subjectId === moved.id);
    expect(
      ofMoved
        .filter((r) => r.status === 'cancelled')
        .map((r) => r.offset)
        .sort(),
    ).toEqual(['P1D', 'P7D', 'PT2H']);
    expect(ofMoved.filter((r) => r.status === 'pending').map((r) => [r.offset, r.dueAtLocal])).toEqual([
      ['P7D', '2026-01-22T14:30:00'],
      ['P1D', '2026-01-28T14:30:00'],
      ['PT2H', '2026-01-29T12:30:00'],
    ]);

    // The unmoved hearing's reminder goes out; the old job of the moved one runs and sends nothing.
    expect((await waitForJobEnd(queue, keptP7D.id)).returnvalue).toBe('sent');
    expect((await waitForJobEnd(queue, oldP7D.id)).returnvalue).toBe('not-pending');
    expect(mailFor(keptP7D.id)).toHaveLength(1);
    expect(mailFor(oldP7D.id)).toHaveLength(0);
    const sent = (await reminders(kase.id)).find((r) => r.id === keptP7D.id);
    expect(sent).toMatchObject({ status: 'sent', messageId: mailFor(keptP7D.id)[0].messageId });
  });

  it('cancelling a hearing cancels its pending reminders, and none is mailed', async () => {
    const kase = await watchedCase();
    t.clock.set('2026-02-08T08:59:55Z');
    const hearing = await addHearing(kase.id, '2026-02-15T14:30');
    const [p7d] = await reminders(kase.id, '&kind=hearing_upcoming&status=pending');
    expect(p7d.offset).toBe('P7D');
    const sentBefore = smtp.messages.length;

    await api()
      .patch(`/api/hearings/${hearing.id}`)
      .set(caseworker())
      .send({ status: 'cancelled' })
      .expect(200);

    const rows = await reminders(kase.id);
    expect(rows.filter((r) => r.subjectId === hearing.id).every((r) => r.status === 'cancelled')).toBe(true);
    // Its job still fires at the old due time: once it has run, it is known to have mailed nothing.
    expect((await waitForJobEnd(queue, p7d.id)).returnvalue).toBe('not-pending');
    expect(smtp.messages.length).toBe(sentBefore);
    expect(mailFor(p7d.id)).toHaveLength(0);
  });

  it('an outcome with a custody extension schedules the custody-ending reminders', async () => {
    const kase = await watchedCase({ arrestedOn: '2026-01-10' });
    t.clock.set('2026-03-01T09:00:00Z');
    const hearing = await addHearing(kase.id, '2026-03-02T11:00');
    t.clock.set('2026-03-02T12:00:00Z');
    await api()
      .post(`/api/hearings/${hearing.id}/outcome`)
      .set(caseworker())
      .send({
        result: 'Judicial custody extended by 30 days',
        custodyExtension: { kind: 'judicial', days: 30 },
      })
      .expect(200);
    const custody = await reminders(kase.id, '&kind=custody_ending');
    // Ordered on 2 March for 30 days: ends 1 April; reminders 3 and 1 days before, at 09:00 in Kolkata.
    expect(custody.map((r) => [r.offset, r.status, r.dueAtLocal])).toEqual([
      ['P3D', 'pending', '2026-03-29T09:00:00'],
      ['P1D', 'pending', '2026-03-31T09:00:00'],
    ]);
    // The outcome is logged, so its "outcome missing" chases are called off.
    const chases = await reminders(kase.id, '&kind=outcome_missing');
    expect(chases.length).toBeGreaterThan(0);
    expect(chases.every((r) => r.status === 'cancelled')).toBe(true);
  });

  it('records reminders already past as skipped and mails none: entering a historical case sends nothing', async () => {
    const kase = await watchedCase({ arrestedOn: '2021-11-22', title: 'NIA case 2021' });
    t.clock.set('2026-01-15T09:00:00Z');
    const sentBefore = smtp.messages.length;
    await addHearing(kase.id, '2022-07-06T10:30');
    await addHearing(kase.id, '2021-12-04T11:00');
    const rows = await reminders(kase.id);
    const past = rows.filter((r) => new Date(r.dueAt) <= new Date('2026-01-15T09:00:00Z'));
    expect(past.length).toBeGreaterThanOrEqual(12); // 2 hearings × (3 ahead + 3 outcome chases) + milestones
    expect(past.every((r) => r.status === 'skipped')).toBe(true);
    expect(rows.find((r) => r.kind === 'hearing_upcoming' && r.status === 'pending')).toBeUndefined();
    // Only what is still ahead waits: the 5th anniversary of the arrest.
    expect(rows.filter((r) => r.status === 'pending').map((r) => [r.offset, r.dueAtLocal])).toEqual([
      ['Y5', '2026-11-22T09:00:00'],
    ]);
    await expectOnlyPendingQueued(rows);
    expect(smtp.messages.length).toBe(sentBefore);
  });

  it("computes offsets and milestones in the case's zone and keeps them right across daylight saving", async () => {
    const kase = await watchedCase({ timezone: 'Europe/Paris', country: 'FR', arrestedOn: '2026-03-01' });
    t.clock.set('2026-03-05T09:00:00Z');
    await addHearing(kase.id, '2026-04-01T10:30');
    const rows = await reminders(kase.id, '&status=pending');
    const hearing = rows.filter((r) => r.kind === 'hearing_upcoming');
    // Paris moves to summer time on 29 March: 7 days before 10:30 CEST is 10:30 CET.
    expect(hearing.map((r) => [r.offset, r.dueAt, r.dueAtLocal])).toEqual([
      ['P7D', '2026-03-25T09:30:00.000Z', '2026-03-25T10:30:00'],
      ['P1D', '2026-03-31T08:30:00.000Z', '2026-03-31T10:30:00'],
      ['PT2H', '2026-04-01T06:30:00.000Z', '2026-04-01T08:30:00'],
    ]);
    const d30 = rows.find((r) => r.offset === 'D30') as ReminderItem;
    expect([d30.dueAt, d30.dueAtLocal]).toEqual(['2026-03-31T07:00:00.000Z', '2026-03-31T09:00:00']);
    const d100 = rows.find((r) => r.offset === 'D100') as ReminderItem;
    expect(d100.dueAtLocal).toBe('2026-06-09T09:00:00');
  });

  it('marks the anniversary of a 29 February arrest on 28 February in common years', async () => {
    const kase = await watchedCase({ arrestedOn: '2024-02-29' });
    t.clock.set('2026-01-15T09:00:00Z');
    await api()
      .put(`/api/cases/${kase.id}/reminder-policy`)
      .set(caseworker())
      .send({ milestoneDays: [30] })
      .expect(200);
    const rows = await reminders(kase.id, '&kind=detention_milestone');
    expect(rows.map((r) => [r.offset, r.status, r.dueAtLocal])).toEqual([
      ['D30', 'skipped', '2024-03-30T09:00:00'],
      ['Y1', 'skipped', '2025-02-28T09:00:00'],
      ['Y2', 'pending', '2026-02-28T09:00:00'],
    ]);
    expect(rows[2].title).toBe(
      `2 years in detention: ${rows[2].title.split(': ')[1].split(' — ')[0]} — since 29 Feb 2024`,
    );
  });

  it("writes reminder rows in the caller's transaction and queues their jobs only once it commits", async () => {
    const kase = await watchedCase();
    t.clock.set('2026-01-15T09:00:00Z');
    const scheduler = t.app.get(ReminderScheduler);
    const insertHearing = (manager: import('typeorm').EntityManager) =>
      manager.query(
        `INSERT INTO hearings (case_id, scheduled_local, scheduled_at) VALUES ($1, '2026-02-10T10:30', '2026-02-10T05:00:00Z')`,
        [kase.id],
      );

    // Rolled back: no rows, no jobs.
    await expect(
      t.dataSource.transaction(async (manager) => {
        await insertHearing(manager);
        await scheduler.replanCase(manager, kase.id);
        throw new Error('the caller changes its mind');
      }),
    ).rejects.toThrow('the caller changes its mind');
    expect(await reminders(kase.id)).toEqual([]);

    // Committed: while the transaction is open the job is not in Redis; after commit it is.
    let seenBeforeCommit: unknown = 'not checked';
    let planned: string[] = [];
    await t.dataSource.transaction(async (manager) => {
      await insertHearing(manager);
      await scheduler.replanCase(manager, kase.id);
      planned = (
        await manager.query(`SELECT id FROM reminders WHERE case_id = $1 AND status = 'pending'`, [kase.id])
      ).map((row: { id: string }) => row.id);
      seenBeforeCommit = await queue.getJob(planned[0]);
    });
    expect(planned).toHaveLength(6); // 3 ahead of the hearing, 3 outcome chases after it
    expect(seenBeforeCommit).toBeFalsy();
    for (const id of planned) {
      expect(await queue.getJobState(id)).toBe('delayed');
      expect((await queue.getJob(id))?.data).toEqual({ reminderId: id });
    }
  });

  it('seeding the demo case plans only what is still ahead: every past reminder is skipped', async () => {
    t.clock.set('2026-01-15T09:00:00Z');
    const sentBefore = smtp.messages.length;
    const seeder = new DemoSeeder(
      t.dataSource,
      t.app.get(AuditService),
      t.app.get(ReminderScheduler),
      t.clock,
    );
    const { caseIds } = await seeder.seed();
    for (const caseId of caseIds) {
      await api().post(`/api/cases/${caseId}/watchers`).set(caseworker()).send({}).expect(200);
    }
    const rows = (await Promise.all(caseIds.map((id) => reminders(id)))).flat();
    const now = new Date('2026-01-15T09:00:00Z');
    expect(rows.filter((r) => r.status === 'skipped').length).toBeGreaterThan(10);
    expect(
      rows.every((r) => (new Date(r.dueAt) <= now ? r.status === 'skipped' : r.status === 'pending')),
    ).toBe(true);
    await expectOnlyPendingQueued(rows);
    expect(smtp.messages.length).toBe(sentBefore);
  });
});
