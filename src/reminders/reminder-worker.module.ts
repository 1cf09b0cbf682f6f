import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import { WorkerCounters } from '../health/worker-counters';
import { MailModule } from '../mail/mail.module';
import { ReminderEnqueuer } from './reminder-enqueuer';
import { ReminderQueueModule } from './reminder-queue.module';
import { ReminderQueueOps } from './reminder-queue-ops';
import { ReminderReconciler } from './reminder-reconciler';
import { ReminderScheduler } from './reminder-scheduler';
import { ReminderSender } from './reminder-sender';
import { ReminderSendStore } from './reminder-send-store';
import { ReminderProcessor } from './reminder.processor';

/** The worker role: processes due reminder jobs (sends mail) and runs the reconciler. */
@Module({
  imports: [ReminderQueueModule.forRole('worker'), MailModule, AuditModule],
  providers: [
    ReminderScheduler,
    ReminderEnqueuer,
    ReminderQueueOps,
    ReminderSender,
    ReminderSendStore,
    ReminderProcessor,
    ReminderReconciler,
    WorkerCounters,
  ],
  exports: [ReminderReconciler, ReminderSender, ReminderScheduler, WorkerCounters],
})
export class ReminderWorkerModule {}
