import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Queue } from 'bullmq';
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

export interface DueReminder {
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
  private readonly waiting = new WeakMap<QueryRunner, DueReminder[]>();

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
  async afterCommit(manager: EntityManager, reminders: DueReminder[]): Promise<void> {
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

  /** Adds (or re-adds) the job of each reminder; never throws, the reconciler covers failures. */
  async enqueue(reminders: DueReminder[]): Promise<number> {
    let added = 0;
    for (const reminder of reminders) {
      try {
        // A finished job with this id would make the add a no-op: clear it (a retry, a re-plan).
        const existing = await this.queue.getJob(reminderJobId(reminder.id));
        if (existing && ((await existing.isCompleted()) || (await existing.isFailed()))) {
          await existing.remove();
        }
        await this.queue.add(
          JobName.SendReminder,
          { reminderId: reminder.id },
          reminderJobOptions(
            reminder.id,
            reminder.dueAt.getTime() - this.clock.now().getTime(),
            this.config.reminderBackoffMs ?? REMINDER_BACKOFF_FIRST_MS,
          ),
        );
        added++;
      } catch (error) {
        this.logger.warn(
          `Could not enqueue reminder ${reminder.id} (${error instanceof Error ? error.message : 'unknown error'}); the reconciler will`,
        );
      }
    }
    return added;
  }
}
