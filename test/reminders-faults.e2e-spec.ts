import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DateTime } from 'luxon';
import { QueueName, REMINDER_JOB_ATTEMPTS } from '../src/reminders/reminder-queue';
import { ReminderSender } from '../src/reminders/reminder-sender';
import { makeCase } from './factories/cases';
import { waitForJobEnd } from './support/jobs';
import { startTestSmtp, TestSmtp } from './support/smtp';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { signInToWeb } from './support/web-session';
import { startTestWorker, TestWorker } from './support/worker';
import { spawnWorkerProcess, WorkerProcess } from './support/worker-process';

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
    smtp.refuseAddresses.clear();
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

  /**
   * `count` hearing reminders (their P7D) that fall due `inMs` from now, on a case of their own
   * watched by the caseworker, with `external` addresses as its recipients besides.
   */
  async function dueSoon(
    count: number,
    inMs: number,
    external: string[] = [],
  ): Promise<{ caseId: string; due: ReminderItem[]; hearingAt: DateTime }> {
    const kase = await makeCase(t.dataSource, { arrestedOn: null });
    await t.http().post(`/api/cases/${kase.id}/watchers`).set(caseworker()).send({}).expect(200);
    for (const [i, email] of external.entries()) {
      await t
        .http()
        .post(`/api/cases/${kase.id}/recipients`)
        .set(caseworker())
        .send({ name: `Partner ${i + 1}`, email, language: 'en' })
        .expect(201);
    }
    // A month after the real time: a worker process reads the real clock, and must not find the
    // hearing begun (that reminder would be late, and skipped).
    const hearingAt = DateTime.utc()
      .startOf('minute')
      .plus({ days: 30 + day++ });
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
    return { caseId: kase.id, due, hearingAt };
  }

  /** Each reminder's job has run to its end: nothing more can be mailed for any of them. */
  const jobsEnded = (ids: string[]) => Promise.all(ids.map((id) => waitForJobEnd(queue, id, 40_000)));

  const to = (reminderId: string, address: string) =>
    mailFor(reminderId).filter((m) => m.to.includes(address));

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
      await jobsEnded(due.map((r) => r.id));
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
      await jobsEnded([due[0].id]);
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
      await jobsEnded(due.map((r) => r.id));
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
      await jobsEnded([due[0].id]);
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

  it('two worker processes come back to a batch of due reminders: one email per reminder and recipient', async () => {
    const workers: WorkerProcess[] = [];
    try {
      const external = ['one@partner.example', 'two@partner.example'];
      const { caseId, due } = await dueSoon(40, 500, external);
      const ids = due.map((r) => r.id);
      // Both start at once on jobs already due (their start-up reconcile passes race too); each job
      // takes a while (three messages held 150 ms each), so both take a share.
      smtp.acceptDelayMs = 150;
      workers.push(...(await Promise.all([spawnWorkerProcess(t), spawnWorkerProcess(t)])));
      await waitForStatus(caseId, ids, 'sent', 60_000);
      // Nothing left to run (whatever its job id): every job that could mail has run to its end.
      const started = Date.now();
      for (;;) {
        const counts = await queue.getJobCounts('waiting', 'active', 'prioritized');
        if (counts.waiting + counts.active + counts.prioritized === 0) {
          break;
        }
        expect(Date.now() - started).toBeLessThan(30_000);
        await sleep(100);
      }
      for (const id of ids) {
        expect(
          mailFor(id)
            .flatMap((m) => m.to)
            .sort(),
        ).toEqual(['caseworker@example.org', ...external]);
      }
      for (const worker of workers) {
        expect(worker.output()).toMatch(/Sent reminder/);
      }
    } finally {
      for (const worker of workers) {
        worker.child.kill('SIGTERM');
        await worker.exited;
      }
    }
  });

  it('SMTP refusing one recipient for a while: the others get theirs at once, the retry mails only that one, once, with the same Message-ID', async () => {
    const worker = await startTestWorker(t);
    try {
      const slow = 'slow@partner.example';
      const others = ['caseworker@example.org', 'first@partner.example'];
      smtp.refuseAddresses.set(slow, 451);
      const { caseId, due } = await dueSoon(1, 500, ['first@partner.example', slow]);
      const id = due[0].id;
      const started = Date.now();
      for (;;) {
        const [row] = (await reminders(caseId)).filter((r) => r.id === id);
        if (row.attempts >= 2) {
          expect(row.status).toBe('pending');
          expect(row.lastError).toMatch(/451/);
          expect(row.lastError).not.toMatch(/@/);
          break;
        }
        expect(Date.now() - started).toBeLessThan(15_000);
        await sleep(100);
      }
      // Two attempts in, the others have had theirs, once; the refused address nothing yet.
      for (const address of others) {
        expect(to(id, address)).toHaveLength(1);
      }
      expect(to(id, slow)).toHaveLength(0);

      smtp.refuseAddresses.delete(slow);
      const [sent] = await waitForStatus(caseId, [id], 'sent');
      expect((await jobsEnded([id]))[0].returnvalue).toBe('sent');
      for (const address of [...others, slow]) {
        expect(to(id, address)).toHaveLength(1);
      }
      const refused = smtp.rejected.filter((m) => m.messageId.startsWith(`<${id}.`));
      expect(refused.length).toBeGreaterThanOrEqual(2);
      expect(refused.every((m) => m.to.join() === slow)).toBe(true);
      // Every attempt at the slow address carried the one Message-ID that finally arrived.
      expect(new Set(refused.map((m) => m.messageId))).toEqual(new Set([to(id, slow)[0].messageId]));
      expect(mailFor(id).map((m) => m.messageId)).toContain(sent.messageId);
    } finally {
      await worker.close();
    }
  });

  it('a permanent refusal (5xx): no retries, the reminder fails at once with a redacted reason, shown on the dashboard', async () => {
    const worker = await startTestWorker(t);
    try {
      const gone = 'gone@partner.example';
      smtp.refuseAddresses.set(gone, 550);
      const { caseId, due } = await dueSoon(1, 300, [gone]);
      const id = due[0].id;
      const [job] = await jobsEnded([id]);
      expect(job).toMatchObject({ state: 'failed', attemptsMade: 1 });
      expect(job.failedReason).toMatch(/550/);
      expect(job.failedReason).not.toMatch(/@/);
      const [failed] = (await reminders(caseId)).filter((r) => r.id === id);
      expect(failed).toMatchObject({ status: 'failed', attempts: 1 });
      expect(failed.lastError).toMatch(/550/);
      expect(failed.lastError).not.toMatch(/@/);
      // The watcher got theirs; the refused address was tried once.
      expect(mailFor(id).map((m) => m.to)).toEqual([['caseworker@example.org']]);
      expect(smtp.rejected.filter((m) => m.messageId.startsWith(`<${id}.`))).toHaveLength(1);

      const web = await signInToWeb(t, t.users.caseworker);
      const dashboard = (await web.agent.get('/').expect(200)).text;
      const escaped = (failed.lastError as string)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;');
      expect(dashboard).toContain('1 attempt: ' + escaped);
      expect(dashboard).not.toContain(gone);
    } finally {
      await worker.close();
    }
  });

  it('a reminder late by more than its lead time is skipped, not sent, with the reason listed and shown', async () => {
    const worker = await startTestWorker(t);
    try {
      const { caseId, due, hearingAt } = await dueSoon(1, 1500);
      const id = due[0].id;
      // Before its job fires, the worker's clock passes the hearing, as after a worker restart or
      // a Redis loss: "Hearing in 7 days" would now be false.
      t.clock.set(hearingAt.plus({ minutes: 1 }).toJSDate());
      expect((await jobsEnded([id]))[0].returnvalue).toBe('skipped');
      expect(mailFor(id)).toHaveLength(0);
      const [skipped] = (await reminders(caseId)).filter((r) => r.id === id);
      expect(skipped.status).toBe('skipped');
      const at = (instant: DateTime) => instant.toUTC().toFormat("yyyy-MM-dd HH:mm 'UTC'");
      expect(skipped.lastError).toBe(
        `Late: due ${at(hearingAt.minus({ days: 7 }))}, not sent by ${at(hearingAt)}, when what it announces began`,
      );
      const web = await signInToWeb(t, t.users.caseworker);
      const page = (await web.agent.get(`/settings/cases/${caseId}`).expect(200)).text;
      // The page says it with the dates as people read them.
      const said = (instant: DateTime) => instant.toUTC().toFormat("d MMMM yyyy, HH:mm 'UTC'");
      expect(page).toContain(
        `Late: due ${said(hearingAt.minus({ days: 7 }))}, not sent by ${said(hearingAt)}, when what it announces began`,
      );
    } finally {
      await worker.close();
    }
  });
});
