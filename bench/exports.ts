import { setTimeout as sleep } from 'node:timers/promises';
import { GeneratedDataSet } from './generate';
import { residentMb } from './load';
import { BenchResults, ExportResult } from './results';
import type { Api } from './run';

// Markdown, PDF and DOCX of the 2,000-entry chronology, through the real endpoint: wall time to
// the last byte, and the api's resident memory sampled every 20 ms while it works.

const FORMATS = ['md', 'pdf', 'docx'] as const;
const RUNS = 3;

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

async function timedDownload(
  url: string,
  token: string,
  pid: number,
): Promise<{ ms: number; bytes: number; status: number; peakMb: number; body: string }> {
  let peak = residentMb(pid) ?? 0;
  const timer = setInterval(() => {
    peak = Math.max(peak, residentMb(pid) ?? 0);
  }, 20);
  const started = performance.now();
  try {
    const response = await fetch(url, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(120_000),
    });
    const buffer = Buffer.from(await response.arrayBuffer());
    return {
      ms: performance.now() - started,
      bytes: buffer.length,
      status: response.status,
      peakMb: Math.max(peak, residentMb(pid) ?? 0),
      body: response.ok ? '' : buffer.toString('utf8', 0, 300),
    };
  } finally {
    clearInterval(timer);
  }
}

export async function measureExports(
  api: Api,
  data: GeneratedDataSet,
  results: BenchResults,
  log: (message: string) => void,
): Promise<void> {
  const missing: string[] = [];
  for (const format of FORMATS) {
    const url = `${api.baseUrl}/api/cases/${data.exportCaseId}/chronology?format=${format}`;
    // The first export of each format loads fonts and warms the code; it is not counted.
    const warm = await timedDownload(url, api.token, api.child.pid);
    if (warm.status !== 200) {
      missing.push(`${format}: GET /api/cases/:id/chronology answered ${warm.status} ${warm.body}`.trim());
      continue;
    }
    await sleep(1000);
    const idle = residentMb(api.child.pid) ?? 0;
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await timedDownload(url, api.token, api.child.pid));
    }
    const entries = await countEntries(api, data.exportCaseId);
    const result: ExportResult = {
      format,
      entries,
      bytes: runs[0].bytes,
      medianMs: median(runs.map((r) => r.ms)),
      maxMs: Math.max(...runs.map((r) => r.ms)),
      peakRssMb: Math.max(...runs.map((r) => r.peakMb)),
      rssRiseMb: Math.max(...runs.map((r) => r.peakMb)) - idle,
      runs: RUNS,
    };
    results.exports.push(result);
    log(
      `  ${format}: ${result.entries} entries, ${Math.round(result.bytes / 1024)} KB, median ${result.medianMs.toFixed(0)} ms, peak RSS ${result.peakRssMb.toFixed(0)} MB`,
    );
  }
  if (missing.length > 0) {
    results.exportsMissing = missing.join('; ');
  }
}

/** How many public entries the exported case has, read back from the timeline endpoint's total. */
async function countEntries(api: Api, caseId: string): Promise<number> {
  const response = await fetch(`${api.baseUrl}/api/cases/${caseId}/timeline?limit=1&visibility=public`, {
    headers: { authorization: `Bearer ${api.token}` },
  });
  return response.ok ? ((await response.json()) as { total: number }).total : Number.NaN;
}
