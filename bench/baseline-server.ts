import { createServer, IncomingMessage, ServerResponse } from 'node:http';
import { Pool } from 'pg';
import { SealedTypes } from '../src/crypto/sealed-connection';
import { benchKeys } from './data-key';
import type { DataSource } from 'typeorm';
import {
  DETENTION_EVENT_TYPES,
  DetentionCustodyOrder,
  DetentionEvent,
  deriveDetention,
} from '../src/cases/detention-history';
import { todayIn } from '../src/common/calendar-day';
import { ClockHearing, nextHearing } from '../src/hearings/next-hearing';
import { VISIBILITIES } from '../src/common/entry';
import { casesNotifyingNobodySql } from '../src/reminders/unheard-cases';
import { SearchRunner } from '../src/search/search-runner';
import { termsMatch } from '../src/search/search-sql';
import { escapeLike, searchTerms } from '../src/search/search-terms';
import { TimelineService } from '../src/timeline/timeline.service';
import { custodyEndingCandidatesSql, HEARINGS_SQL } from '../src/web/dashboard.service';

// The baseline: a bare Node http server answering Vigil's read routes with plain `pg` and
// JSON.stringify. Same SQL semantics as the app (the same rows, joins, order, pagination and
// derived fields, computed by the same pure functions), without the framework: no Nest, no
// TypeORM, no validation pipe, no auth. Vigil / baseline is what the framework costs.

// Sealed values (contacts, confidential entries) are opened as the app's connection opens them.
const pool = new Pool({
  connectionString: process.env.DATABASE_URL,
  max: 20,
  types: new SealedTypes(benchKeys),
});

// The timeline is one SQL statement; the baseline runs the app's own statement through plain pg.
const timeline = new TimelineService({
  query: async (sql: string, params: unknown[]) => (await pool.query(sql, params)).rows,
} as unknown as DataSource);

type Query = URLSearchParams;
type Handler = (match: RegExpMatchArray, query: Query) => Promise<unknown>;

const limitOf = (query: Query) => Math.min(200, Math.max(1, Number(query.get('limit') ?? 50)));
const offsetOf = (query: Query) => Math.max(0, Number(query.get('offset') ?? 0));

const CASE_COLUMNS = `c.id, c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.defender_id AS "defenderId",
  c.title, c.country, c.timezone, c.case_number AS "caseNumber", c.court, c.status, c.detention_status AS "detentionStatus",
  c.place_of_detention AS "placeOfDetention", c.arrested_on::text AS "arrestedOn",
  c.arrested_on_precision AS "arrestedOnPrecision", c.released_on::text AS "releasedOn"`;

interface CaseRow {
  id: string;
  timezone: string;
  arrestedOn: string | null;
  arrestedOnPrecision: 'day' | 'month' | 'year';
  releasedOn: string | null;
  defender: { id: string; fullName: string; country: string };
  [column: string]: unknown;
}

/** The case list: a page of cases with their defender, co-accused and custody clock (CasesService.list). */
async function listCases(_match: RegExpMatchArray, query: Query): Promise<unknown> {
  const conditions: string[] = [];
  const values: unknown[] = [];
  for (const [param, column] of [
    ['defenderId', 'c.defender_id'],
    ['country', 'c.country'],
    ['status', 'c.status'],
    ['detentionStatus', 'c.detention_status'],
  ] as const) {
    const value = query.get(param);
    if (value !== null) {
      values.push(value);
      conditions.push(`${column} = $${values.length}`);
    }
  }
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const limit = limitOf(query);
  const offset = offsetOf(query);
  const [rows, count] = await Promise.all([
    pool.query<CaseRow>(
      `SELECT ${CASE_COLUMNS}, json_build_object('id', d.id, 'fullName', d.full_name, 'country', d.country) AS defender
         FROM cases c LEFT JOIN defenders d ON d.id = c.defender_id
         ${where} ORDER BY c.created_at DESC, c.id DESC LIMIT ${limit} OFFSET ${offset}`,
      values,
    ),
    pool.query<{ total: number }>(`SELECT count(*)::int AS total FROM cases c ${where}`, values),
  ]);
  return { items: await caseViews(rows.rows), total: count.rows[0].total, limit, offset };
}

