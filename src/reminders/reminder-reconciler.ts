import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkerCounters } from '../health/worker-counters';
import { ReminderEnqueuer } from './reminder-enqueuer';
import { RECONCILE_EVERY_MS } from './reminder-queue';
import { ReminderScheduler } from './reminder-scheduler';

// Any fixed number works; it only has to be the same in every worker.
export const RECONCILE_LOCK = 734_201_903;
// Pending rows read per query; the enqueuer checks and adds them in concurrent batches.
const PAGE = 2000;

export interface ReconcileResult {
  pending: number;
  enqueued: number;
}

/**
 * PostgreSQL is the truth, Redis a cache of it: at start-up and every few minutes, every pending
 * reminder whose job Redis lost (a restart without AOF, a flush, an add that failed while Redis
 * was away) is enqueued again. One worker at a time, under a PostgreSQL advisory lock.
 */
@Injectable()
export class ReminderReconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Reminders');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly enqueuer: ReminderEnqueuer,
    private readonly scheduler: ReminderScheduler,
    private readonly counters: WorkerCounters,
  ) {}

  onApplicationBootstrap(): void {
    const run = () =>
      this.reconcile().catch((error: unknown) =>
        this.logger.error(`Reconcile failed: ${error instanceof Error ? error.message : String(error)}`),
      );
    void run();
    this.timer = setInterval(() => void run(), RECONCILE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Returns null when another worker holds the lock. */
  async reconcile(): Promise<ReconcileResult | null> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [{ locked }] = (await runner.query('SELECT pg_try_advisory_lock($1) AS locked', [
        RECONCILE_LOCK,
      ])) as {
        locked: boolean;
      }[];
      if (!locked) {
        return null;
      }
      try {
        await this.planMissingDigests();
        const result: ReconcileResult = { pending: 0, enqueued: 0 };
        let after = '00000000-0000-0000-0000-000000000000';
        for (;;) {
          const rows = (await runner.query(
            `SELECT id, due_at AS "dueAt" FROM reminders WHERE status = 'pending' AND id > $1 ORDER BY id LIMIT ${PAGE}`,
            [after],
          )) as { id: string; dueAt: Date }[];
          if (!rows.length) {
            break;
          }
          after = rows[rows.length - 1].id;
          result.pending += rows.length;
          result.enqueued += await this.enqueuer.enqueueMissing(rows);
        }
        if (result.enqueued) {
          this.logger.warn(
            `Reconcile: re-enqueued ${result.enqueued} of ${result.pending} pending reminders`,
          );
        }
        this.counters.reconciled(result.enqueued);
        return result;
      } finally {
        await runner.query('SELECT pg_advisory_unlock($1)', [RECONCILE_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  /** A watcher whose next digest is not planned (new since the last one, or lost) gets it planned. */
  private async planMissingDigests(): Promise<void> {
    const users = (await this.dataSource.query(
      `SELECT DISTINCT w.user_id AS id FROM case_watchers w JOIN users u ON u.id = w.user_id
        WHERE u.active
          AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.user_id = w.user_id AND r.kind = 'weekly_digest' AND r.status = 'pending')`,
    )) as { id: string }[];
    for (const user of users) {
      await this.dataSource.transaction((manager) => this.scheduler.planDigest(manager, user.id));
    }
  }
}
