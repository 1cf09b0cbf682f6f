import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { LoadFigures } from './load';
import { BenchResults, ScenarioResult } from './results';

// Writes docs/benchmarks.md (for people) and docs/benchmarks.json (every raw figure) from one run.

export const TARGETS = {
  readRatio: 0.5,
  p99Ms: 50,
  reminderRatio: 0.8,
  reconcileSeconds: 30,
  reconcileJobs: 100_000,
  apiRssMb: 300,
} as const;

const n = (value: number | undefined, digits = 0): string =>
  value === undefined || Number.isNaN(value)
    ? '–'
    : value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const ratio = (vigil: number | undefined, baseline: number | undefined): number | undefined =>
  vigil !== undefined && baseline ? vigil / baseline : undefined;

const failures = (f: LoadFigures): string => {
  const parts = [`${f.non2xx} non-2xx`, `${f.errors} errors`];
  if (f.timeouts) {
    parts.push(`${f.timeouts} timeouts`);
  }
  return f.non2xx === 0 && f.errors === 0 && f.timeouts === 0 ? '0' : parts.join(', ');
};

function httpTable(results: BenchResults): string[] {
  const lines = [
    '| Endpoint | Conn. | Vigil req/s | Vigil p50 ms | Vigil p99 ms | Baseline req/s | Baseline p50 ms | Baseline p99 ms | Vigil / baseline | Failed requests (Vigil) |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|---|',
  ];
  for (const scenario of results.scenarios) {
    if (scenario.missing) {
      lines.push(`| ${scenario.description} | – | not measured | | | | | | | ${scenario.missing} |`);
      continue;
    }
    const vigil = scenario.runs.vigil ?? [];
    const alone = scenario.singleRequestMs ?? {};
    const aloneText =
      `one request alone: Vigil ${alone.vigil === undefined ? 'failed' : `${n(alone.vigil)} ms`}` +
      (scenario.runs.baseline
        ? `, baseline ${alone.baseline === undefined ? 'failed' : `${n(alone.baseline)} ms`}`
        : '');
    const cell = (f: LoadFigures | undefined, field: 'requestsPerSecond' | 'p50Ms' | 'p99Ms') =>
      f === undefined
        ? ''
        : f.requests === 0
          ? field === 'requestsPerSecond'
            ? '0 (none completed)'
            : '–'
          : n(f[field]);
    vigil.forEach((v, i) => {
      const b = scenario.runs.baseline?.find((run) => run.connections === v.connections);
      const label =
        i === 0
          ? `${scenario.description}<br>\`${scenario.route}\`<br>${aloneText} (cold, before the warm-up)`
          : '';
      const r =
        b && b.requests > 0 && v.requests > 0
          ? n(ratio(v.requestsPerSecond, b.requestsPerSecond), 2)
          : b
            ? '–'
            : 'write, no baseline';
      lines.push(
        `| ${label} | ${v.connections} | ${cell(v, 'requestsPerSecond')} | ${cell(v, 'p50Ms')} | ${cell(v, 'p99Ms')} | ` +
          `${b ? cell(b, 'requestsPerSecond') : 'n/a'} | ${cell(b, 'p50Ms')} | ${cell(b, 'p99Ms')} | ${r} | ${failures(v)} |`,
      );
    });
  }
  return lines;
}

interface Verdict {
  target: string;
  measured: string;
  met: boolean | undefined;
}