/** The same batched queries as CasesService.views, and the same pure detention fold. */
async function caseViews(cases: CaseRow[]): Promise<unknown[]> {
  if (cases.length === 0) {
    return [];
  }
  const ids = cases.map((c) => c.id);
  const created = (alias: string) =>
    `to_char(${alias}.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
  const [coAccused, events, orders, hearings, charges] = await Promise.all([
    pool.query<{ caseId: string; id: string; fullName: string; country: string }>(
      `SELECT link.case_id AS "caseId", defender.id, defender.full_name AS "fullName", defender.country
         FROM case_participants link JOIN defenders defender ON defender.id = link.defender_id
        WHERE link.case_id = ANY($1::uuid[]) AND NOT link.main ORDER BY defender.full_name, defender.id`,
      [ids],
    ),
    pool.query<DetentionEvent & { caseId: string }>(
      `SELECT e.case_id AS "caseId", e.id, e.type::text, e.occurred_on::text AS date, e.precision::text,
              ${created('e')} AS "createdAt", e.custody_basis::text AS "custodyBasis",
              e.bail_conditions::text[] AS "bailConditions", e.bail_conditions_note AS "bailConditionsNote",
              e.sentence_term AS "sentenceTerm", e.sentence_starts_on::text AS "sentenceStartsOn",
              e.credit_for_custody AS "creditForCustody", e.ended_on::text AS "endedOn",
              e.period_position AS "periodPosition", e.day_position AS "dayPosition"
         FROM events e WHERE e.case_id = ANY($1::uuid[]) AND e.type::text = ANY($2::text[])`,
      [ids, DETENTION_EVENT_TYPES],
    ),
    pool.query<DetentionCustodyOrder & { caseId: string }>(
      `SELECT o.case_id AS "caseId", o.id, o.kind::text, o.ordered_on::text AS "orderedOn", o.days,
              o.until::text, ${created('o')} AS "createdAt"
         FROM custody_orders o WHERE o.case_id = ANY($1::uuid[])`,
      [ids],
    ),
    pool.query<ClockHearing & { caseId: string }>(
      `SELECT case_id AS "caseId", id, scheduled_at AS "scheduledAt",
              to_char(scheduled_local, 'YYYY-MM-DD"T"HH24:MI:SS') AS "scheduledLocal",
              time_known AS "timeKnown", court, status::text
         FROM hearings WHERE case_id = ANY($1::uuid[])`,
      [ids],
    ),
    pool.query<{ caseId: string; id: string; broughtOn: string | null }>(
      `SELECT case_id AS "caseId", id, brought_on::text AS "broughtOn" FROM charges WHERE case_id = ANY($1::uuid[])`,
      [ids],
    ),
  ]);
  const now = new Date();
  const of = <T extends { caseId: string }>(rows: T[], caseId: string): T[] =>
    rows.filter((row) => row.caseId === caseId);
  return cases.map((c) => {
    const theirs = of(coAccused.rows, c.id).map(({ id, fullName, country }) => ({ id, fullName, country }));
    const today = todayIn(now, c.timezone);
    const caseHearings = of(hearings.rows, c.id);
    const history = deriveDetention(
      {
        events: of(events.rows, c.id),
        custodyOrders: of(orders.rows, c.id),
        charges: of(charges.rows, c.id),
        hearings: caseHearings.map((hearing) => ({
          id: hearing.id,
          day: hearing.scheduledLocal.slice(0, 10),
        })),
      },
      today,
    );
    return {
      ...c,
      detentionStatus: history.detentionStatus,
      arrestedOn: history.firstCustodyOn,
      releasedOn: history.lastReleasedOn,
      coAccusedIds: theirs.map((accused) => accused.id),
      coAccused: theirs,
      custodyClock: { ...history, nextHearing: nextHearing(caseHearings, now, today) },
    };
  });
}

/** Defender search (DefendersService.list): the trigram-indexed search text, name order, a page and a total. */
async function listDefenders(_match: RegExpMatchArray, query: Query): Promise<unknown> {
  const conditions: string[] = [];
  const values: unknown[] = [];
  const q = query.get('q');
  if (q !== null) {
    // The list matches fragments only, so each word is sent once, escaped for LIKE (as the app's
    // named parameters send only what the condition names).
    const terms = searchTerms(q, 1);
    const refs = terms.map((_, i) => {
      const fragment = `$${values.length + 1 + i}`;
      return { word: fragment, fragment };
    });
    values.push(...terms.map(escapeLike));
    conditions.push(
      terms.length
        ? termsMatch('vigil_defender_search_doc(d.full_name, d.other_names)', refs, false)
        : 'false',
    );
  }
  const country = query.get('country');
  if (country !== null) {
    values.push(country);
    conditions.push(`d.country = $${values.length}`);
  }
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const limit = limitOf(query);
  const offset = offsetOf(query);
  const [rows, count] = await Promise.all([
    pool.query(
      `SELECT d.id, d.created_at AS "createdAt", d.updated_at AS "updatedAt", d.full_name AS "fullName",
              d.other_names AS "otherNames", d.country, d.profession, d.affiliations, d.bio, d.contacts
         FROM defenders d ${where} ORDER BY d.full_name ASC, d.id ASC LIMIT ${limit} OFFSET ${offset}`,
      values,
    ),
    pool.query<{ total: number }>(`SELECT count(*)::int AS total FROM defenders d ${where}`, values),
  ]);
  return { items: rows.rows, total: count.rows[0].total, limit, offset };
}

/**
 * A case's timeline (TimelineController.list for a caseworker or admin): the app's one statement,
 * which also says whether the case exists; its JSON parsed and stringified again, as a plain
 * server would (the app passes PostgreSQL's JSON text through).
 */
async function caseTimeline(match: RegExpMatchArray, query: Query): Promise<unknown> {
  const caseId = match[1];
  const limit = limitOf(query);
  const offset = offsetOf(query);
  const found = await timeline.caseEntriesJson(
    caseId,
    { visibilities: [...VISIBILITIES] },
    { limit, offset },
  );
  if (!found) {
    throw new NotFound();
  }
  return {
    items: found.entriesJson.map((json) => JSON.parse(json) as unknown),
    total: found.total,
    limit,
    offset,
  };
}

class NotFound extends Error {}

// The dashboard page (DashboardController.show with DashboardService), as data: the same queries
// and the same clocks for the custody-ending candidates, the same reminder lists. The baseline
// answers with JSON; the app renders HTML.
async function remindersList(
  filters: Array<[string, unknown]>,
  limit: number,
): Promise<{ items: unknown[]; total: number }> {
  const where = filters.map(([clause], i) => clause.replace('?', `$${i + 1}`));
  const params = [...filters.map(([, value]) => value), limit, 0];
  const rows = (
    await pool.query(
      `SELECT r.id, r.kind, r.title, r.case_id, r.user_id, r.subject_id, r."offset", r.due_at,
              coalesce(c.timezone, u.timezone, 'UTC') AS timezone, r.status, r.attempts, r.last_error, r.sent_at,
              r.message_id, count(*) OVER () AS total
         FROM reminders r LEFT JOIN cases c ON c.id = r.case_id LEFT JOIN users u ON u.id = r.user_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY r.due_at, r.id
        LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )
  ).rows as Array<{ id: string; total: string }>;
  if (rows.length === 0) {
    const count = await pool.query<{ total: string }>(
      `SELECT count(*) AS total FROM reminders r ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`,
      params.slice(0, -2),
    );
    return { items: [], total: Number(count.rows[0].total) };
  }
  const recipients = await pool.query(
    `SELECT d.reminder_id AS "reminderId", split_part(d.recipient, ':', 1) AS type, split_part(d.recipient, ':', 2) AS id,
            coalesce(u.name, cr.name, '') AS name, d.email, d.language::text, d.message_id AS "messageId", d.sent_at AS "sentAt"
       FROM reminder_deliveries d
       LEFT JOIN users u ON d.recipient = 'user:' || u.id
       LEFT JOIN case_recipients cr ON d.recipient = 'recipient:' || cr.id
      WHERE d.reminder_id = ANY($1)
     UNION ALL
     SELECT r.id, 'user', u.id::text, u.name, u.email, u.language::text, NULL, NULL
       FROM reminders r JOIN case_watchers w ON w.case_id = r.case_id AND NOT w.muted JOIN users u ON u.id = w.user_id AND u.active
      WHERE r.id = ANY($1) AND r.status <> 'sent'
     UNION ALL
     SELECT r.id, 'recipient', cr.id::text, cr.name, cr.email, cr.language::text, NULL, NULL
       FROM reminders r JOIN case_recipients cr ON cr.case_id = r.case_id
      WHERE r.id = ANY($1) AND r.status <> 'sent'
     UNION ALL
     SELECT r.id, 'user', u.id::text, u.name, u.email, u.language::text, NULL, NULL
       FROM reminders r JOIN users u ON u.id = r.user_id
      WHERE r.id = ANY($1) AND r.status <> 'sent'
     ORDER BY 1, 2, 4`,
    [rows.map((row) => row.id)],
  );
  return {
    items: rows.map((row) => ({
      ...row,
      recipients: recipients.rows.filter((r) => r.reminderId === row.id),
    })),
    total: Number(rows[0].total),
  };
}

