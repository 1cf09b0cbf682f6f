import * as argon2 from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_DATA_KEY } from './data-key';
import { dropDatabase, migrate, recreateDatabase, withClient } from './database';
import { explainHotQueries } from './explain';
import { measureExports } from './exports';
import { GeneratedDataSet, generateDataSet } from './generate';
import { measureLoad, RequestSpec, residentMb } from './load';
import { describeMachine } from './machine';
import { Child, freePort, logFileFor, settle, startNode, waitForHttp } from './processes';
import { Random } from './random';
import { deletePrefix, measureReminders } from './reminders';
import { writeReport } from './report';
import { BenchResults, ScenarioResult, ServerName } from './results';
import { Scenario, scenarios } from './scenarios';
import { webSessionCookie } from './web-session';

// `npm run bench [-- --scale 0.1]`: builds a data set, starts the real api and a bare baseline
// server on loopback, measures both the same way, and writes docs/benchmarks.md and .json.

const USAGE = `Usage: npm run bench -- [options]
  --scale N          fraction of full scale (1 = 100,000 defenders, 2,000,000 timeline entries); default 1
  --seconds N        length of each autocannon run; default 5
  --connections L    comma-separated connection counts; default 1,10,50
  --app PATH         the built api entry point; default dist/src/main.js
  --only LIST        phases to run: http,explain,exports,reminders (the data set is always there)
  --scenarios LIST   comma-separated scenario names to measure in the http phase; default all
  --reuse            keep the data set of the previous run at the same scale instead of regenerating it
  --keep             keep the bench database afterwards (it is dropped by default)
  --out DIR          where benchmarks.md and benchmarks.json go; default docs
  --max-minutes N    stop measuring after N minutes and report what was measured; default 60
  --report-only      write the report again from bench/results/last-run.json (after editing bench/analysis.md)`;

// Compiled to bench/results/build/bench/run.js; the repository is four levels up.
const ROOT = resolve(__dirname, '..', '..', '..', '..');
const RESULTS_DIR = join(ROOT, 'bench', 'results');
const log = (message: string) =>
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

interface Options {
  reportOnly: boolean;
  scale: number;
  seed: number;
  seconds: number;
  connections: number[];
  app: string;
  phases: Set<string>;
  /** Scenario names the http phase measures; undefined for all. */
  scenarioNames?: Set<string>;
  reuse: boolean;
  keep: boolean;
  out: string;
  deadline: number;
  serverUrl: string;
  redisUrl: string;
  database: string;
}

function options(): Options {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: '1' },
      seed: { type: 'string', default: '20211122' },
      seconds: { type: 'string', default: '5' },
      connections: { type: 'string', default: '1,10,50' },
      app: { type: 'string', default: 'dist/src/main.js' },
      only: { type: 'string', default: 'http,explain,exports,reminders' },
      scenarios: { type: 'string' },
      reuse: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      out: { type: 'string', default: 'docs' },
      'max-minutes': { type: 'string', default: '60' },
      help: { type: 'boolean', default: false },
      'report-only': { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(0);
  }
  const scale = Number(values.scale);
  const seconds = Number(values.seconds);
  const connections = values.connections.split(',').map(Number);
  if (
    !(scale > 0 && scale <= 1) ||
    !(seconds >= 1 && seconds <= 120) ||
    connections.some((c) => !(c >= 1 && c <= 500))
  ) {
    throw new Error(`--scale must be in (0, 1], --seconds in [1, 120], connections in [1, 500]\n${USAGE}`);
  }
  return {
    reportOnly: values['report-only'],
    scale,
    seed: Number(values.seed),
    seconds,
    connections,
    app: resolve(ROOT, values.app),
    phases: new Set(values.only.split(',')),
    scenarioNames: values.scenarios ? new Set(values.scenarios.split(',')) : undefined,
    reuse: values.reuse,
    keep: values.keep,
    out: resolve(ROOT, values.out),
    deadline: Date.now() + Number(values['max-minutes']) * 60_000,
    serverUrl: process.env.BENCH_DATABASE_SERVER_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    redisUrl: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    database: `vigil_bench_${String(scale).replace('.', '_')}`,
  };
}

// One admin and one signing key per bench run: the first api start creates the admin, later ones sign in.
const ADMIN_PASSWORD = randomBytes(18).toString('base64url');
const JWT_SECRET = randomBytes(32).toString('hex');
const ADMIN_EMAIL = 'bench-admin@example.org';
/** Every queue prefix this run gave a process; their keys are deleted at the end. */
const usedQueuePrefixes = new Set<string>();

