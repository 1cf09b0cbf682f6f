import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { Clock } from '../common/clock';
import { ReminderQueueOps, ReminderQueueStats } from '../reminders/reminder-queue-ops';
import { readWorkerStatus, WorkerStatus } from './worker-heartbeat';

export interface CheckResult {
  status: 'up' | 'down';
  error?: string;
}

/** Whether this api can serve: its own dependencies only, nothing about queues or data. */
export interface Readiness {
  status: 'ok' | 'unavailable';
  checks: Record<string, CheckResult>;
}

const CHECK_TIMEOUT_MS = 2000;

const withTimeout = <T>(promise: Promise<T>): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error('timed out')), CHECK_TIMEOUT_MS).unref(),
    ),
  ]);

async function check(probe: () => Promise<unknown>): Promise<CheckResult> {
  try {
    await withTimeout(probe());
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: error instanceof Error ? error.message : String(error) };
  }
}

@Injectable()
export class HealthService implements OnModuleDestroy {
  private readonly redis: Redis;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly reminderQueue: ReminderQueueOps,
  ) {
    // A dedicated, non-blocking connection: a health probe must fail fast, never queue commands.
    this.redis = new Redis(config.redisUrl, {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
      enableOfflineQueue: false,
    });
    this.redis.on('error', () => undefined);
  }

  async readiness(): Promise<Readiness> {
    const [postgres, redis] = await Promise.all([
      check(() => this.dataSource.query('SELECT 1')),
      check(async () => {
        if (this.redis.status === 'wait' || this.redis.status === 'end') {
          await this.redis.connect();
        }
        return this.redis.ping();
      }),
    ]);
    const checks = { postgres, redis };
    const status = Object.values(checks).every((c) => c.status === 'up') ? 'ok' : 'unavailable';
    return { status, checks };
  }

  /** Whether any worker wrote a heartbeat in the last two minutes. */
  worker(): Promise<WorkerStatus> {
    return withTimeout(readWorkerStatus(this.dataSource, this.clock.now()));
  }

  /** Reminder queue depth and failures, for admins. */
  queue(): Promise<ReminderQueueStats> {
    return withTimeout(this.reminderQueue.stats());
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }
}
