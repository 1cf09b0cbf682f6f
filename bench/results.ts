import { LoadFigures } from './load';
import { Machine } from './machine';

// Everything one run measured; docs/benchmarks.json is this object, docs/benchmarks.md is written from it.

export type ServerName = 'vigil' | 'baseline';

export interface ScenarioResult {
  name: string;
  description: string;
  /** What the request asks for, e.g. 'GET /api/cases/:id/timeline'. */
  route: string;
  read: boolean;
  runs: Partial<Record<ServerName, LoadFigures[]>>;
  /** One request on its own (after the scenario's first probe), in ms. */
  singleRequestMs?: Partial<Record<ServerName, number>>;
  /** Why this scenario (or its baseline) was not measured. */
  missing?: string;
}

export interface ExportResult {
  format: string;
  entries: number;
  bytes: number;
  medianMs: number;
  maxMs: number;
  /** Peak resident memory of the api while it produced the export, and its rise over the idle level. */
  peakRssMb: number;
  rssRiseMb: number;
  runs: number;
}

export interface ReminderResult {
  reminders: number;
  vigilEmailsPerSecond?: number;
  vigilSeconds?: number;
  vigilDelivered?: number;
  /** CPU time (user + system) of the worker process per email while it delivered, in ms. */
  vigilCpuMsPerEmail?: number;
  plainEmailsPerSecond?: number;
  plainSeconds?: number;
  /** CPU time of the process running the plain loop per email, in ms. */
  plainCpuMsPerEmail?: number;
  reconcileSeconds?: number;
  reconcileRestored?: number;
  notes: string[];
  missing?: string;
}

export interface Plan {
  name: string;
  sql: string;
  plan: string;
  indexesUsed: string[];
  sequentialScans: string[];
  executionMs: number;
}

export interface BenchResults {
  startedAt: string;
  finishedAt?: string;
  scale: number;
  seed: number;
  /** The api entry point that was measured, relative to the repository. */
  app?: string;
  secondsPerRun: number;
  connections: number[];
  machine?: Machine;
  dataSet?: {
    counts: Record<string, number>;
    seconds: { generateAndCopy: number; indexes: number; analyze: number };
    rowsPerSecond: number;
    databaseMb: number;
  };
  scenarios: ScenarioResult[];
  apiPeakRssMb?: number;
  apiIdleRssMb?: number;
  exports: ExportResult[];
  exportsMissing?: string;
  reminders?: ReminderResult;
  plans: Plan[];
  plansMissing?: string[];
  /** Phases that failed or could not run, with the reason. */
  problems: string[];
}