async function prepareData(
  opts: Options,
  results: BenchResults,
): Promise<{ url: string; data: GeneratedDataSet }> {
  const saved = join(RESULTS_DIR, `${opts.database}.json`);
  const url = new URL(opts.serverUrl);
  url.pathname = `/${opts.database}`;
  if (opts.reuse && existsSync(saved)) {
    log(`reusing the data set in ${opts.database}`);
    const stored = JSON.parse(readFileSync(saved, 'utf8')) as {
      data: GeneratedDataSet;
      dataSet: BenchResults['dataSet'];
    };
    results.dataSet = stored.dataSet;
    // The admin an earlier run created has that run's password: give it this run's.
    const hash = await argon2.hash(ADMIN_PASSWORD);
    await withClient(url.toString(), (client) =>
      client.query('UPDATE users SET password_hash = $1 WHERE email = $2', [hash, ADMIN_EMAIL]),
    );
    return { url: url.toString(), data: stored.data };
  }
  log(`creating ${opts.database} and applying migrations`);
  const databaseUrl = await recreateDatabase(opts.serverUrl, opts.database);
  await migrate(join(dirname(opts.app), 'cli.js'), databaseUrl);
  log(`generating the data set at scale ${opts.scale}`);
  const data = await generateDataSet(databaseUrl, opts.scale, opts.seed, log);
  const rows = Object.values(data.counts).reduce((a, b) => a + b, 0);
  const databaseMb = await withClient(databaseUrl, async (client) =>
    Number(
      (await client.query<{ mb: string }>('SELECT pg_database_size(current_database()) / 1048576 AS mb'))
        .rows[0].mb,
    ),
  );
  results.dataSet = {
    counts: data.counts,
    seconds: data.seconds,
    rowsPerSecond: Math.round(rows / data.seconds.generateAndCopy),
    databaseMb,
  };
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(saved, JSON.stringify({ data, dataSet: results.dataSet }));
  return { url: databaseUrl, data };
}

export interface Api {
  child: Child;
  baseUrl: string;
  token: string;
  adminEmail: string;
  adminPassword: string;
  queuePrefix: string;
  env: NodeJS.ProcessEnv;
}

export async function startApi(opts: Options, databaseUrl: string, smtpUrl: string): Promise<Api> {
  const port = await freePort();
  const password = ADMIN_PASSWORD;
  const queuePrefix = `vigil-bench-${randomBytes(4).toString('hex')}`;
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    REDIS_URL: opts.redisUrl,
    SMTP_URL: smtpUrl,
    MAIL_FROM: 'Vigil bench <bench@example.org>',
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    ADMIN_EMAIL,
    ADMIN_PASSWORD: password,
    JWT_SECRET,
    VIGIL_DATA_KEY: BENCH_DATA_KEY,
    JWT_TTL_SECONDS: '86400',
    QUEUE_PREFIX: queuePrefix,
  };
  usedQueuePrefixes.add(queuePrefix);
  // Started as the image starts it (Dockerfile CMD): the heap cap is part of how Vigil runs.
  const child = startNode('api', opts.app, ['api'], env, logFileFor(RESULTS_DIR, 'api'), [
    '--max-old-space-size=1024',
  ]);
  const baseUrl = `http://127.0.0.1:${port}`;
  let accessToken: string;
  try {
    await waitForHttp(`${baseUrl}/health`, child, 90);
    // The first admin must choose a password before anything else; the bench, as its operator,
    // has chosen this run's already.
    await withClient(env.DATABASE_URL as string, (client) =>
      client.query('UPDATE users SET must_change_password = false WHERE email = $1', [env.ADMIN_EMAIL]),
    );
    const login = await fetch(`${baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: env.ADMIN_EMAIL, password }),
    });
    if (!login.ok) {
      throw new Error(`login to the api failed: ${login.status} ${await login.text()}`);
    }
    ({ accessToken } = (await login.json()) as { accessToken: string });
  } catch (error) {
    // Never leave a process behind.
    await child.stop();
    throw error;
  }
  return {
    child,
    baseUrl,
    token: accessToken,
    adminEmail: env.ADMIN_EMAIL as string,
    adminPassword: password,
    queuePrefix,
    env,
  };
}

async function startBaseline(databaseUrl: string): Promise<{ child: Child; baseUrl: string }> {
  const port = await freePort();
  const child = startNode(
    'baseline',
    join(__dirname, 'baseline-server.js'),
    [],
    { PATH: process.env.PATH, DATABASE_URL: databaseUrl, PORT: String(port), VIGIL_DATA_KEY: BENCH_DATA_KEY },
    logFileFor(RESULTS_DIR, 'baseline'),
  );
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/health`, child, 30);
  } catch (error) {
    await child.stop();
    throw error;
  }
  return { child, baseUrl };
}