interface ClockedCase {
  id: string;
  custodyClock: { currentOrder: { daysLeft: number | null } | null };
}

/** Several cases with their defenders, co-accused and clocks, in one batch (CasesService.getMany). */
async function manyCases(ids: string[]): Promise<ClockedCase[]> {
  const rows = await pool.query<CaseRow>(
    `SELECT ${CASE_COLUMNS}, json_build_object('id', d.id, 'fullName', d.full_name, 'country', d.country) AS defender
       FROM cases c LEFT JOIN defenders d ON d.id = c.defender_id WHERE c.id = ANY($1)`,
    [ids],
  );
  return (await caseViews(rows.rows)) as ClockedCase[];
}

async function dashboard(): Promise<unknown> {
  const now = new Date();
  const visibilities = [...VISIBILITIES];
  const from = now.toISOString();
  const to = new Date(now.getTime() + 30 * 86_400_000).toISOString();
  // Custody ending: candidates through the index on where orders end, then each case's clock decides.
  const custodyEndingSoon = async () => {
    const candidates = await pool.query<{ caseId: string }>(
      custodyEndingCandidatesSql('detention_status', 'TRUE'),
      [
        visibilities,
        new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10),
        new Date(now.getTime() + 8 * 86_400_000).toISOString().slice(0, 10),
      ],
    );
    const cases = await manyCases(candidates.rows.map(({ caseId }) => caseId));
    const daysLeft = (c: ClockedCase) => c.custodyClock.currentOrder?.daysLeft;
    return cases
      .filter((c) => {
        const left = daysLeft(c);
        return left !== null && left !== undefined && left >= 0 && left <= 7;
      })
      .sort((a, b) => (daysLeft(a) ?? 0) - (daysLeft(b) ?? 0));
  };
  const [upcoming, awaitingOutcome, custodyEnding, byCountry, milestones, limits, failed, unheard] =
    await Promise.all([
      pool.query(HEARINGS_SQL('hearing.scheduled_at >= $2 AND hearing.scheduled_at < $3', 'TRUE'), [
        visibilities,
        now,
        new Date(now.getTime() + 14 * 86_400_000),
      ]),
      pool.query(HEARINGS_SQL('hearing.scheduled_at < $2', 'TRUE'), [visibilities, now]),
      custodyEndingSoon(),
      pool.query(
        `SELECT country, count(DISTINCT defender_id)::int AS defenders
         FROM cases WHERE detention_status = 'in_custody'
        GROUP BY country ORDER BY defenders DESC, country`,
      ),
      remindersList(
        [
          ['r.status = ?', 'pending'],
          ['r.kind = ?', 'detention_milestone'],
          ['r.due_at >= ?', from],
          ['r.due_at < ?', to],
        ],
        50,
      ),
      remindersList(
        [
          ['r.status = ?', 'pending'],
          ['r.kind = ?', 'statutory_limit'],
          ['r.due_at >= ?', from],
          ['r.due_at < ?', to],
        ],
        50,
      ),
      remindersList([['r.status = ?', 'failed']], 50),
      // The baseline reads as an admin, whom no team restriction hides anything from.
      pool.query(casesNotifyingNobodySql({ role: 'admin' }), [visibilities, 51, null, null]),
    ]);
  return {
    upcoming: upcoming.rows,
    awaitingOutcome: awaitingOutcome.rows,
    custodyEnding,
    byCountry: byCountry.rows,
    reminders: [...milestones.items, ...limits.items],
    failed: failed.items,
    unheard: unheard.rows,
  };
}

