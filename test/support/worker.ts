import { LoggerService, LogLevel } from '@nestjs/common';
import { Test, TestingModule } from '@nestjs/testing';
import { Clock } from '../../src/common/clock';
import { APP_CONFIG } from '../../src/config/config.module';
import { ReminderReconciler } from '../../src/reminders/reminder-reconciler';
import { WorkerModule } from '../../src/worker.module';
import { TestApp } from './test-app';

export interface TestWorker {
  context: TestingModule;
  reconciler: ReminderReconciler;
  /** What SIGTERM does in `node dist/src/main worker`: lifecycle shutdown, in-flight email first. */
  close(): Promise<void>;
}

/**
 * Boots the worker role (WorkerModule, as `node dist/src/main worker` does) against the test
 * app's database, Redis prefix, SMTP server and clock.
 */
export async function startTestWorker(
  t: TestApp,
  logger: LoggerService | LogLevel[] = ['error'],
): Promise<TestWorker> {
  const context = await Test.createTestingModule({ imports: [WorkerModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(t.config)
    .overrideProvider(Clock)
    .useValue(t.clock)
    .compile();
  context.useLogger(logger);
  await context.init();
  return { context, reconciler: context.get(ReminderReconciler), close: () => context.close() };
}
