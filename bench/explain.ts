import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { withClient } from './database';
import { RequestSpec } from './load';
import { Plan } from './results';

// The plans of the SQL the api really runs. For a moment the bench database logs every statement
// (log_min_duration_statement = 0, set on this database only); one request per endpoint is sent;
// the statements are read back from the server log with their parameters and run again under
// EXPLAIN (ANALYZE, BUFFERS).

interface LoggedStatement {
  sql: string;
  params: Map<number, string>;
}

export async function serverLogFile(databaseUrl: string): Promise<string | undefined> {
  if (process.env.BENCH_POSTGRES_LOG) {
    return process.env.BENCH_POSTGRES_LOG;
  }
  return withClient(databaseUrl, async (client) => {
    const current = (await client.query<{ file: string | null }>('SELECT pg_current_logfile() AS file'))
      .rows[0].file;
    const dataDir = (await client.query<{ dir: string }>(`SELECT current_setting('data_directory') AS dir`))
      .rows[0].dir;
    const major = (
      await client.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)
    ).rows[0].v.slice(0, 2);
    const candidates = [
      current && (current.startsWith('/') ? current : `${dataDir}/${current}`),
      `/var/log/postgresql/postgresql-${major}-main.log`,
    ].filter((file): file is string => Boolean(file));
    return candidates.find((file) => existsSync(file));
  });
}

function readFrom(file: string, offset: number): string {
  const size = statSync(file).size;
  if (size <= offset) {
    return '';
  }
  const buffer = Buffer.alloc(size - offset);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buffer, 0, buffer.length, offset);
  } finally {
    closeSync(fd);
  }
  return buffer.toString('utf8');
}

const ENTRY = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? \S+ \[(\d+)\] (\S*)@(\S*) (\w+):\s+([\s\S]*)$/;

interface LogEntry {
  pid: string;
  database: string;
  level: string;
  message: string;
}

/** Log entries (a first line and its tab-indented continuation lines) of one database. */
function entries(text: string, database: string): LogEntry[] {
  const result: LogEntry[] = [];
  for (const line of text.split('\n')) {
    const match = ENTRY.exec(line);
    if (match) {
      result.push({ pid: match[1], database: match[3], level: match[4], message: match[5] });
    } else if (line.startsWith('\t') && result.length > 0) {
      result[result.length - 1].message += `\n${line.slice(1)}`;
    }
  }
  return result.filter((entry) => entry.database === database);
}

function parseParams(detail: string): Map<number, string> {
  const params = new Map<number, string>();
  for (const match of detail.matchAll(/\$(\d+) = (NULL|'(?:[^']|'')*')/g)) {
    params.set(Number(match[1]), match[2]);
  }
  return params;
}

export function loggedStatements(text: string, database: string): LoggedStatement[] {
  const statements: LoggedStatement[] = [];
  const list = entries(text, database);
  for (let i = 0; i < list.length; i++) {
    const match = /^duration: [\d.]+ ms\s+(?:execute [^:]*|statement): ([\s\S]*)$/.exec(list[i].message);
    if (!match) {
      continue;
    }
    const next = list[i + 1];
    const detail =
      next && next.pid === list[i].pid && next.level === 'DETAIL' && next.message.startsWith('parameters:')
        ? next.message
        : '';
    statements.push({ sql: match[1].trim(), params: parseParams(detail) });
  }
  return statements;
}

const bind = (statement: LoggedStatement): string =>
  statement.sql.replace(/\$(\d+)\b/g, (whole, index: string) => statement.params.get(Number(index)) ?? whole);

/** Reads that touch the case model; auth lookups, transactions and writes are left out. */
const isHotRead = (sql: string): boolean =>
  /^\s*(SELECT|WITH)\b/i.test(sql) &&
  /\b(cases|defenders|hearings|custody_orders|events|charges|reminders)\b/i.test(sql) &&
  !/\bFROM\s+"?users"?\b/i.test(sql);

export function summarizePlan(text: string): {
  indexesUsed: string[];
  sequentialScans: string[];
  executionMs: number;
} {
  const indexes = new Set<string>();
  const scans = new Set<string>();
  for (const match of text.matchAll(/(?:Index Scan|Index Only Scan)(?: Backward)? using (\S+) on (\S+)/g)) {
    indexes.add(match[1]);
  }
  for (const match of text.matchAll(/Bitmap Index Scan on (\S+)/g)) {
    indexes.add(match[1]);
  }
  for (const match of text.matchAll(/Seq Scan on (\S+)/g)) {
    scans.add(match[1]);
  }
  const execution = /Execution Time: ([\d.]+) ms/.exec(text);
  return {
    indexesUsed: [...indexes],
    sequentialScans: [...scans],
    executionMs: execution ? Number(execution[1]) : 0,
  };
}

export interface CaptureTarget {
  name: string;
  auth: 'bearer' | 'session';
  request: RequestSpec;
}

/**
 * Sends each request once while the database logs statements, then explains what was logged.
 * `withLoggingApi` must start an api after the setting is on (so its sessions pick it up) and stop it after.
 */
export async function explainHotQueries(
  databaseUrl: string,
  database: string,
  targets: CaptureTarget[],
  withLoggingApi: (
    requests: (send: (target: CaptureTarget) => Promise<number>) => Promise<void>,
  ) => Promise<void>,
): Promise<{ plans: Plan[]; missing: string[] }> {
  const logFile = await serverLogFile(databaseUrl);
  if (!logFile) {
    return {
      plans: [],
      missing: ['the PostgreSQL server log is not readable here (set BENCH_POSTGRES_LOG to its path)'],
    };
  }
  const captured = new Map<string, LoggedStatement[]>();
  const missing: string[] = [];
  await withClient(databaseUrl, (client) =>
    client.query(`ALTER DATABASE ${database} SET log_min_duration_statement = 0`),
  );
  try {
    await withLoggingApi(async (send) => {
      for (const target of targets) {
        const offset = statSync(logFile).size;
        const status = await send(target);
        await sleep(300);
        if (status < 200 || status > 299) {
          missing.push(`${target.name}: the request answered ${status}, nothing to explain`);
          continue;
        }
        captured.set(target.name, loggedStatements(readFrom(logFile, offset), database));
      }
    });
  } finally {
    await withClient(databaseUrl, (client) =>
      client.query(`ALTER DATABASE ${database} RESET log_min_duration_statement`),
    );
  }
  const plans: Plan[] = [];
  await withClient(databaseUrl, async (client) => {
    for (const [name, statements] of captured) {
      // A paged loop runs one statement many times with other LIMIT/OFFSET values: explain it once.
      const seen = new Set<string>();
      const shape = (sql: string) => sql.replace(/\b(LIMIT|OFFSET)\s+\d+/gi, '$1 ?');
      const reads = statements.filter(
        (s) => isHotRead(s.sql) && !seen.has(shape(s.sql)) && seen.add(shape(s.sql)),
      );
      if (reads.length === 0) {
        missing.push(`${name}: no statement on the case model was logged`);
      }
      for (const [index, statement] of reads.entries()) {
        const sql = bind(statement);
        const result = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`);
        const plan = result.rows.map((row) => row['QUERY PLAN']).join('\n');
        plans.push({
          name: reads.length > 1 ? `${name} (statement ${index + 1} of ${reads.length})` : name,
          sql,
          plan,
          ...summarizePlan(plan),
        });
      }
    }
  });
  return { plans, missing };
}
