import { Global, Module } from '@nestjs/common';
import { StatutoryLimitsController } from '../statutory-limits/statutory-limits.controller';
import { StatutoryLimitsService } from '../statutory-limits/statutory-limits.service';
import { QueueDashboard } from './queue-dashboard';
import { ReminderEnqueuer } from './reminder-enqueuer';
import { ReminderQueueModule } from './reminder-queue.module';
import { ReminderQueueOps } from './reminder-queue-ops';
import { ReminderScheduler } from './reminder-scheduler';
import { RemindersController } from './reminders.controller';
import { RemindersService } from './reminders.service';
import { UnheardCases } from './unheard-cases';

/**
 * The api role's side of reminders: planning (ReminderScheduler, which every case feature calls
 * in its transactions), enqueueing after commit, the HTTP API and the admin queue dashboard.
 * Nothing here sends mail: that is the worker's ReminderWorkerModule.
 */
@Global()
@Module({
  imports: [ReminderQueueModule.forRole('producer')],
  controllers: [RemindersController, StatutoryLimitsController],
  providers: [
    ReminderScheduler,
    ReminderEnqueuer,
    ReminderQueueOps,
    RemindersService,
    StatutoryLimitsService,
    QueueDashboard,
    UnheardCases,
  ],
  exports: [ReminderScheduler, ReminderQueueOps, RemindersService, StatutoryLimitsService, UnheardCases],
})
export class RemindersModule {}
