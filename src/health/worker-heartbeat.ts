import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { WorkerCounters } from './worker-counters';
import { HEARTBEAT_EVERY_MS, WORKER_SEEN_WITHIN_MS, workerSeen } from './worker-liveness';

// Rows of workers gone for a day are dropped by whichever worker beats next.
const FORGET_AFTER_MS = 86_400_000;

/**
 * The worker's sign of life: a row in worker_heartbeats, written at start and every 30 seconds with
 * the injected clock's time, and removed on a clean shutdown so the api sees at once that it left.
 */
@Injectable()
export class WorkerHeartbeat implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Worker');
  // The host names the container, which is what `cli worker:health` checks; the rest tells apart
  // several workers on one host.
  readonly host = hostname();
  readonly workerId = `${this.host}:${process.pid}:${randomUUID().slice(0, 8)}`;
  private readonly startedAt: Date;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly counters: WorkerCounters,
  ) {
    this.startedAt = clock.now();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_EVERY_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.dataSource
      .query('DELETE FROM worker_heartbeats WHERE worker_id = $1', [this.workerId])
      .catch(() => undefined);
  }

  async beat(): Promise<void> {
    const now = this.clock.now();
    try {
      await this.dataSource.query(
        `INSERT INTO worker_heartbeats (worker_id, host, started_at, seen_at, counters) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (worker_id) DO UPDATE SET seen_at = EXCLUDED.seen_at, counters = EXCLUDED.counters`,
        [this.workerId, this.host, this.startedAt, now, JSON.stringify(this.counters.snapshot())],
      );
      await this.dataSource.query('DELETE FROM worker_heartbeats WHERE seen_at < $1', [
        new Date(now.getTime() - FORGET_AFTER_MS),
      ]);
    } catch (error) {
      this.logger.warn(`Heartbeat not written: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

export interface WorkerStatus {
  status: 'ok' | 'unavailable';
  /** The latest heartbeat of any worker, or null when none was ever written. */
  lastSeenAt: Date | null;
  /** Workers seen within the last two minutes. */
  workers: number;
}

/** When a worker (on `host`, or anywhere) was last seen, and whether that counts as alive at `now`. */
export async function readWorkerStatus(
  dataSource: DataSource,
  now: Date,
  host?: string,
): Promise<WorkerStatus> {
  const [row] = (await dataSource.query(
    `SELECT max(seen_at) AS "lastSeenAt", count(*) FILTER (WHERE seen_at >= $1) AS workers
       FROM worker_heartbeats WHERE $2::text IS NULL OR host = $2`,
    [new Date(now.getTime() - WORKER_SEEN_WITHIN_MS), host ?? null],
  )) as { lastSeenAt: Date | null; workers: string }[];
  const lastSeenAt = row.lastSeenAt;
  return {
    status: workerSeen(lastSeenAt, now) ? 'ok' : 'unavailable',
    lastSeenAt,
    workers: Number(row.workers),
  };
}
