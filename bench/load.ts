import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';

// One autocannon run against one server, with the server's resident memory sampled meanwhile.

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

export interface LoadFigures {
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** The first non-2xx answer, so a failing endpoint explains itself in the report. */
  firstFailure?: string;
  peakRssMb?: number;
}

export interface LoadOptions {
  baseUrl: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
  /** Called for every request, so each one can ask for a different case, filter or name. */
  next: () => RequestSpec;
  /** The process whose resident memory is sampled during the run. */
  pid?: number;
}

export function residentMb(pid: number): number | undefined {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Samples a process's RSS every 200 ms until stopped; returns the peak in MB. */
export function sampleRss(pid: number): () => number | undefined {
  let peak: number | undefined;
  const sample = () => {
    const now = residentMb(pid);
    if (now !== undefined && (peak === undefined || now > peak)) {
      peak = now;
    }
  };
  sample();
  const timer = setInterval(sample, 200);
  return () => {
    clearInterval(timer);
    sample();
    return peak;
  };
}

export async function measureLoad(options: LoadOptions): Promise<LoadFigures> {
  let firstFailure: string | undefined;
  const stopSampling = options.pid === undefined ? undefined : sampleRss(options.pid);
  const headers = { 'content-type': 'application/json', ...options.headers };
  const run = autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    headers,
    requests: [
      {
        setupRequest: (request) => {
          const spec = options.next();
          return { ...request, method: spec.method, path: spec.path, body: spec.body, headers };
        },
        onResponse: (status, body) => {
          if ((status < 200 || status > 299) && firstFailure === undefined) {
            firstFailure = `${status} ${body.slice(0, 300)}`;
          }
        },
      },
    ],
  });
  // autocannon stops itself after `seconds`; the timer is a guard against a hung server.
  const guard = setTimeout(() => run.stop(), (options.seconds + 15) * 1000);
  try {
    const result = await run;
    const statusCodes = Object.fromEntries(
      Object.entries(result.statusCodeStats ?? {}).map(([code, stat]) => [code, stat.count]),
    );
    const requests = Object.values(statusCodes).reduce((a, b) => a + b, 0);
    return {
      connections: options.connections,
      seconds: result.duration,
      requests,
      requestsPerSecond: requests / result.duration,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      maxMs: result.latency.max,
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      statusCodes,
      firstFailure,
      peakRssMb: stopSampling?.(),
    };
  } finally {
    clearTimeout(guard);
    stopSampling?.();
  }
}
