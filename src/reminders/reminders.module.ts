import { Global, Module } from '@nestjs/common';
import { ReminderScheduler } from './reminder-scheduler';

@Global()
@Module({ providers: [ReminderScheduler], exports: [ReminderScheduler] })
export class RemindersModule {}
