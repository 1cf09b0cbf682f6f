import { Module } from '@nestjs/common';
import { CommonModule } from './common/common.module';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { WorkerHeartbeat } from './health/worker-heartbeat';
import { LoggingModule } from './logging/logging.module';
import { ReminderWorkerModule } from './reminders/reminder-worker.module';

/** The worker role: BullMQ processors that send email, and the heartbeat. No HTTP server. */
@Module({
  imports: [ConfigModule, LoggingModule, CommonModule, DatabaseModule, ReminderWorkerModule],
  providers: [WorkerHeartbeat],
})
export class WorkerModule {}
