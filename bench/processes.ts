import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { AddressInfo, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

// Child processes the bench starts: the api, the baseline server, workers. Each one is stopped by
// its own pid; their output goes to a log file under bench/results/logs.

let started = 0;

/** A log file of its own for each process started in this run (api-1.log, api-2.log, ...). */
export const logFileFor = (dir: string, name: string): string =>
  join(dir, 'logs', `${name}-${++started}.log`);

/** CPU time (user + system) a process has used so far, in clock ticks of 1/100 s. */
export function cpuTicks(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return undefined;
  }
}

/**
 * Waits until the server has finished what a run left in flight (autocannon abandons requests
 * still running when its time is up): its process nearly idle and no active statement on the
 * bench database. At most `seconds`.
 */
export async function settle(
  pid: number,
  activeStatements: () => Promise<number>,
  seconds: number,
): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (Date.now() < deadline) {
    const before = cpuTicks(pid);
    await sleep(500);
    const after = cpuTicks(pid);
    // Clock ticks are 1/100 s: under 5 ticks in half a second is under 10% of a core.
    const quiet = before === undefined || after === undefined || after - before < 5;
    if (quiet && (await activeStatements()) === 0) {
      return;
    }
  }
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface Child {
  name: string;
  process: ChildProcess;
  pid: number;
  exited: Promise<number | null>;
  /** Resolves with the time (performance.now()) the first output line matching `pattern` arrived. */
  waitForLine(pattern: RegExp, seconds: number): Promise<number>;
  stop(): Promise<void>;
}

export function startNode(
  name: string,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  logFile: string,
  nodeFlags: string[] = [],
): Child {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [...nodeFlags, script, ...args], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  if (child.pid === undefined) {
    throw new Error(`${name} did not start`);
  }
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const seen: Array<{ line: string; at: number }> = [];
  const watchers = new Set<(line: string, at: number) => void>();
  let partial = '';
  const onData = (chunk: Buffer) => {
    const at = performance.now();
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      // Keep what was seen only while someone may still ask for it; a worker can be chatty.
      if (seen.length < 10_000) {
        seen.push({ line, at });
      }
      watchers.forEach((watch) => watch(line, at));
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const waitForLine = (pattern: RegExp, seconds: number) =>
    new Promise<number>((resolve, reject) => {
      const earlier = seen.find((entry) => pattern.test(entry.line));
      if (earlier) {
        resolve(earlier.at);
        return;
      }
      const timer = setTimeout(() => {
        watchers.delete(watch);
        reject(new Error(`${name} printed nothing matching ${pattern} within ${seconds} s`));
      }, seconds * 1000);
      const watch = (line: string, at: number) => {
        if (pattern.test(line)) {
          clearTimeout(timer);
          watchers.delete(watch);
          resolve(at);
        }
      };
      watchers.add(watch);
    });
  return {
    name,
    process: child,
    pid: child.pid,
    exited,
    waitForLine,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const done = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
        if (!done) {
          child.kill('SIGKILL');
          await exited;
        }
      }
      log.end();
    },
  };
}

/** Polls `url` until it answers 2xx; fails after `seconds` or as soon as the child exits. */
export async function waitForHttp(url: string, child: Child, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  let exited = false;
  void child.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`${child.name} exited before answering ${url}; see its log`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) {
        return;
      }
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  throw new Error(`${child.name} did not answer ${url} within ${seconds} s`);
}