/** One request first: a route the build does not have yet is reported as missing, not measured. */
async function probe(
  baseUrl: string,
  headers: Record<string, string>,
  scenario: Scenario,
): Promise<string | undefined> {
  const spec = scenario.next(new Random(1));
  const response = await fetch(`${baseUrl}${spec.path}`, {
    method: spec.method,
    headers: { 'content-type': 'application/json', ...headers },
    body: spec.body,
    redirect: 'manual',
  });
  const text = await response.text();
  if (response.status === 404 && /Cannot (GET|POST)/.test(text)) {
    return `${scenario.route} does not exist in this build (404 from the router)`;
  }
  if (response.status >= 400) {
    return `${scenario.route} answered ${response.status}: ${text.slice(0, 200)}`;
  }
  return undefined;
}

/** One request on its own, to the last byte; undefined if it fails or takes over two minutes. */
async function timedRequest(
  baseUrl: string,
  headers: Record<string, string>,
  spec: RequestSpec,
): Promise<number | undefined> {
  const started = performance.now();
  try {
    const response = await fetch(`${baseUrl}${spec.path}`, {
      method: spec.method,
      headers: { 'content-type': 'application/json', ...headers },
      body: spec.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(120_000),
    });
    await response.arrayBuffer();
    return response.ok ? performance.now() - started : undefined;
  } catch {
    return undefined;
  }
}

async function measureHttp(
  databaseUrl: string,
  opts: Options,
  data: GeneratedDataSet,
  api: Api,
  baseline: { child: Child; baseUrl: string },
  results: BenchResults,
): Promise<void> {
  const bearer = { authorization: `Bearer ${api.token}` };
  const activeStatements = () =>
    withClient(databaseUrl, async (client) =>
      Number(
        (
          await client.query<{ n: string }>(
            `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' AND pid <> pg_backend_pid()`,
          )
        ).rows[0].n,
      ),
    );
  let session: Record<string, string> | undefined;
  results.apiIdleRssMb = residentMb(api.child.pid);
  for (const scenario of scenarios(data).filter(({ name }) => opts.scenarioNames?.has(name) ?? true)) {
    const result: ScenarioResult = {
      name: scenario.name,
      description: scenario.description,
      route: scenario.route,
      read: scenario.read,
      runs: {},
    };
    results.scenarios.push(result);
    if (api.child.process.exitCode !== null || api.child.process.signalCode !== null) {
      result.missing = 'the api process had exited (see bench/results/logs/api.log)';
      results.problems.push(`${scenario.name}: ${result.missing}`);
      continue;
    }
    let auth: Record<string, string> = bearer;
    if (scenario.auth === 'session') {
      try {
        session ??= { cookie: await webSessionCookie(api.baseUrl, api.adminEmail, api.adminPassword) };
        auth = session;
      } catch (error) {
        result.missing = `could not sign in to the web pages: ${error instanceof Error ? error.message : String(error)}`;
        log(`  ${scenario.name}: not measured: ${result.missing}`);
        continue;
      }
    }
    const missing = await probe(api.baseUrl, auth, scenario);
    if (missing) {
      result.missing = missing;
      log(`  ${scenario.name}: not measured: ${missing}`);
      continue;
    }
    const servers: Array<[ServerName, string, Record<string, string>, number]> = [
      ['vigil', api.baseUrl, auth, api.child.pid],
    ];
    if (scenario.baseline) {
      servers.push(['baseline', baseline.baseUrl, {}, baseline.child.pid]);
    }
    for (const [server, baseUrl, headers, pid] of servers) {
      const random = new Random(opts.seed);
      const next = () => scenario.next(random);
      // One request alone first (the figure that still says something when a run completes none),
      // then a short warm-up, so JIT and connection pools are in their steady state.
      const single = await timedRequest(baseUrl, headers, scenario.next(new Random(opts.seed + 1)));
      (result.singleRequestMs ??= {})[server] = single;
      await measureLoad({
        baseUrl,
        connections: Math.min(10, Math.max(...opts.connections)),
        seconds: 1,
        headers,
        next,
      });
      await settle(pid, activeStatements, 120);
      const runs = [];
      for (const connections of opts.connections) {
        if (Date.now() > opts.deadline) {
          results.problems.push(
            `time limit reached before ${scenario.name} on ${server} at ${connections} connections`,
          );
          break;
        }
        const figures = await measureLoad({
          baseUrl,
          connections,
          seconds: opts.seconds,
          headers,
          next,
          pid,
        });
        runs.push(figures);
        // Requests the run abandoned are still being served: let them finish before the next run.
        await settle(pid, activeStatements, 120);
        log(
          `  ${scenario.name} ${server} c=${connections}: ${figures.requests} requests, ${figures.requestsPerSecond.toFixed(0)} req/s, ` +
            `p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, non-2xx ${figures.non2xx}, errors ${figures.errors}, timeouts ${figures.timeouts}` +
            (figures.peakRssMb ? `, rss ${figures.peakRssMb.toFixed(0)} MB` : ''),
        );
        if (server === 'vigil' && figures.peakRssMb !== undefined) {
          results.apiPeakRssMb = Math.max(results.apiPeakRssMb ?? 0, figures.peakRssMb);
        }
      }
      result.runs[server] = runs;
    }
  }
}