function verdicts(results: BenchResults): Verdict[] {
  const list: Verdict[] = [];
  const reads = results.scenarios.filter((s) => s.read);
  for (const scenario of reads) {
    const none = (scenario.runs.vigil ?? []).some((v) => v.requests === 0);
    const pairs = (scenario.runs.vigil ?? []).map((v) => ({
      c: v.connections,
      r: ratio(
        v.requestsPerSecond,
        scenario.runs.baseline?.find((b) => b.connections === v.connections)?.requestsPerSecond,
      ),
    }));
    const worst = pairs.filter((p) => p.r !== undefined).sort((a, b) => (a.r ?? 0) - (b.r ?? 0))[0];
    list.push({
      target: `${scenario.name}: throughput ≥ ${TARGETS.readRatio} × baseline`,
      measured: scenario.missing
        ? `not measured (${scenario.missing})`
        : none
          ? `some runs completed no request at all (one request alone: ${n(scenario.singleRequestMs?.vigil)} ms)`
          : worst
            ? `lowest ratio ${n(worst.r, 2)} (at ${worst.c} connections)`
            : 'no baseline figure',
      met: none ? false : scenario.missing || !worst ? undefined : (worst.r ?? 0) >= TARGETS.readRatio,
    });
  }
  // The timelines' target, and the search box's (issue 14: under 50 ms at 10 connections at full scale).
  for (const scenario of results.scenarios.filter(
    (s) => s.name.startsWith('timeline') || s.name === 'search',
  )) {
    const at10 = scenario.runs.vigil?.find((v) => v.connections === 10);
    list.push({
      target: `${scenario.name}: p99 < ${TARGETS.p99Ms} ms at 10 connections`,
      measured: at10
        ? `${n(at10.p99Ms)} ms`
        : `not measured${scenario.missing ? ` (${scenario.missing})` : ''}`,
      met: at10 ? at10.p99Ms < TARGETS.p99Ms : undefined,
    });
  }
  const r = results.reminders;
  const deliveryRatio = ratio(r?.vigilEmailsPerSecond, r?.plainEmailsPerSecond);
  list.push({
    target: `Reminder delivery ≥ ${TARGETS.reminderRatio} × a plain nodemailer loop`,
    measured:
      deliveryRatio !== undefined
        ? `${n(r?.vigilEmailsPerSecond, 1)} vs ${n(r?.plainEmailsPerSecond, 1)} emails/s: ${n(deliveryRatio, 2)}`
        : `not measured${r?.missing ? ` (${r.missing})` : ''}`,
    met: deliveryRatio === undefined ? undefined : deliveryRatio >= TARGETS.reminderRatio,
  });
  const rate =
    r?.reconcileSeconds && r.reconcileRestored ? r.reconcileRestored / r.reconcileSeconds : undefined;
  list.push({
    target: `Reconcile ${n(TARGETS.reconcileJobs)} pending reminders in < ${TARGETS.reconcileSeconds} s`,
    measured:
      rate !== undefined
        ? `${n(r?.reconcileRestored)} restored in ${n(r?.reconcileSeconds, 2)} s (${n(rate)} jobs/s; ` +
          `${n(TARGETS.reconcileJobs)} at that rate would take ${n(TARGETS.reconcileJobs / rate, 1)} s, extrapolated)`
        : `not measured${r?.missing ? ` (${r.missing})` : ''}`,
    met: rate === undefined ? undefined : TARGETS.reconcileJobs / rate < TARGETS.reconcileSeconds,
  });
  list.push({
    target: `api resident memory < ${TARGETS.apiRssMb} MB under load`,
    measured:
      results.apiPeakRssMb !== undefined
        ? `peak ${n(results.apiPeakRssMb)} MB (idle ${n(results.apiIdleRssMb)} MB)`
        : 'not measured',
    met: results.apiPeakRssMb === undefined ? undefined : results.apiPeakRssMb < TARGETS.apiRssMb,
  });
  return list;
}

/** Long literal arrays (50 case ids) are shortened for reading; the JSON has no SQL at all. */
const abbreviate = (text: string): string =>
  text.replace(/'\{([^{}']{200,})\}'/g, (_whole, items: string) => {
    const list = items.split(',');
    return `'{${list.slice(0, 2).join(',')},… ${list.length - 2} more}'`;
  });

const mark = (met: boolean | undefined): string => (met === undefined ? '–' : met ? 'met' : '**missed**');

