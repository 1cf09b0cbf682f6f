import type { JobsOptions, RedisOptions, WorkerOptions } from 'bullmq';
import Redis from 'ioredis';
import { SMTP_MAX_CONNECTIONS } from '../mail/smtp-pool';

// Everything BullMQ is told about reminders, in one place.

export enum QueueName {
  Reminders = 'reminders',
}

export enum JobName {
  SendReminder = 'send-reminder',
}

/** Job data is ids only: names, addresses and case text stay in PostgreSQL. */
export type ReminderJob = { name: JobName.SendReminder; data: { reminderId: string } };

/** Attempts per send before the reminder is marked failed; waits double from the first delay. */
export const REMINDER_JOB_ATTEMPTS = 6;
export const REMINDER_BACKOFF_FIRST_MS = 30_000;

/**
 * Jobs one worker runs at once: sending is I/O-bound (PostgreSQL and SMTP round trips), so
 * overlapping the waits is what sets throughput. One SMTP connection per job in flight.
 */
export const REMINDER_WORKER_CONCURRENCY = SMTP_MAX_CONNECTIONS;

/**
 * A crashed worker's job is handed to another after at most lock + stall check. Short on purpose:
 * a second run is harmless (the sender takes a PostgreSQL lock per reminder and skips recipients
 * already served), a reminder waiting a minute for a dead worker is not.
 */
export const WORKER_OPTIONS: Partial<WorkerOptions> = {
  concurrency: REMINDER_WORKER_CONCURRENCY,
  lockDuration: 10_000,
  stalledInterval: 5_000,
  maxStalledCount: 5,
};

/** How often the reconciler compares PostgreSQL's pending rows with Redis. */
export const RECONCILE_EVERY_MS = 5 * 60_000;

/** The job id is the reminder row's id, so a second add of the same reminder is a no-op. */
export const reminderJobId = (reminderId: string): string => reminderId;

export function reminderJobOptions(reminderId: string, delayMs: number, backoffFirstMs: number): JobsOptions {
  return {
    jobId: reminderJobId(reminderId),
    delay: Math.max(0, Math.round(delayMs)),
    attempts: REMINDER_JOB_ATTEMPTS,
    backoff: { type: 'exponential', delay: backoffFirstMs },
    removeOnComplete: { age: 24 * 3600, count: 1000 },
    removeOnFail: { age: 30 * 24 * 3600 },
  };
}

/**
 * Connection settings from BullMQ's production guide: producers (the api) fail fast instead of
 * queueing commands while Redis is away (the reconciler catches up later); workers retry every
 * command forever (maxRetriesPerRequest: null) and reconnect on their own.
 */
export function redisConnection(redisUrl: string, role: 'producer' | 'worker'): RedisOptions {
  const base: RedisOptions = {
    ...redisUrlOptions(redisUrl),
    retryStrategy: (times: number) => Math.min(1000 * 2 ** times, 20_000),
  };
  return role === 'producer'
    ? { ...base, enableOfflineQueue: false }
    : { ...base, maxRetriesPerRequest: null, enableOfflineQueue: true };
}

/**
 * ioredis's own reading of REDIS_URL (user, password, database, rediss:// for TLS, query options),
 * from a client that never connects; BullMQ makes its connections from these options.
 */
export function redisUrlOptions(redisUrl: string): RedisOptions {
  // Without ioredis's defaults for connecting and retrying: redisConnection sets those per role.
  const {
    lazyConnect: _lazyConnect,
    retryStrategy: _retryStrategy,
    ...options
  } = new Redis(redisUrl, { lazyConnect: true }).options;
  return options;
}
