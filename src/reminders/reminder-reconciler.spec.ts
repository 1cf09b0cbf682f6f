import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { WorkerCounters } from '../health/worker-counters';
import { ReminderEnqueuer } from './reminder-enqueuer';
import { RECONCILE_EVERY_MS } from './reminder-queue';
import { ReminderReconciler } from './reminder-reconciler';
import { ReminderScheduler } from './reminder-scheduler';

// The schedule of the passes only; what a pass does is tested against real PostgreSQL and Redis
// in test/reminder-reconcile.e2e-spec.ts.
describe('ReminderReconciler schedule', () => {
  let reconciler: ReminderReconciler;
  let reconcile: jest.SpyInstance;
  let logError: jest.SpyInstance;

  beforeEach(() => {
    jest.useFakeTimers();
    reconciler = new ReminderReconciler(
      {} as DataSource,
      {} as ReminderEnqueuer,
      {} as ReminderScheduler,
      new WorkerCounters(),
    );
    reconcile = jest.spyOn(reconciler, 'reconcile').mockResolvedValue({ pending: 0, enqueued: 0 });
    logError = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => {
    reconciler.onModuleDestroy();
    jest.useRealTimers();
    jest.restoreAllMocks();
  });

  it('runs a pass at start-up, then one every RECONCILE_EVERY_MS, and none after the module is destroyed', async () => {
    reconciler.onApplicationBootstrap();
    expect(reconcile).toHaveBeenCalledTimes(1);

    await jest.advanceTimersByTimeAsync(RECONCILE_EVERY_MS - 1);
    expect(reconcile).toHaveBeenCalledTimes(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(reconcile).toHaveBeenCalledTimes(2);
    await jest.advanceTimersByTimeAsync(2 * RECONCILE_EVERY_MS);
    expect(reconcile).toHaveBeenCalledTimes(4);

    reconciler.onModuleDestroy();
    await jest.advanceTimersByTimeAsync(3 * RECONCILE_EVERY_MS);
    expect(reconcile).toHaveBeenCalledTimes(4);
  });

  it('logs a failed pass and still runs the next one', async () => {
    reconcile.mockRejectedValueOnce(new Error('Connection is closed.'));
    reconciler.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(0);
    expect(logError).toHaveBeenCalledWith('Reconcile failed: Connection is closed.');

    await jest.advanceTimersByTimeAsync(RECONCILE_EVERY_MS);
    expect(reconcile).toHaveBeenCalledTimes(2);
    expect(logError).toHaveBeenCalledTimes(1);
  });

  it('does not keep the process alive for the next pass', () => {
    const setIntervalSpy = jest.spyOn(global, 'setInterval');
    reconciler.onApplicationBootstrap();
    const timer = setIntervalSpy.mock.results[0].value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
  });
});
