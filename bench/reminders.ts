import { REMINDER_WORKER_CONCURRENCY } from '../src/reminders/reminder-queue';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import Redis from 'ioredis';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import { QueueName } from '../src/reminders/reminder-queue';
import { copyInto, copyRow } from './copy';
import { withClient } from './database';
import { Child, cpuTicks, logFileFor, startNode } from './processes';
import { ReminderResult } from './results';
import type { Api, Options } from './run';
import { plainNodemailerLoop, Sink } from './sink';

// Reminders through the engine's own paths: cases with hearings two hours away get a per-case
// policy through the API (PUT /api/cases/:id/reminder-policy replans the case and the api
// enqueues the jobs after commit); the real worker process sends them to an SMTP sink on
// loopback. Then the same number of messages through a plain nodemailer loop; then the bench's
// Redis keys are deleted and a fresh worker's reconciler restores every pending job.

export interface ReminderBenchContext {
  opts: Options;
  databaseUrl: string;
  startApi: (opts: Options, databaseUrl: string, smtpUrl: string) => Promise<Api>;
  log: (message: string) => void;
  results: string;
}

const HEARINGS_PER_CASE = 10;
const ZONE = 'Europe/Istanbul';
const OFFSET = 'PT2H';
/** The worker's job concurrency; the plain loop sends as many at once, so the ratio is like for like. */
const CONCURRENCY = REMINDER_WORKER_CONCURRENCY;

/** Cases (with one external recipient each) whose hearings fall two hours after `dueAt`. */
async function insertCases(
  databaseUrl: string,
  count: number,
  dueAt: number,
  label: string,
): Promise<string[]> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const defenders = (
      await client.query<{ id: string }>(`SELECT id FROM defenders ORDER BY id LIMIT $1`, [count])
    ).rows;
    const caseIds = Array.from({ length: count }, () => randomUUID());
    await client.query('BEGIN');
    await copyInto(
      client,
      'cases',
      [
        'id',
        'defender_id',
        'title',
        'country',
        'timezone',
        'court',
        'status',
        'detention_status',
        'viewer_status',
        'viewer_detention_status',
      ],
      caseIds.map((id, i) =>
        copyRow([
          id,
          defenders[i % defenders.length].id,
          `Reminder bench ${label} ${i}`,
          'TR',
          ZONE,
          'Criminal Court, Istanbul',
          'on_trial',
          'on_bail',
          'on_trial',
          'on_bail',
        ]),
      ),
    );
    // Each case's defender is its main participant, as the api writes it (cases/participants.ts).
    await copyInto(
      client,
      'case_participants',
      [
        'case_id',
        'defender_id',
        'main',
        'status',
        'viewer_status',
        'detention_status',
        'viewer_detention_status',
      ],
      caseIds.map((id, i) =>
        copyRow([id, defenders[i % defenders.length].id, 't', 'on_trial', 'on_trial', 'on_bail', 'on_bail']),
      ),
    );
    await copyInto(
      client,
      'case_recipients',
      ['case_id', 'name', 'email', 'language'],
      caseIds.map((id, i) => copyRow([id, `Bench recipient ${i}`, `bench-${label}-${i}@example.org`, 'en'])),
    );
    const hearings: string[] = [];
    caseIds.forEach((id) => {
      for (let h = 0; h < HEARINGS_PER_CASE; h++) {
        // Court times are kept to the second: every reminder of the set falls due at the same second,
        // so the worker's throughput, not the schedule, sets the pace.
        const at = DateTime.fromMillis(dueAt).plus({ hours: 2 });
        hearings.push(
          copyRow([
            randomUUID(),
            id,
            at.setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm:ss"),
            at.toUTC().toISO(),
            'Criminal Court, Istanbul',
            'Trial',
            'scheduled',
            'public',
          ]),
        );
      }
    });
    await copyInto(
      client,
      'hearings',
      ['id', 'case_id', 'scheduled_local', 'scheduled_at', 'court', 'purpose', 'status', 'visibility'],
      hearings,
    );
    await client.query('COMMIT');
    return caseIds;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    await client.end();
  }
}

