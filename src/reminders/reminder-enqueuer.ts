import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JobState, Queue } from 'bullmq';
import {
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  QueryRunner,
  TransactionCommitEvent,
  TransactionRollbackEvent,
} from 'typeorm';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import {
  JobName,
  QueueName,
  REMINDER_BACKOFF_FIRST_MS,
  reminderJobId,
  reminderJobOptions,
} from './reminder-queue';

/** A job in one of these states will still run; anything else (finished, or gone) will not. */
const LIVE_JOB_STATES: ReadonlySet<JobState | 'unknown'> = new Set<JobState>([
  'waiting',
  'delayed',
  'active',
  'prioritized',
  'waiting-children',
]);

/**
 * Reminders checked and added per batch. Concurrent calls share ioredis's one connection (it
 * pipelines them) and addBulk sends a batch's adds as one pipeline; with several batches in
 * flight, this process builds one while Redis runs another.
 */
const BATCH = 500;

/** A pending reminder as its job needs it: the row to send, and when. */
export interface ReminderToEnqueue {
  id: string;
  dueAt: Date;
}

/**
 * Puts a delayed job in Redis for each pending reminder, but only once the transaction that wrote
 * the row has committed: a job for a rolled-back row, or a job that fires before its row is
 * visible, cannot happen. If Redis is away the row stays pending and the reconciler enqueues it.
 */
@Injectable()
export class ReminderEnqueuer implements EntitySubscriberInterface, OnModuleInit {
  private readonly logger = new Logger('Reminders');
  private readonly waiting = new WeakMap<QueryRunner, ReminderToEnqueue[]>();

  constructor(
    @InjectQueue(QueueName.Reminders) private readonly queue: Queue,
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.dataSource.subscribers.push(this);
  }

  /** Enqueue after `manager`'s transaction commits (at once if it is not in one). */
  async afterCommit(manager: EntityManager, reminders: ReminderToEnqueue[]): Promise<void> {
    const runner = manager.queryRunner;
    if (!runner?.isTransactionActive) {
      await this.enqueue(reminders);
      return;
    }
    this.waiting.set(runner, [...(this.waiting.get(runner) ?? []), ...reminders]);
  }

  async afterTransactionCommit(event: TransactionCommitEvent): Promise<void> {
    // A released savepoint is not the end of the transaction.
    if (event.queryRunner.isTransactionActive) {
      return;
    }
    const reminders = this.waiting.get(event.queryRunner);
    this.waiting.delete(event.queryRunner);
    if (reminders?.length) {
      await this.enqueue(reminders);
    }
  }

  afterTransactionRollback(event: TransactionRollbackEvent): void {
    if (!event.queryRunner.isTransactionActive) {
      this.waiting.delete(event.queryRunner);
    }
  }

  /** Never throws: a reminder whose job could not be added stays pending for the reconciler. */
  private async enqueue(reminders: ReminderToEnqueue[]): Promise<void> {
    try {
      await this.enqueueMissing(reminders);
    } catch (error) {
      this.logger.warn(
        `Could not enqueue ${reminders.length} reminder(s) (${error instanceof Error ? error.message : 'unknown error'}); the reconciler will`,
      );
    }
  }

  /**
   * Adds a job for each reminder that has none that will run (none, or only a finished one), and
   * returns how many it added. Throws if Redis does.
   */
  async enqueueMissing(reminders: ReminderToEnqueue[]): Promise<number> {
    const batches: ReminderToEnqueue[][] = [];
    for (let i = 0; i < reminders.length; i += BATCH) {
      batches.push(reminders.slice(i, i + BATCH));
    }
    const added = await Promise.all(batches.map((batch) => this.addMissingJobs(batch)));
    return added.reduce((sum, count) => sum + count, 0);
  }

  private async addMissingJobs(reminders: ReminderToEnqueue[]): Promise<number> {
    const states = await Promise.all(reminders.map((r) => this.queue.getJobState(reminderJobId(r.id))));
    const missing = reminders.filter((_, i) => !LIVE_JOB_STATES.has(states[i]));
    // A finished job with this id would make the add a no-op: clear it (a retry, a re-plan).
    const finished = reminders.filter((_, i) => states[i] === 'completed' || states[i] === 'failed');
    await Promise.all(finished.map((r) => this.queue.remove(reminderJobId(r.id))));
    if (!missing.length) {
      return 0;
    }
    const now = this.clock.now().getTime();
    const backoffFirstMs = this.config.reminderBackoffMs ?? REMINDER_BACKOFF_FIRST_MS;
    await this.queue.addBulk(
      missing.map((r) => ({
        name: JobName.SendReminder,
        data: { reminderId: r.id },
        opts: reminderJobOptions(r.id, r.dueAt.getTime() - now, backoffFirstMs),
      })),
    );
    return missing.length;
  }
}