// The search's own sessions, as the app has them (search-runner.ts).
const searchRunner = new SearchRunner(SearchRunner.poolFor(process.env.DATABASE_URL ?? ''), () => new Date());

/** The search box (SearchService.search) as an admin sees it: the same runner, statement and terms. */
async function search(_match: RegExpMatchArray, query: Query): Promise<unknown> {
  const q = query.get('q') ?? '';
  const terms = searchTerms(q);
  const limit = Math.min(100, Number(query.get('limit') ?? 50));
  const { hits, tooCommon } = await searchRunner.search(terms, [...VISIBILITIES], limit);
  return { q, terms, tooCommon, hits: hits.map((row) => ({ ...row, score: Number(row.score) })) };
}

const ROUTES: Array<[RegExp, Handler]> = [
  [/^\/api\/search$/, search],
  [/^\/$/, dashboard],
  [/^\/api\/cases\/([0-9a-f-]{36})\/timeline$/, caseTimeline],
  [/^\/api\/cases$/, listCases],
  [/^\/api\/defenders$/, listDefenders],
];

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://baseline');
  if (url.pathname === '/health') {
    response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  for (const [pattern, handler] of ROUTES) {
    const match = url.pathname.match(pattern);
    if (match && request.method === 'GET') {
      const body = JSON.stringify(await handler(match, url.searchParams));
      response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(body);
      return;
    }
  }
  response.writeHead(404, { 'content-type': 'application/json' }).end('{"statusCode":404}');
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    if (error instanceof NotFound) {
      response.writeHead(404, { 'content-type': 'application/json' }).end('{"statusCode":404}');
      return;
    }
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    if (!response.headersSent) {
      response.writeHead(500, { 'content-type': 'application/json' });
    }
    response.end('{"statusCode":500}');
  });
});
server.keepAliveTimeout = 65_000;
server.listen(Number(process.env.PORT ?? 3100), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => void pool.end()));
