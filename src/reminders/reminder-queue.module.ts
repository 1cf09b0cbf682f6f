import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { QueueName, redisConnection } from './reminder-queue';

/** The BullMQ connection and the reminders queue, with the connection settings of the role. */
@Module({})
export class ReminderQueueModule {
  static forRole(role: 'producer' | 'worker'): DynamicModule {
    return {
      module: ReminderQueueModule,
      imports: [
        BullModule.forRootAsync({
          inject: [APP_CONFIG],
          useFactory: (config: AppConfig) => ({
            connection: redisConnection(config.redisUrl, role),
            prefix: config.queuePrefix,
          }),
        }),
        BullModule.registerQueue({ name: QueueName.Reminders }),
      ],
      exports: [BullModule],
    };
  }
}
