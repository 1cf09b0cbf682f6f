import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DateTime } from 'luxon';
import { QueueName, REMINDER_JOB_ATTEMPTS } from '../src/reminders/reminder-queue';
import { ReminderSender } from '../src/reminders/reminder-sender';
import { makeCase } from './factories/cases';
import { startTestSmtp, TestSmtp } from './support/smtp';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { startTestWorker, TestWorker } from './support/worker';
import { spawnWorkerProcess } from './support/worker-process';

// Issue 3 point 8 and the graceful shutdown of point 10, against the real Redis, a real SMTP
// server on loopback and real worker processes. Nothing is mocked.

interface ReminderItem {
  id: string;
  offset: string;
  status: string;
  attempts: number;
  lastError: string | null;
  messageId: string | null;
  subjectId: string;
}

jest.setTimeout(60_000);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reminder faults', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let queue: Queue;
  let day = 0;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp({ env: { SMTP_URL: smtp.url, REMINDER_BACKOFF_MS: '200' } });
    queue = t.app.get<Queue>(getQueueToken(QueueName.Reminders));
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });
  afterEach(() => {
    smtp.refusing = false;
    smtp.acceptDelayMs = 0;
  });

  const caseworker = () => bearer(t.users.caseworker);

  async function reminders(caseId: string): Promise<ReminderItem[]> {
    const response = await t
      .http()
      .get(`/api/reminders?caseId=${caseId}&kind=hearing_upcoming&limit=200`)
      .set(caseworker())
      .expect(200);
    return response.body.items;
  }

  /** `count` hearing reminders (their P7D) that fall due `inMs` from now, on a watched case of their own. */
  async function dueSoon(count: number, inMs: number): Promise<{ caseId: string; due: ReminderItem[] }> {
    const kase = await makeCase(t.dataSource, { arrestedOn: null });
    await t.http().post(`/api/cases/${kase.id}/watchers`).set(caseworker()).send({}).expect(200);
    const hearingAt = DateTime.fromISO('2026-05-01T09:00:00Z').plus({ days: 7 + day++ });
    t.clock.set(hearingAt.minus({ days: 7, milliseconds: inMs }).toJSDate());
    const local = hearingAt.setZone(kase.timezone).toFormat("yyyy-MM-dd'T'HH:mm");
    for (let i = 0; i < count; i++) {
      await t
        .http()
        .post(`/api/cases/${kase.id}/hearings`)
        .set(caseworker())
        .send({ scheduledAt: local })
        .expect(201);
    }
    const due = (await reminders(kase.id)).filter((r) => r.offset === 'P7D');
    expect(due).toHaveLength(count);
    expect(due.every((r) => r.status === 'pending')).toBe(true);
    return { caseId: kase.id, due };
  }

  const mailFor = (reminderId: string) =>
    smtp.messages.filter((m) => m.messageId.startsWith(`<${reminderId}.`));

  async function waitForStatus(caseId: string, ids: string[], status: string, timeoutMs = 20_000) {
    const started = Date.now();
    for (;;) {
      const rows = (await reminders(caseId)).filter((r) => ids.includes(r.id));
      if (rows.every((r) => r.status === status)) {
        return rows;
      }
      if (Date.now() - started > timeoutMs) {
        throw new Error(`Timed out waiting for ${status}: ${JSON.stringify(rows)}`);
      }
      await sleep(200);
    }
  }

  it('Redis flushed while reminders are pending: each is still delivered, exactly once, after reconcile', async () => {
    const worker = await startTestWorker(t);
    try {
      const { caseId, due } = await dueSoon(3, 2500);
      // Lose everything this deployment has in Redis (only our prefix: other suites share the server).
      const redis = new Redis(t.config.redisUrl);
      const keys = await redis.keys(`${t.config.queuePrefix}:*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
      await redis.quit();
      expect(await queue.getJob(due[0].id)).toBeFalsy();

      const result = await worker.reconciler.reconcile();
      expect(result?.enqueued).toBe(result?.pending);
      expect(result?.pending).toBeGreaterThanOrEqual(9); // the P7D, P1D and PT2H of three hearings
      // A second pass finds every job in place and adds nothing.
      expect((await worker.reconciler.reconcile())?.enqueued).toBe(0);

      await waitForStatus(
        caseId,
        due.map((r) => r.id),
        'sent',
      );
      await sleep(1000);
      for (const reminder of due) {
        expect(mailFor(reminder.id)).toHaveLength(1);
      }
    } finally {
      await worker.close();
    }
  });

  it('SMTP refusing for a while: retried with backoff and delivered once it is back', async () => {
    const worker = await startTestWorker(t);
    try {
      smtp.refusing = true;
      const { caseId, due } = await dueSoon(1, 500);
      const started = Date.now();
      for (;;) {
        const [row] = (await reminders(caseId)).filter((r) => r.id === due[0].id);
        if (row.attempts >= 2) {
          expect(row.status).toBe('pending');
          expect(row.lastError).toMatch(/451/);
          break;
        }
        expect(Date.now() - started).toBeLessThan(15_000);
        await sleep(100);
      }
      smtp.refusing = false;
      const [sent] = await waitForStatus(caseId, [due[0].id], 'sent');
      expect(sent.attempts).toBeGreaterThanOrEqual(3);
      expect(sent.lastError).toBeNull();
      await sleep(500);
      expect(mailFor(due[0].id)).toHaveLength(1);
      expect(sent.messageId).toBe(mailFor(due[0].id)[0].messageId);
    } finally {
      await worker.close();
    }
  });

  it('SMTP refusing to the end: after the last attempt the reminder is failed in the API, and retry sends it', async () => {
    const worker = await startTestWorker(t);
    try {
      smtp.refusing = true;
      const { caseId, due } = await dueSoon(1, 300);
      const [failed] = await waitForStatus(caseId, [due[0].id], 'failed', 30_000);
      expect(failed.attempts).toBe(REMINDER_JOB_ATTEMPTS);
      expect(failed.lastError).toMatch(/451/);
      expect(failed.lastError).not.toMatch(/@/); // no addresses kept in errors (they reach logs)
      const listed = await t.http().get('/api/reminders?status=failed').set(caseworker()).expect(200);
      expect(listed.body.items.map((r: ReminderItem) => r.id)).toContain(due[0].id);
      expect(mailFor(due[0].id)).toHaveLength(0);

      smtp.refusing = false;
      await t.http().post(`/api/reminders/${due[0].id}/retry`).set(bearer(t.users.viewer)).expect(403);
      const retried = await t.http().post(`/api/reminders/${due[0].id}/retry`).set(caseworker()).expect(200);
      expect(retried.body.status).toBe('pending');
      await t.http().post(`/api/reminders/${due[0].id}/retry`).set(caseworker()).expect(409);
      await waitForStatus(caseId, [due[0].id], 'sent');
      expect(mailFor(due[0].id)).toHaveLength(1);
    } finally {
      await worker.close();
    }
  });

  it('two workers at once: each reminder is mailed once', async () => {
    const [first, second] = [await startTestWorker(t), await startTestWorker(t)];
    try {
      smtp.acceptDelayMs = 300;
      const { caseId, due } = await dueSoon(8, 6000);
      // Both also get handed the same reminders directly, as a duplicated job would.
      const racing = due
        .slice(0, 3)
        .flatMap((r) => [
          first.context.get(ReminderSender).send(r.id, { finalAttempt: false }),
          second.context.get(ReminderSender).send(r.id, { finalAttempt: false }),
        ]);
      const outcomes = await Promise.all(racing);
      expect(outcomes.filter((o) => o === 'sent')).toHaveLength(3);
      await waitForStatus(
        caseId,
        due.map((r) => r.id),
        'sent',
      );
      await sleep(1500);
      for (const reminder of due) {
        expect(mailFor(reminder.id)).toHaveLength(1);
      }
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  });

  it('the same reminder handed to one worker twice at once is mailed once', async () => {
    const worker = await startTestWorker(t);
    try {
      const { caseId, due } = await dueSoon(1, 6000);
      const sender = worker.context.get(ReminderSender);
      const outcomes = await Promise.all([
        sender.send(due[0].id, { finalAttempt: false }),
        sender.send(due[0].id, { finalAttempt: false }),
      ]);
      expect(outcomes.sort()).toEqual(['busy', 'sent']);
      await waitForStatus(caseId, [due[0].id], 'sent');
      await sleep(500);
      expect(mailFor(due[0].id)).toHaveLength(1);
    } finally {
      await worker.close();
    }
  });

  it('a worker killed mid-send loses nothing: another picks the job up, with the same Message-ID', async () => {
    const doomed = await spawnWorkerProcess(t);
    let survivor: TestWorker | undefined;
    try {
      smtp.acceptDelayMs = 1500;
      const { caseId, due } = await dueSoon(2, 800);
      await smtp.waitForHeld();
      doomed.child.kill('SIGKILL');
      expect(await doomed.exited).toBe('SIGKILL');
      smtp.acceptDelayMs = 0;

      survivor = await startTestWorker(t);
      const rows = await waitForStatus(
        caseId,
        due.map((r) => r.id),
        'sent',
        40_000,
      );
      for (const row of rows) {
        const copies = mailFor(row.id);
        // The message the dead worker had handed over may have been accepted too: then it is the
        // same message again (same Message-ID), recognisable as a resend, never a different one.
        expect(copies.length).toBeGreaterThanOrEqual(1);
        expect(copies.length).toBeLessThanOrEqual(2);
        expect(new Set(copies.map((m) => m.messageId))).toEqual(new Set([row.messageId]));
      }
    } finally {
      doomed.child.kill('SIGKILL');
      await survivor?.close();
    }
  });

  it('SIGTERM lets the worker finish the email in flight before it exits', async () => {
    const worker = await spawnWorkerProcess(t);
    try {
      smtp.acceptDelayMs = 1500;
      const { caseId, due } = await dueSoon(1, 500);
      await smtp.waitForHeld();
      const heldAt = Date.now();
      worker.child.kill('SIGTERM');
      expect([0, 'SIGTERM']).toContain(await worker.exited);
      expect(Date.now() - heldAt).toBeGreaterThan(1000);
      const [row] = (await reminders(caseId)).filter((r) => r.id === due[0].id);
      expect(row.status).toBe('sent');
      expect(mailFor(due[0].id)).toHaveLength(1);
    } finally {
      worker.child.kill('SIGKILL');
    }
  });
});
