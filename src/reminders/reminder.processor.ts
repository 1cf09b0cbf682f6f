import { Processor, WorkerHost } from '@nestjs/bullmq';
import { OnModuleDestroy } from '@nestjs/common';
import { Job, UnrecoverableError } from 'bullmq';
import { JobName, QueueName, ReminderJob, WORKER_OPTIONS } from './reminder-queue';
import { ReminderSender } from './reminder-sender';
import { PermanentSendFailure, SendOutcome } from './reminder-send-policy';

/** Worker role only: runs each due reminder job through the sender and reports what happened. */
@Processor(QueueName.Reminders, WORKER_OPTIONS)
export class ReminderProcessor extends WorkerHost implements OnModuleDestroy {
  constructor(private readonly sender: ReminderSender) {
    super();
  }

  async process(job: Job<ReminderJob['data'], SendOutcome, ReminderJob['name']>): Promise<SendOutcome> {
    switch (job.name) {
      case JobName.SendReminder:
        try {
          return await this.sender.send(job.data.reminderId, {
            finalAttempt: job.attemptsMade + 1 >= (job.opts.attempts ?? 1),
          });
        } catch (error) {
          // BullMQ's way of saying "no more attempts".
          throw error instanceof PermanentSendFailure ? new UnrecoverableError(error.message) : error;
        }
      default: {
        const unknown: never = job.name;
        throw new Error(`Unknown job ${String(unknown)}`);
      }
    }
  }

  /**
   * On SIGTERM, stop taking jobs and let the email in flight finish, before the database pool and
   * the SMTP pool close (they close in the later onApplicationShutdown hooks).
   */
  async onModuleDestroy(): Promise<void> {
    await this.worker.close();
  }
}
