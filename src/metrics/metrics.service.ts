import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { Clock } from '../common/clock';
import { EXPORT_FORMATS, ExportFormat } from '../chronology/chronology-document';
import { WORKER_SEEN_WITHIN_MS } from '../health/worker-liveness';

// Seconds; from a quick page to a long PDF export.
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * What /metrics reports. HTTP latencies and export durations are measured in this api process;
 * reminders, the queue lag and the workers' counters are read from PostgreSQL at each scrape, so
 * every api replica reports the same, whichever worker did the work.
 */
@Injectable()
export class Metrics {
  readonly registry = new Registry();

  readonly httpDuration = new Histogram({
    name: 'vigil_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route pattern, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  readonly exportDuration = new Histogram({
    name: 'vigil_export_duration_seconds',
    help: 'Time to produce a chronology export, by format',
    labelNames: ['format'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [this.registry],
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {
    collectDefaultMetrics({ register: this.registry, prefix: 'vigil_' });
    // The collect callbacks below are called with the metric as `this`; these reach the service.
    const query = (sql: string, parameters?: unknown[]): Promise<unknown> =>
      this.dataSource.query(sql, parameters);
    const now = (): Date => this.clock.now();

    new Gauge({
      name: 'vigil_reminders',
      help: 'Reminders by kind and status now: pending (planned), sent, failed, skipped, cancelled',
      labelNames: ['kind', 'status'] as const,
      registers: [this.registry],
      async collect() {
        const rows = (await query(
          `SELECT kind, status, count(*)::int AS count FROM reminders GROUP BY kind, status`,
        )) as { kind: string; status: string; count: number }[];
        this.reset();
        for (const row of rows) {
          this.set({ kind: row.kind, status: row.status }, row.count);
        }
      },
    });

    new Gauge({
      name: 'vigil_reminder_queue_lag_seconds',
      help: 'Now minus the due time of the oldest due reminder not yet sent (0 when none is overdue)',
      registers: [this.registry],
      async collect() {
        const at = now();
        const [row] = (await query(
          `SELECT min(due_at) AS oldest FROM reminders WHERE status = 'pending' AND due_at <= $1`,
          [at],
        )) as { oldest: Date | null }[];
        this.set(row.oldest ? (at.getTime() - row.oldest.getTime()) / 1000 : 0);
      },
    });

    const workers = async (): Promise<{ worker: string; reconcileRuns: number; jobsRestored: number }[]> =>
      (await query(
        `SELECT worker_id AS worker, coalesce((counters->>'reconcileRuns')::int, 0) AS "reconcileRuns",
                coalesce((counters->>'jobsRestored')::int, 0) AS "jobsRestored"
           FROM worker_heartbeats WHERE seen_at >= $1 ORDER BY worker_id`,
        [new Date(now().getTime() - WORKER_SEEN_WITHIN_MS)],
      )) as { worker: string; reconcileRuns: number; jobsRestored: number }[];

    new Gauge({
      name: 'vigil_workers_alive',
      help: 'Workers that wrote a heartbeat in the last two minutes',
      registers: [this.registry],
      async collect() {
        this.set((await workers()).length);
      },
    });

    // Counters kept by each worker since it started, as of its last heartbeat (at most 30 s old).
    new Counter({
      name: 'vigil_reconcile_runs_total',
      help: 'Reconcile passes a live worker ran since it started',
      labelNames: ['worker'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await workers()) {
          this.inc({ worker: row.worker }, row.reconcileRuns);
        }
      },
    });

    new Counter({
      name: 'vigil_reconcile_jobs_restored_total',
      help: 'Reminder jobs a live worker put back into the queue after Redis lost them, since it started',
      labelNames: ['worker'] as const,
      registers: [this.registry],
      async collect() {
        this.reset();
        for (const row of await workers()) {
          this.inc({ worker: row.worker }, row.jobsRestored);
        }
      },
    });
  }

  /** The export format a request asked for, or undefined when it is not an export we know. */
  static exportFormat(value: unknown): ExportFormat | undefined {
    const format = value ?? 'md';
    return EXPORT_FORMATS.includes(format as ExportFormat) ? (format as ExportFormat) : undefined;
  }
}
