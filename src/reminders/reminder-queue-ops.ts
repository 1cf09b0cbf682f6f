import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { redisSettingsProblems } from './redis-settings';
import { QueueName } from './reminder-queue';

export interface ReminderQueueStats {
  queue: { waiting: number; delayed: number; active: number; failed: number };
  reminders: { pending: number; failed: number };
}

/** Operational views of the reminder queue: the start-up Redis check and the readiness numbers. */
@Injectable()
export class ReminderQueueOps implements OnApplicationBootstrap {
  private readonly logger = new Logger('Reminders');

  constructor(
    @InjectQueue(QueueName.Reminders) readonly queue: Queue,
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const client = new Redis(this.config.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    try {
      await client.connect();
      const info = `${await client.info('persistence')}\n${await client.info('memory')}`;
      const problems = redisSettingsProblems(info);
      if (problems.length) {
        this.logger.warn(
          `Redis is not set up for durable queues: ${problems.join('; ')}. Reminders survive anyway (the reconciler rebuilds lost jobs from PostgreSQL) but may go out late.`,
        );
      }
    } catch (error) {
      this.logger.warn(
        `Could not check Redis settings: ${error instanceof Error ? error.message : String(error)}`,
      );
    } finally {
      client.disconnect();
    }
  }

  async stats(): Promise<ReminderQueueStats> {
    const counts = await this.queue.getJobCounts('waiting', 'delayed', 'active', 'failed');
    const [rows] = (await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'pending') AS pending, count(*) FILTER (WHERE status = 'failed') AS failed
         FROM reminders WHERE status IN ('pending', 'failed')`,
    )) as { pending: string; failed: string }[];
    return {
      queue: {
        waiting: counts.waiting ?? 0,
        delayed: counts.delayed ?? 0,
        active: counts.active ?? 0,
        failed: counts.failed ?? 0,
      },
      reminders: { pending: Number(rows.pending), failed: Number(rows.failed) },
    };
  }
}
