import { getQueueToken } from '@nestjs/bullmq';
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
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
import { bearer, startTestApp, TestApp } from './support/test-app';
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
      `INSERT INTO reminders (kind, case_id, subject_id, subject_at, "offset", due_at, dedupe_key, title, visibility, status, sent_at)
       SELECT 'hearing_upcoming', $1, gen_random_uuid(), s.at, 'P7D', s.at - interval '7 days',
              'reconcile-test:' || gen_random_uuid(), 'Hearing', 'public', $3::reminder_status,
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

/** A Redis of this test's own on a free loopback port, with no persistence, to stop and start at will. */
class OwnRedis {
  private process?: ChildProcess;

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve));
    const redis = new OwnRedis(port);
    await redis.up();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  async up(): Promise<void> {
    const child = spawn(
      'redis-server',
      ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    this.process = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', () => reject(new Error(`redis-server exited:\n${output}`)));
    });
  }

  async down(): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) {
      return;
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
}

describe('a write while Redis is down', () => {
  let redis: OwnRedis;
  let t: TestApp;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    t = await startTestApp({ env: { REDIS_URL: redis.url } });
  });
  afterAll(async () => {
    try {
      await t?.close();
    } finally {
      await redis?.down();
    }
  });

  it('is saved with its reminder rows and answered with success; the reconciler enqueues the jobs once Redis is back', async () => {
    const kase = await makeCase(t.dataSource, { arrestedOn: null });
    await redis.down();

    const hearing = await t
      .http()
      .post(`/api/cases/${kase.id}/hearings`)
      .set(bearer(t.users.caseworker))
      .send({ scheduledAt: '2026-02-10T10:30' })
      .expect(201);
    const rows = (await t.dataSource.query(
      `SELECT id, status FROM reminders WHERE subject_id = $1 ORDER BY due_at`,
      [hearing.body.id],
    )) as { id: string; status: string }[];
    expect(rows.map((r) => r.status)).toEqual(Array(6).fill('pending')); // 3 ahead, 3 outcome chases

    await redis.up();
    const queue = new Queue(QueueName.Reminders, {
      connection: redisConnection(redis.url, 'worker'),
      prefix: t.config.queuePrefix,
    });
    try {
      // Redis came back empty: no job for any of them.
      expect(await Promise.all(rows.map((r) => queue.getJobState(r.id)))).toEqual(rows.map(() => 'unknown'));
      const worker = await startTestWorker(t);
      try {
        // The worker's start-up pass, or this one if that one is still running (the lock lets one run).
        const started = Date.now();
        let states: string[] = [];
        for (;;) {
          await worker.reconciler.reconcile();
          states = await Promise.all(rows.map((r) => queue.getJobState(r.id)));
          if (states.every((state) => state === 'delayed') || Date.now() - started > 20_000) {
            break;
          }
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(states).toEqual(rows.map(() => 'delayed'));
        for (const row of rows) {
          expect((await queue.getJob(row.id))?.data).toEqual({ reminderId: row.id });
        }
        // Once the start-up pass is over, another finds every job in place.
        let again = await worker.reconciler.reconcile();
        while (again === null && Date.now() - started < 20_000) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          again = await worker.reconciler.reconcile();
        }
        expect(again).toMatchObject({ enqueued: 0 });
      } finally {
        await worker.close();
      }
      // The api's own connection comes back too (it retries on its own, with backoff).
      const apiQueue = t.app.get<Queue>(getQueueToken(QueueName.Reminders));
      const since = Date.now();
      for (;;) {
        const state = await apiQueue.getJobState(rows[0].id).catch(() => null);
        if (state === 'delayed' || Date.now() - since > 30_000) {
          expect(state).toBe('delayed');
          break;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    } finally {
      await queue.close();
    }
  });
});