async function main(): Promise<void> {
  const opts = options();
  if (opts.reportOnly) {
    // Re-renders the report (say, after editing bench/analysis.md) from the last run's figures.
    const last = JSON.parse(readFileSync(join(RESULTS_DIR, 'last-run.json'), 'utf8')) as BenchResults;
    await writeReport(last, opts.out, join(ROOT, 'bench', 'analysis.md'));
    return;
  }
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    scale: opts.scale,
    seed: opts.seed,
    app: relative(ROOT, opts.app),
    secondsPerRun: opts.seconds,
    connections: opts.connections,
    scenarios: [],
    exports: [],
    plans: [],
    problems: [],
  };
  if (!existsSync(opts.app)) {
    throw new Error(`${opts.app} does not exist: build the app first (npm run build)`);
  }
  const children: Child[] = [];
  const stopAll = async () => {
    for (const child of children.splice(0).reverse()) {
      await child.stop();
    }
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));
  let databaseUrl: string | undefined;
  try {
    results.machine = await describeMachine(opts.serverUrl, opts.redisUrl);
    const prepared = await prepareData(opts, results);
    databaseUrl = prepared.url;
    const { data } = prepared;

    const phase = async (name: string, work: () => Promise<void>) => {
      if (!opts.phases.has(name)) {
        return;
      }
      if (Date.now() > opts.deadline) {
        results.problems.push(`${name}: not run, the time limit was reached`);
        return;
      }
      log(`${name}`);
      try {
        await work();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        results.problems.push(`${name}: ${message}`);
        log(`  ${name} failed: ${message}`);
      }
    };

    if (['http', 'explain', 'exports'].some((name) => opts.phases.has(name))) {
      // Nothing is mailed in these phases; port 9 (discard) makes any attempt fail fast and visibly.
      const api = await startApi(opts, prepared.url, 'smtp://127.0.0.1:9');
      children.push(api.child);
      const baseline = await startBaseline(prepared.url);
      children.push(baseline.child);
      await phase('http', () => measureHttp(prepared.url, opts, data, api, baseline, results));
      await stopAll();
      await phase('explain', async () => {
        const targets = scenarios(data)
          .filter((scenario) => scenario.read)
          .map((scenario) => ({
            name: scenario.name,
            auth: scenario.auth,
            request: scenario.next(new Random(opts.seed)),
          }));
        const captured = await explainHotQueries(prepared.url, opts.database, targets, async (requests) => {
          const logging = await startApi(opts, prepared.url, 'smtp://127.0.0.1:9');
          children.push(logging.child);
          try {
            let cookie: string | undefined;
            await requests(async ({ request: spec, auth }) => {
              if (auth === 'session') {
                cookie ??= await webSessionCookie(logging.baseUrl, logging.adminEmail, logging.adminPassword);
              }
              const response = await fetch(`${logging.baseUrl}${spec.path}`, {
                method: spec.method,
                headers: {
                  ...(auth === 'session'
                    ? { cookie: cookie as string }
                    : { authorization: `Bearer ${logging.token}` }),
                  'content-type': 'application/json',
                },
                body: spec.body,
                redirect: 'manual',
              });
              await response.arrayBuffer();
              return response.status;
            });
          } finally {
            await stopAll();
          }
        });
        results.plans = captured.plans;
        results.plansMissing = captured.missing;
      });
      await phase('exports', async () => {
        // A fresh api, so its idle memory is not what the load phase left behind.
        const fresh = await startApi(opts, prepared.url, 'smtp://127.0.0.1:9');
        children.push(fresh.child);
        await measureExports(fresh, data, results, log);
        await stopAll();
      });
    }
    await phase('reminders', async () => {
      results.reminders = await measureReminders({
        opts,
        databaseUrl: prepared.url,
        startApi,
        log,
        results: RESULTS_DIR,
      });
    });
  } finally {
    await stopAll();
    for (const prefix of usedQueuePrefixes) {
      await deletePrefix(opts.redisUrl, prefix).catch((error: unknown) =>
        log(
          `could not delete the keys under ${prefix}: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
    results.finishedAt = new Date().toISOString();
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, 'last-run.json'), JSON.stringify(results, null, 2));
    await writeReport(results, opts.out, join(ROOT, 'bench', 'analysis.md'));
    log(`report written to ${opts.out}/benchmarks.md`);
    if (databaseUrl && !opts.keep && !opts.reuse) {
      await dropDatabase(opts.serverUrl, opts.database);
    }
  }
}

export type { Options };

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