/** PUT the per-case policy (which replans the case) for each case, `concurrency` at a time. */
async function putPolicies(api: Api, caseIds: string[], concurrency: number): Promise<string[]> {
  const failures: string[] = [];
  let next = 0;
  const loop = async () => {
    while (next < caseIds.length) {
      const id = caseIds[next++];
      const response = await fetch(`${api.baseUrl}/api/cases/${id}/reminder-policy`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${api.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ hearingOffsets: [OFFSET] }),
      });
      const text = await response.text();
      if (!response.ok && failures.length < 5) {
        failures.push(`${response.status} ${text.slice(0, 200)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  return failures;
}

const countRows = (databaseUrl: string, sql: string, params: unknown[] = []): Promise<number> =>
  withClient(databaseUrl, async (client) =>
    Number((await client.query<{ n: string }>(sql, params)).rows[0].n),
  );

/** Deletes the keys under the bench's own queue prefix, and nothing else (never FLUSHALL: Redis is shared). */
export async function deletePrefix(redisUrl: string, prefix: string): Promise<number> {
  if (!prefix.startsWith('vigil-bench-')) {
    throw new Error(`refusing to delete keys under "${prefix}"`);
  }
  const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [nextCursor, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = nextCursor;
      if (keys.length > 0) {
        deleted += await redis.unlink(...keys);
      }
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Jobs BullMQ holds for the reminders queue: delayed, waiting, prioritized and active. */
async function queuedJobs(redis: Redis, prefix: string): Promise<number> {
  const key = `${prefix}:${QueueName.Reminders}`;
  const [delayed, prioritized, waiting, active] = await Promise.all([
    redis.zcard(`${key}:delayed`),
    redis.zcard(`${key}:prioritized`),
    redis.llen(`${key}:wait`),
    redis.llen(`${key}:active`),
  ]);
  return delayed + prioritized + waiting + active;
}

function startWorker(opts: Options, api: Api, results: string, name: string): Child {
  return startNode(name, opts.app, ['worker'], api.env, logFileFor(results, name));
}

/** A message with the worker's parts (text, HTML, an .ics) and about the size the worker's were. */
function plainMessage(bytes: number) {
  const filler = (size: number) =>
    'The court adjourned the hearing and extended custody. '
      .repeat(Math.max(1, Math.ceil(size / 56)))
      .slice(0, size);
  const ics = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//bench//EN',
    'BEGIN:VEVENT',
    `UID:${randomUUID()}@example.org`,
    'DTSTAMP:20260101T000000Z',
    'DTSTART:20260101T100000Z',
    'SUMMARY:Hearing',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');
  // MIME headers and encodings add roughly a third; the parts fill the rest.
  const body = Math.max(500, Math.round(bytes * 0.7));
  return {
    subject: 'Hearing in 2 hours: Bench defender — Criminal Court, Istanbul, 1 Jan 2026 10:00 TRT',
    text: filler(Math.round(body * 0.4)),
    html: `<html><body><p>${filler(Math.round(body * 0.5))}</p></body></html>`,
    ics,
  };
}

export async function measureReminders(context: ReminderBenchContext): Promise<ReminderResult> {
  const { opts, databaseUrl, log } = context;
  const wanted = Math.max(100, Math.round(100_000 * opts.scale));
  const result: ReminderResult = { reminders: wanted, notes: [] };
  const children: Child[] = [];
  const sink = await Sink.start();
  const redis = new Redis(opts.redisUrl, { maxRetriesPerRequest: 1 });
  try {
    const api = await context.startApi(opts, databaseUrl, sink.url);
    children.push(api.child);
    // The worker is up before anything is planned: its start-up reconcile finds nothing to do.
    const worker = startWorker(opts, api, context.results, 'worker');
    children.push(worker);
    await worker.waitForLine(/Worker started/, 90);

    // A pilot, far from due, tells how long planning takes here, so the main set is due just after.
    const pilot = await insertCases(
      databaseUrl,
      Math.max(4, Math.min(40, Math.round(wanted / HEARINGS_PER_CASE / 25))),
      Date.now() + 3 * 86_400_000,
      'pilot',
    );
    let started = performance.now();
    const pilotFailures = await putPolicies(api, pilot, CONCURRENCY);
    if (pilotFailures.length > 0) {
      throw new Error(`PUT /api/cases/:id/reminder-policy failed: ${pilotFailures.join('; ')}`);
    }
    const msPerCase = (performance.now() - started) / pilot.length;
    const caseCount = Math.ceil(wanted / HEARINGS_PER_CASE);
    const planningMs = msPerCase * caseCount * 1.25 + 10_000;
    const dueAt = Math.ceil((Date.now() + planningMs) / 1000) * 1000;
    log(
      `  planning ${caseCount} cases (${msPerCase.toFixed(0)} ms each in the pilot); reminders due at +${(planningMs / 1000).toFixed(0)} s`,
    );
    const caseIds = await insertCases(databaseUrl, caseCount, dueAt, 'main');
    started = performance.now();
    const failures = await putPolicies(api, caseIds, CONCURRENCY);
    const planned = (performance.now() - started) / 1000;
    if (failures.length > 0) {
      result.notes.push(`Some policy updates failed: ${failures.join('; ')}`);
    }
    if (Date.now() > dueAt) {
      result.notes.push(
        'Planning ran past the due time: reminders planned late were recorded as skipped, not sent.',
      );
    }
    const due = await countRows(
      databaseUrl,
      `SELECT count(*) AS n FROM reminders WHERE status = 'pending' AND kind = 'hearing_upcoming' AND case_id = ANY($1::uuid[])`,
      [caseIds],
    );
    result.notes.push(
      `Planned ${due.toLocaleString('en')} reminders due within one second through PUT /api/cases/:id/reminder-policy ` +
        `on ${caseCount.toLocaleString('en')} cases (${HEARINGS_PER_CASE} hearings each, one external recipient) in ${planned.toFixed(1)} s.`,
    );

    // Delivery: from the first message the sink accepted to the last.
    const waitSeconds = Math.min(900, (dueAt - Date.now()) / 1000 + Math.max(60, due / 10));
    const ticksBefore = cpuTicks(worker.pid);
    const stats = await sink.waitFor(due, waitSeconds, (s) => log(`  delivered ${s.accepted} of ${due}`));
    const ticksAfter = cpuTicks(worker.pid);
    result.vigilDelivered = stats.accepted;
    if (ticksBefore !== undefined && ticksAfter !== undefined && stats.accepted > 0) {
      result.vigilCpuMsPerEmail = ((ticksAfter - ticksBefore) * 10) / stats.accepted;
    }
    if (stats.firstAt !== null && stats.lastAt !== null && stats.accepted > 1) {
      result.vigilSeconds = (stats.lastAt - stats.firstAt) / 1000;
      result.vigilEmailsPerSecond = stats.accepted / result.vigilSeconds;
      result.notes.push(
        `The first message reached the sink ${((stats.firstAt - dueAt) / 1000).toFixed(2)} s after the due time.`,
      );
    }
    if (stats.accepted < due) {
      result.notes.push(
        `Only ${stats.accepted} of ${due} were delivered within ${waitSeconds.toFixed(0)} s.`,
      );
    }
    const sent = await countRows(
      databaseUrl,
      `SELECT count(*) AS n FROM reminders WHERE status = 'sent' AND case_id = ANY($1::uuid[])`,
      [caseIds],
    );
    const failed = await countRows(
      databaseUrl,
      `SELECT count(*) AS n FROM reminders WHERE status = 'failed' AND case_id = ANY($1::uuid[])`,
      [caseIds],
    );
    result.notes.push(
      `Rows marked sent: ${sent.toLocaleString('en')}; failed: ${failed}; messages the sink accepted: ${stats.accepted.toLocaleString('en')}.`,
    );
    log(`  vigil worker: ${stats.accepted} emails in ${result.vigilSeconds?.toFixed(1)} s`);
    await worker.stop();

    // The plain loop: the same number of messages of about the same size, no database, no queue.
    await sink.reset();
    const cpuBefore = process.cpuUsage();
    const plain = await plainNodemailerLoop(
      sink.url,
      due,
      CONCURRENCY,
      plainMessage(stats.accepted ? stats.bytes / stats.accepted : 4000),
      600,
    );
    const cpu = process.cpuUsage(cpuBefore);
    result.plainCpuMsPerEmail = plain.sent > 0 ? (cpu.user + cpu.system) / 1000 / plain.sent : undefined;
    result.plainSeconds = plain.seconds;
    result.plainEmailsPerSecond = plain.sent / plain.seconds;
    log(`  plain nodemailer loop: ${plain.sent} emails in ${plain.seconds.toFixed(1)} s`);

    // Reconcile: Redis loses the bench's keys; a fresh worker's start-up reconcile restores them.
    const pending = await countRows(
      databaseUrl,
      `SELECT count(*) AS n FROM reminders WHERE status = 'pending'`,
    );
    const deleted = await deletePrefix(opts.redisUrl, api.queuePrefix);
    const spawned = performance.now();
    const restorer = startWorker(opts, api, context.results, 'worker-reconcile');
    children.push(restorer);
    const ready = await restorer.waitForLine(/Worker started/, 90);
    const deadline = Date.now() + Math.min(900, Math.max(60, pending / 100)) * 1000;
    let restored = 0;
    while (Date.now() < deadline) {
      restored = await queuedJobs(redis, api.queuePrefix);
      if (restored >= pending) {
        break;
      }
      await sleep(50);
    }
    const done = performance.now();
    result.reconcileRestored = restored;
    result.reconcileSeconds = (done - ready) / 1000;
    result.notes.push(
      `Reconcile: ${deleted.toLocaleString('en')} keys under the bench's queue prefix deleted with ${pending.toLocaleString('en')} reminders pending ` +
        `(the ones above were sent; these are outcome-missing checks and later reminders); ${restored.toLocaleString('en')} jobs were back ` +
        `${result.reconcileSeconds.toFixed(2)} s after the worker reported it had started (${((done - spawned) / 1000).toFixed(2)} s after the process was spawned).`,
    );
    log(`  reconcile: ${restored} of ${pending} jobs restored in ${result.reconcileSeconds.toFixed(1)} s`);
    return result;
  } catch (error) {
    result.missing = error instanceof Error ? error.message : String(error);
    return result;
  } finally {
    for (const child of children.reverse()) {
      await child.stop();
    }
    redis.disconnect();
    await sink.stop();
  }
}