function planSection(results: BenchResults): string[] {
  const lines: string[] = [];
  if (results.plans.length === 0) {
    lines.push('No plans were captured in this run.', '');
  }
  for (const plan of results.plans) {
    lines.push(
      `### ${plan.name}`,
      '',
      plan.indexesUsed.length
        ? `Indexes used: ${plan.indexesUsed.map((i) => `\`${i}\``).join(', ')}.`
        : '**No index used.**',
      plan.sequentialScans.length
        ? `Sequential scans: ${plan.sequentialScans.map((t) => `\`${t}\``).join(', ')}.`
        : 'No sequential scan.',
      `Execution time: ${n(plan.executionMs, 2)} ms.`,
      '',
      '```sql',
      abbreviate(plan.sql.trim()),
      '```',
      '',
      '```',
      abbreviate(plan.plan.trimEnd()),
      '```',
      '',
    );
  }
  for (const missing of results.plansMissing ?? []) {
    lines.push(`- ${missing}`);
  }
  return lines;
}

export function renderReport(results: BenchResults, analysis: string | undefined): string {
  const m = results.machine;
  const d = results.dataSet;
  const r = results.reminders;
  const lines: string[] = [
    '# Benchmarks',
    '',
    '<!-- Written by `npm run bench`; edit bench/report.ts or bench/analysis.md, not this file. -->',
    '',
    `Measured by \`npm run bench -- --scale ${results.scale}\` on ${results.startedAt.slice(0, 10)} ` +
      `(${results.secondsPerRun} s per autocannon run, connections ${results.connections.join(', ')}, seed ${results.seed}). ` +
      'Every read endpoint is measured against a bare Node `http` server answering the same route with the same ' +
      'SQL through plain `pg` and `JSON.stringify` (bench/baseline-server.ts), in the same run on the same data: ' +
      'absolute figures depend on the machine, the ratio is the figure that counts. Raw figures: ' +
      '[benchmarks.json](benchmarks.json).',
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${m?.cpuModel ?? '–'}, ${m?.cores ?? '–'} cores |`,
    `| Memory | ${m?.memoryGb ?? '–'} GB |`,
    `| OS | ${m?.os ?? '–'} |`,
    `| Node.js | ${m?.node ?? '–'} |`,
    `| PostgreSQL | ${m?.postgres ?? '–'} |`,
    `| Redis | ${m?.redis ?? '–'} |`,
    `| Load average at start | ${m?.loadAverageAtStart.join(', ') ?? '–'} |`,
    '',
    'The load generator (autocannon), the api, the baseline, PostgreSQL and Redis share these cores, as they ' +
      'would on a CI runner; each server is measured under the same conditions.',
    '',
    '## Data set',
    '',
    `Scale ${results.scale} of the full data set (100,000 defenders, 120,000 cases, 2,000,000 timeline entries of which ` +
      '200,000 hearings). Generated with a fixed seed: a few cases with thousands of entries (one with exactly 2,000 for ' +
      'the exports), most with a handful; 40 countries, every status, dates over sixteen years; loaded with `COPY`.',
    '',
    '| Table | Rows |',
    '|---|--:|',
    ...Object.entries(d?.counts ?? {}).map(([table, rows]) => `| ${table} | ${n(rows)} |`),
    '',
    d
      ? `Generated and copied in ${n(d.seconds.generateAndCopy, 1)} s (${n(d.rowsPerSecond)} rows/s), secondary ` +
        `indexes rebuilt in ${n(d.seconds.indexes, 1)} s, VACUUM ANALYZE ${n(d.seconds.analyze, 1)} s; database ` +
        `${n(d.databaseMb)} MB.`
      : 'No data set.',
    '',
    '## Targets',
    '',
    'The targets are stated for full scale on a 2-core machine; this run is at the scale above.',
    '',
    '| Target | Measured | |',
    '|---|---|---|',
    ...verdicts(results).map((v) => `| ${v.target} | ${v.measured} | ${mark(v.met)} |`),
    '',
    '## HTTP API',
    '',
    `Vigil is the built api (\`node ${results.app ?? 'dist/src/main.js'} api\`, NODE_ENV=production) signed in as an admin; the baseline ` +
      'does no authentication, validation or ORM mapping. Latencies in milliseconds; throughput in requests per second.',
    '',
    ...httpTable(results),
    '',
    `Peak resident memory of the api during the load runs: ${n(results.apiPeakRssMb)} MB (idle before them: ` +
      `${n(results.apiIdleRssMb)} MB).`,
    '',
    '## Reminders',
    '',
  ];
  if (r && !r.missing) {
    lines.push(
      '| | Emails | Seconds | Emails/s | CPU ms per email |',
      '|---|--:|--:|--:|--:|',
      `| Vigil worker (reminder rows → BullMQ → processor → SMTP sink) | ${n(r.vigilDelivered)} | ${n(r.vigilSeconds, 2)} | ${n(r.vigilEmailsPerSecond, 1)} | ${n(r.vigilCpuMsPerEmail, 2)} |`,
      `| Plain nodemailer loop (same sink) | ${n(r.reminders)} | ${n(r.plainSeconds, 2)} | ${n(r.plainEmailsPerSecond, 1)} | ${n(r.plainCpuMsPerEmail, 2)} |`,
      '',
      'CPU ms per email is the user + system time of the sending process (the worker; the bench process for the plain loop, which also polls the sink) divided by the emails it sent: a figure less swayed than throughput by what else the machine is doing.',
      '',
      `Vigil / plain loop: ${n(ratio(r.vigilEmailsPerSecond, r.plainEmailsPerSecond), 2)}. Reconcile after the ` +
        `bench's Redis keys were deleted: ${n(r.reconcileRestored)} jobs restored in ${n(r.reconcileSeconds, 2)} s.`,
      '',
      ...r.notes.map((note) => `- ${note}`),
      '',
    );
  } else {
    lines.push(`Not measured: ${r?.missing ?? 'the phase did not run'}.`, '');
  }
  lines.push('## Exports', '');
  if (results.exports.length > 0) {
    lines.push(
      '| Format | Entries | Size | Median ms | Max ms | Peak api RSS MB | Rise over idle MB | Runs |',
      '|---|--:|--:|--:|--:|--:|--:|--:|',
      ...results.exports.map(
        (e) =>
          `| ${e.format} | ${n(e.entries)} | ${n(e.bytes / 1024)} KB | ${n(e.medianMs)} | ${n(e.maxMs)} | ${n(e.peakRssMb)} | ${n(e.rssRiseMb)} | ${e.runs} |`,
      ),
      '',
    );
  }
  if (results.exportsMissing) {
    lines.push(`Not measured: ${results.exportsMissing}.`, '');
  }
  if (results.problems.length > 0) {
    lines.push('## Problems in this run', '', ...results.problems.map((p) => `- ${p}`), '');
  }
  if (analysis) {
    lines.push(analysis.trim(), '');
  }
  lines.push(
    '## Query plans',
    '',
    'EXPLAIN (ANALYZE, BUFFERS) of the SQL the api ran for each hot endpoint: the bench database logged every ' +
      'statement while one request per endpoint was sent, and each logged read was run again with its parameters.',
    '',
    '| Statement | Indexes used | Sequential scans | ms |',
    '|---|---|---|--:|',
    ...results.plans.map(
      (plan) =>
        `| ${plan.name} | ${plan.indexesUsed.map((i) => `\`${i}\``).join(', ') || '**none**'} | ` +
        `${plan.sequentialScans.map((t) => `\`${t}\``).join(', ')} | ${n(plan.executionMs, 2)} |`,
    ),
    '',
  );
  lines.push(...planSection(results));
  return `${lines.join('\n')}\n`;
}

export async function writeReport(results: BenchResults, dir: string, analysisFile?: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const analysis = analysisFile && existsSync(analysisFile) ? readFileSync(analysisFile, 'utf8') : undefined;
  writeFileSync(join(dir, 'benchmarks.md'), renderReport(results, analysis));
  // Formatted as the repository's prettier config would, so `npm run lint` accepts the committed file.
  const jsonFile = join(dir, 'benchmarks.json');
  const config = (await resolveConfig(jsonFile)) ?? {};
  // The plans themselves are in the Markdown; the JSON keeps the figures.
  const figures = {
    ...results,
    plans: results.plans.map(({ name, indexesUsed, sequentialScans, executionMs }) => ({
      name,
      indexesUsed,
      sequentialScans,
      executionMs,
    })),
  };
  writeFileSync(jsonFile, await format(JSON.stringify(figures), { ...config, filepath: jsonFile }));
}

export type { ScenarioResult };
