import { getQueueToken } from '@nestjs/bullmq';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { Client } from 'pg';
import {
  JobName,
  QueueName,
  REMINDER_BACKOFF_FIRST_MS,
  reminderJobOptions,
  redisConnection,
} from '../src/reminders/reminder-queue';
import { RECONCILE_LOCK, ReminderReconciler } from '../src/reminders/reminder-reconciler';
import { makeCase } from './factories/cases';
import { startTestApp, TestApp } from './support/test-app';
import { startTestWorker, TestWorker } from './support/worker';

// What one reconcile pass does to Redis, against the real PostgreSQL and Redis: lost and finished
// jobs of pending reminders come back exactly as the enqueuer first adds them, live jobs are left
// alone, and the rows are read in more than one page. (The faults spec covers delivery after it.)

interface Row {
  id: string;
  dueAt: Date;
}

jest.setTimeout(60_000);

describe('reminder reconcile', () => {
  let t: TestApp;
  let queue: Queue;
  let caseId: string;

  beforeAll(async () => {
    t = await startTestApp();
    queue = t.app.get<Queue>(getQueueToken(QueueName.Reminders));
    caseId = (await makeCase(t.dataSource)).id;
  });
  afterAll(async () => {
    await t.close();
  });

  /** Reminder rows written straight to the database: no job is added for them. */
  async function insertReminders(count: number, status = 'pending'): Promise<Row[]> {
    const rows = (await t.dataSource.query(
      `INSERT INTO reminders (kind, case_id, subject_id, subject_at, "offset", due_at, dedupe_key, title, status, sent_at)
       SELECT 'hearing_upcoming', $1, gen_random_uuid(), s.at, 'P7D', s.at - interval '7 days',
              'reconcile-test:' || gen_random_uuid(), 'Hearing', $3::reminder_status,
              CASE WHEN $3 = 'sent' THEN s.at END
         FROM generate_series(1, $2::int) i,
              LATERAL (SELECT timestamptz '2026-06-01T09:00:00Z' + i * interval '17 minutes' AS at) s
       RETURNING id, due_at AS "dueAt"`,
      [caseId, count, status],
    )) as Row[];
    return rows;
  }

  const addJob = (row: Row, options = {}) =>
    queue.add(JobName.SendReminder, { reminderId: row.id }, { jobId: row.id, ...options });

  /** Jobs that a worker ran to the end: `outcome` decides whether it completed or failed. */
  async function finishJobs(rows: Row[], outcome: 'completed' | 'failed'): Promise<void> {
    const runner = new Worker(QueueName.Reminders, null, {
      connection: redisConnection(t.config.redisUrl, 'worker'),
      prefix: t.config.queuePrefix,
    });
    try {
      for (const row of rows) {
        await addJob(row);
        const job = await runner.getNextJob('test-token');
        expect(job?.id).toBe(row.id);
        if (outcome === 'completed') {
          await job!.moveToCompleted('done', 'test-token', false);
        } else {
          await job!.moveToFailed(new Error('451 try again later'), 'test-token', false);
        }
        expect(await queue.getJobState(row.id)).toBe(outcome);
      }
    } finally {
      await runner.close();
    }
  }

  /**
   * Starts a worker whose start-up pass finds the advisory lock held (as when another worker is
   * reconciling), so that the test's own pass is the one that does the work.
   */
  async function startWorkerWhileLocked(): Promise<TestWorker> {
    const other = new Client({ connectionString: t.database.url });
    await other.connect();
    try {
      await other.query('SELECT pg_advisory_lock($1)', [RECONCILE_LOCK]);
      const passes = jest.spyOn(ReminderReconciler.prototype, 'reconcile');
      const worker = await startTestWorker(t);
      expect(passes).toHaveBeenCalledTimes(1);
      expect(await passes.mock.results[0].value).toBeNull();
      passes.mockRestore();
      return worker;
    } finally {
      await other.end();
    }
  }

  afterEach(async () => {
    await t.dataSource.query('DELETE FROM reminders');
    const redis = new Redis(t.config.redisUrl);
    const keys = await redis.keys(`${t.config.queuePrefix}:*`);
    if (keys.length) {
      await redis.del(...keys);
    }
    await redis.quit();
  });

  it('restores lost and finished jobs of pending reminders, as first added, and leaves live ones alone', async () => {
    const live = await insertReminders(3);
    const completed = await insertReminders(2);
    const failed = await insertReminders(2);
    const lost = await insertReminders(4_321); // more than two pages of rows
    const notPending = [...(await insertReminders(2, 'sent')), ...(await insertReminders(2, 'cancelled'))];
    for (const row of live) {
      await addJob(row, { delay: 3_600_000 });
    }
    const liveTimestamps = await Promise.all(live.map(async (r) => (await queue.getJob(r.id))!.timestamp));
    await finishJobs(completed, 'completed');
    await finishJobs(failed, 'failed');

    const worker = await startWorkerWhileLocked();
    try {
      const restored = [...completed, ...failed, ...lost];
      expect(await worker.reconciler.reconcile()).toEqual({
        pending: live.length + restored.length,
        enqueued: restored.length,
      });

      const states = await Promise.all([...live, ...restored].map((r) => queue.getJobState(r.id)));
      expect(new Set(states)).toEqual(new Set(['delayed']));
      expect(await Promise.all(live.map(async (r) => (await queue.getJob(r.id))!.timestamp))).toEqual(
        liveTimestamps,
      );
      for (const row of [completed[0], failed[0], lost[0], lost[lost.length - 1]]) {
        const job = (await queue.getJob(row.id))!;
        const expected = reminderJobOptions(
          row.id,
          row.dueAt.getTime() - t.clock.now().getTime(),
          REMINDER_BACKOFF_FIRST_MS,
        );
        expect(job.name).toBe(JobName.SendReminder);
        expect(job.data).toEqual({ reminderId: row.id });
        expect(job.delay).toBe(expected.delay);
        expect(job.opts).toMatchObject({
          attempts: expected.attempts,
          backoff: expected.backoff,
          removeOnComplete: expected.removeOnComplete,
          removeOnFail: expected.removeOnFail,
        });
      }
      for (const row of notPending) {
        expect(await queue.getJob(row.id)).toBeUndefined();
      }

      // Every job is in place now: a second pass adds nothing.
      expect(await worker.reconciler.reconcile()).toEqual({
        pending: live.length + restored.length,
        enqueued: 0,
      });
    } finally {
      await worker.close();
    }
  });
});
