import { createHash } from 'node:crypto';
import { DateTime } from 'luxon';
import { Client } from 'pg';
import { arrayLiteral, copyInto, copyRow, CopyValue } from './copy';
import { benchKeys, sealedIfConfidential } from './data-key';
import { Random, Weighted } from './random';
import {
  AFFILIATIONS,
  CITIES,
  COUNTRIES,
  COURTS,
  EVENT_SENTENCES,
  EVENT_TYPES,
  FIRST_NAMES,
  HEARING_OUTCOMES,
  HEARING_PURPOSES,
  LAST_NAMES,
  LAWS,
  PLACES_OF_DETENTION,
  PROFESSIONS,
  SOURCES,
} from './vocabulary';

// A realistic data set at COPY speed: defenders, cases and their timelines, skewed the way real
// case loads are (a few cases with thousands of entries, most with a handful), dated over 16 years.

export interface PlannedCounts {
  defenders: number;
  cases: number;
  hearings: number;
  charges: number;
  custodyOrders: number;
  events: number;
  /** Entries of the few very large cases; the first is the 2,000-entry chronology the exports use. */
  giantSizes: number[];
}

/** Full scale: 100,000 defenders, 120,000 cases, 2,000,000 timeline entries of which 200,000 hearings. */
export function plannedCounts(scale: number): PlannedCounts {
  const n = (full: number, min: number) => Math.max(min, Math.round(full * scale));
  const giants = Math.max(3, Math.round(20 * scale));
  const giantSizes = Array.from({ length: giants }, (_, i) =>
    i === 0 ? 2000 : [5000, 3500, 2500, 1200][i % 4],
  );
  return {
    defenders: n(100_000, 50),
    cases: n(120_000, 60),
    hearings: n(200_000, 100),
    charges: n(240_000, 120),
    custodyOrders: n(160_000, 80),
    events: n(1_400_000, 700),
    giantSizes,
  };
}

export interface GeneratedDataSet {
  counts: Record<string, number>;
  seconds: { generateAndCopy: number; indexes: number; analyze: number };
  /** The case with exactly 2,000 entries, for the exports. */
  exportCaseId: string;
  /** The largest case (thousands of entries). */
  largestCaseId: string;
  /** Ordinary cases, for the timeline of a typical case. */
  typicalCaseIds: string[];
  /** Fragments of names as people type them into the search box. */
  searchTerms: string[];
  /** Filter combinations of the case list, weighted like the data. */
  caseFilters: Array<{ country: string; status?: string; detentionStatus?: string }>;
}

const DAY_MS = 86_400_000;
const isoDay = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);
const isoInstant = (ms: number): string => new Date(ms).toISOString();
const KIND_OFFSETS = { hearings: 1, charges: 2, custody: 3, events: 4 } as const;

function mix(seed: number, index: number, salt: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x9e3779b1) ^ Math.imul(salt + 7, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * A random-looking version-4 UUID that is a function of what it names, so every run (and every
 * pass over the plan) gives a row the same id. A seeded stream would not do: the streams of
 * nearby seeds overlap and repeat ids.
 */
function stableId(seed: number, ...parts: Array<string | number>): string {
  const hex = createHash('md5')
    .update(`${seed}:${parts.join(':')}`)
    .digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const CASE_STATUS = new Weighted([
  ['under_investigation', 15],
  ['charged', 20],
  ['on_trial', 25],
  ['convicted', 20],
  ['acquitted', 8],
  ['closed', 12],
] as const);
const DETENTION_STATUS = new Weighted([
  ['in_custody', 45],
  ['on_bail', 20],
  ['house_arrest', 7],
  ['released', 28],
] as const);
const COUNTRY = new Weighted(COUNTRIES.map(([code, weight, zone]) => [{ code, zone }, weight] as const));
const CUSTODY_KIND = new Weighted([
  ['judicial', 60],
  ['police', 25],
  ['pre_trial', 10],
  ['house_arrest', 3],
  ['administrative', 2],
] as const);
const CHARGE_STATUS = new Weighted([
  ['alleged', 35],
  ['in_charge_sheet', 30],
  ['framed', 20],
  ['dropped', 5],
  ['convicted', 8],
  ['acquitted', 2],
] as const);
const VISIBILITY = new Weighted([
  ['public', 80],
  ['internal', 15],
  ['confidential', 5],
] as const);
const PRECISION = new Weighted([
  ['day', 88],
  ['month', 9],
  ['year', 3],
] as const);
const CUSTODY_DAYS = [14, 15, 20, 30, 40, 50, 60, 90];
const HEARING_TIMES = ['10:00', '10:30', '11:00', '11:30', '14:00', '15:00'];

interface CasePlan {
  index: number;
  id: string;
  defenderIndex: number;
  coAccused: number[];
  country: string;
  zone: string;
  status: string;
  detentionStatus: string;
  arrestedDay: number;
  firstDay: number;
  lastDay: number;
  active: boolean;
  inCustody: boolean;
  law: number;
  hearings: number;
  charges: number;
  custodyOrders: number;
  events: number;
}

interface Plan {
  seed: number;
  today: number;
  defenderIds: string[];
  defenderNames: string[];
  defenderCountries: string[];
  cases: CasePlan[];
}

function planDefenders(
  seed: number,
  count: number,
): Pick<Plan, 'defenderIds' | 'defenderNames' | 'defenderCountries'> {
  const random = new Random(mix(seed, 0, 100));
  const defenderIds: string[] = [];
  const defenderNames: string[] = [];
  const defenderCountries: string[] = [];
  for (let i = 0; i < count; i++) {
    defenderIds.push(stableId(seed, 'defender', i));
    defenderNames.push(`${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`);
    defenderCountries.push(COUNTRY.pick(random).code);
  }
  return { defenderIds, defenderNames, defenderCountries };
}

function planCases(seed: number, counts: PlannedCounts, defenders: number, today: number): CasePlan[] {
  const random = new Random(mix(seed, 0, 200));
  const giants = counts.giantSizes.length;
  const weights: number[] = [];
  let weightSum = 0;
  for (let i = giants; i < counts.cases; i++) {
    const w = Math.exp(1.1 * random.normal());
    weights.push(w);
    weightSum += w;
  }
  const giantTotal = counts.giantSizes.reduce((a, b) => a + b, 0);
  const totals = {
    hearings: counts.hearings,
    charges: counts.charges,
    custodyOrders: counts.custodyOrders,
    events: counts.events,
  };
  const ordinary = Math.max(
    0,
    totals.hearings + totals.charges + totals.custodyOrders + totals.events - giantTotal,
  );
  // Giants take a fixed mix; the rest is drawn without replacement so the totals come out as planned.
  const remaining = { ...totals };
  const plans: CasePlan[] = [];
  for (let i = 0; i < counts.cases; i++) {
    const giant = i < giants;
    const size = giant
      ? counts.giantSizes[i]
      : Math.max(1, Math.round((weights[i - giants] / weightSum) * ordinary));
    let mixCounts: Pick<CasePlan, 'hearings' | 'charges' | 'custodyOrders' | 'events'>;
    if (giant) {
      mixCounts = {
        hearings: Math.round(size * 0.1),
        charges: Math.round(size * 0.05),
        custodyOrders: Math.round(size * 0.1),
        events: size - Math.round(size * 0.1) * 2 - Math.round(size * 0.05),
      };
    } else {
      mixCounts = { hearings: 0, charges: 0, custodyOrders: 0, events: 0 };
      for (let k = 0; k < size; k++) {
        const left = remaining.hearings + remaining.charges + remaining.custodyOrders + remaining.events;
        let target = random.next() * left;
        let kind: keyof typeof remaining = 'events';
        for (const candidate of ['hearings', 'charges', 'custodyOrders', 'events'] as const) {
          if (target < remaining[candidate]) {
            kind = candidate;
            break;
          }
          target -= remaining[candidate];
        }
        mixCounts[kind]++;
        remaining[kind] = Math.max(0, remaining[kind] - 1);
      }
    }
    if (giant) {
      for (const kind of ['hearings', 'charges', 'custodyOrders', 'events'] as const) {
        remaining[kind] = Math.max(0, remaining[kind] - mixCounts[kind]);
      }
    }
    const { code, zone } = giant ? { code: 'IN', zone: 'Asia/Kolkata' } : COUNTRY.pick(random);
    let status: string = giant ? 'on_trial' : CASE_STATUS.pick(random);
    let detentionStatus: string = giant ? 'in_custody' : DETENTION_STATUS.pick(random);
    if ((status === 'acquitted' || status === 'closed') && random.chance(0.8)) {
      detentionStatus = 'released';
    }
    if (detentionStatus === 'released' && status === 'on_trial' && random.chance(0.3)) {
      status = 'closed';
    }
    // Recent arrests are more common than old ones; the window spans sixteen years.
    const ageDays = giant ? 1500 + i * 40 : 20 + Math.floor(5840 * random.next() ** 1.6);
    const arrestedDay = today - ageDays;
    const totalEntries = mixCounts.hearings + mixCounts.charges + mixCounts.custodyOrders + mixCounts.events;
    const duration = Math.min(ageDays, 120 + totalEntries * (giant ? 1 : 12));
    plans.push({
      index: i,
      id: stableId(seed, 'case', i),
      defenderIndex: i < defenders ? i : random.int(0, defenders - 1),
      coAccused: random.chance(0.08)
        ? Array.from({ length: random.int(1, 3) }, () => random.int(0, defenders - 1)).filter(
            (d, k, all) => d !== i && all.indexOf(d) === k,
          )
        : [],
      country: code,
      zone,
      status,
      detentionStatus,
      arrestedDay,
      firstDay: arrestedDay - random.int(0, 90),
      lastDay: Math.min(today, arrestedDay + duration),
      active: !['convicted', 'acquitted', 'closed'].includes(status) && detentionStatus !== 'released',
      inCustody: detentionStatus === 'in_custody',
      law: giant ? 0 : random.int(0, LAWS.length - 1),
      ...mixCounts,
    });
  }
  return plans;
}

/** A COPY row whose given columns are sealed when the row (its last value) is confidential. */
const sealedRow = (sealedColumns: readonly number[], values: CopyValue[]): string =>
  copyRow(sealedIfConfidential(values, sealedColumns));

function* defenderRows(plan: Plan): Generator<string> {
  const random = new Random(mix(plan.seed, 0, 300));
  for (let i = 0; i < plan.defenderIds.length; i++) {
    const name = plan.defenderNames[i];
    const [first, last] = name.split(' ');
    const otherNames = random.chance(0.2) ? [`${last}, ${first}`, `${first} ${last.replace(/a/g, 'e')}`] : [];
    const created = Date.now() - random.int(0, 5000) * DAY_MS;
    yield copyRow([
      plan.defenderIds[i],
      isoInstant(created),
      isoInstant(created),
      name,
      arrayLiteral(otherNames),
      plan.defenderCountries[i],
      random.pick(PROFESSIONS),
      arrayLiteral(random.chance(0.5) ? [random.pick(AFFILIATIONS)] : []),
      random.chance(0.6)
        ? `${random.pick(PROFESSIONS)} from ${random.pick(CITIES)}, known for public advocacy.`
        : null,
      random.chance(0.3)
        ? JSON.stringify(
            benchKeys.seal([{ name: `${random.pick(FIRST_NAMES)} ${last}`, relation: 'sibling' }]),
          )
        : '[]',
    ]);
  }
}

function* caseRows(plan: Plan): Generator<string> {
  const random = new Random(mix(plan.seed, 0, 400));
  for (const c of plan.cases) {
    const created = (c.firstDay + random.int(0, Math.max(0, plan.today - c.firstDay))) * DAY_MS;
    const released =
      c.detentionStatus === 'released' ? c.arrestedDay + random.int(0, plan.today - c.arrestedDay) : null;
    const precision = random.chance(0.05) ? 'month' : 'day';
    const arrested = precision === 'month' ? isoDay(c.arrestedDay).slice(0, 8) + '01' : isoDay(c.arrestedDay);
    yield copyRow([
      c.id,
      isoInstant(created),
      isoInstant(created),
      plan.defenderIds[c.defenderIndex],
      `${plan.defenderNames[c.defenderIndex]}: ${LAWS[c.law][0]} case ${isoDay(c.arrestedDay).slice(0, 4)}`,
      c.country,
      c.zone,
      `${random.int(1, 999)}/${isoDay(c.arrestedDay).slice(0, 4)}`,
      `${random.pick(COURTS)}, ${random.pick(CITIES)}`,
      c.status,
      c.detentionStatus,
      c.inCustody ? random.pick(PLACES_OF_DETENTION) : null,
      arrested,
      precision,
      released === null ? null : isoDay(Math.max(released, c.arrestedDay)),
      // The same statuses for viewers: the generated entries are not confidential where it matters.
      c.detentionStatus,
      c.status,
    ]);
  }
}

// Everyone in a case, its defender first. The generated entries are all shared (no participant_id),
// so each person's folded status is the case's.
function* participantRows(plan: Plan): Generator<string> {
  for (const c of plan.cases) {
    yield copyRow([c.id, plan.defenderIds[c.defenderIndex], 'true', c.detentionStatus, c.detentionStatus]);
    for (const d of new Set(c.coAccused)) {
      if (d !== c.defenderIndex) {
        yield copyRow([c.id, plan.defenderIds[d], 'false', c.detentionStatus, c.detentionStatus]);
      }
    }
  }
}

/** Sorted days spread over the case's window. */
function spreadDays(random: Random, c: CasePlan, count: number): number[] {
  const span = Math.max(1, c.lastDay - c.firstDay);
  return Array.from({ length: count }, () => c.firstDay + random.int(0, span)).sort((a, b) => a - b);
}

/** The export case is all public, so the default (public) export carries all of its 2,000 entries. */
const visibilityOf = (random: Random, c: CasePlan): string =>
  c.index === 0 ? 'public' : VISIBILITY.pick(random);

const createdAtFor = (random: Random, day: number): string =>
  isoInstant(day * DAY_MS + DAY_MS / 2 + random.int(0, 7 * DAY_MS));

function* hearingRows(plan: Plan): Generator<string> {
  for (const c of plan.cases) {
    const random = new Random(mix(plan.seed, c.index, KIND_OFFSETS.hearings));
    const days = spreadDays(random, c, c.hearings);
    for (let k = 0; k < days.length; k++) {
      const day = days[k];
      const upcoming = c.active && k === days.length - 1;
      const when = upcoming ? plan.today + random.int(1, 45) : day;
      const time = random.pick(HEARING_TIMES);
      const local = `${isoDay(when)}T${time}:00`;
      const instant = DateTime.fromISO(local, { zone: c.zone }).toUTC().toISO();
      const roll = random.next();
      const status = upcoming
        ? 'scheduled'
        : roll < 0.8
          ? 'held'
          : roll < 0.93
            ? 'adjourned'
            : roll < 0.97
              ? 'cancelled'
              : 'scheduled';
      // A few past hearings have no outcome logged: the dashboard's "outcome missing" list.
      const outcome =
        status === 'held' ? random.pick(HEARING_OUTCOMES) : status === 'adjourned' ? 'Adjourned' : null;
      // court, judge, purpose, outcome and its notes are sealed on a confidential hearing.
      yield sealedRow(
        [7, 8, 9, 11, 12],
        [
          stableId(plan.seed, 'hearing', c.index, k),
          createdAtFor(random, Math.min(day, plan.today)),
          createdAtFor(random, Math.min(day, plan.today)),
          c.id,
          local,
          instant,
          random.chance(0.95),
          `${random.pick(COURTS)}, ${random.pick(CITIES)}`,
          random.chance(0.6) ? `Judge ${random.pick(LAST_NAMES)}` : null,
          random.pick(HEARING_PURPOSES),
          status,
          outcome,
          outcome && random.chance(0.3) ? 'Next date fixed by the court.' : null,
          outcome ? isoInstant(when * DAY_MS + DAY_MS * 0.75) : null,
          visibilityOf(random, c),
        ],
      );
    }
  }
}

function* chargeRows(plan: Plan): Generator<string> {
  for (const c of plan.cases) {
    const random = new Random(mix(plan.seed, c.index, KIND_OFFSETS.charges));
    const [law, sections] = LAWS[c.law];
    const days = spreadDays(random, c, c.charges);
    for (let k = 0; k < days.length; k++) {
      const day = days[k];
      yield copyRow([
        stableId(plan.seed, 'charge', c.index, k),
        createdAtFor(random, day),
        createdAtFor(random, day),
        c.id,
        law,
        random.pick(sections),
        random.chance(0.4) ? 'Conspiracy and support for a proscribed organisation' : null,
        random.chance(0.95) ? isoDay(day) : null,
        CHARGE_STATUS.pick(random),
        c.index === 0 || random.chance(0.95) ? 'public' : 'internal',
      ]);
    }
  }
}

function* custodyRows(plan: Plan): Generator<string> {
  for (const c of plan.cases) {
    const random = new Random(mix(plan.seed, c.index, KIND_OFFSETS.custody));
    const days = spreadDays(random, c, c.custodyOrders);
    for (let k = 0; k < days.length; k++) {
      const length = random.pick(CUSTODY_DAYS);
      // For people in custody the current order ends soon: the dashboard's "custody ending" list.
      const ordered =
        c.inCustody && k === days.length - 1 ? plan.today - length + random.int(-5, 20) : days[k];
      const roll = random.next();
      const until = roll < 0.9 ? isoDay(ordered + length) : roll < 0.95 ? null : isoDay(ordered + length + 1);
      // court, judge, place and notes are sealed on a confidential order.
      yield sealedRow(
        [8, 9, 10, 12],
        [
          stableId(plan.seed, 'custody', c.index, k),
          createdAtFor(random, Math.min(ordered, plan.today)),
          createdAtFor(random, Math.min(ordered, plan.today)),
          c.id,
          CUSTODY_KIND.pick(random),
          isoDay(ordered),
          random.chance(0.95) ? length : null,
          until,
          random.chance(0.8) ? `${random.pick(COURTS)}, ${random.pick(CITIES)}` : null,
          random.chance(0.3) ? `Judge ${random.pick(LAST_NAMES)}` : null,
          random.chance(0.6) ? random.pick(PLACES_OF_DETENTION) : null,
          null,
          random.chance(0.1) ? 'Extension sought by the investigating agency.' : null,
          visibilityOf(random, c),
        ],
      );
    }
  }
}

interface GeneratedEvent {
  row: string;
  id: string;
  sources: string[];
}

function* caseEvents(plan: Plan, c: CasePlan): Generator<GeneratedEvent> {
  const random = new Random(mix(plan.seed, c.index, KIND_OFFSETS.events));
  const days = spreadDays(random, c, c.events);
  for (let k = 0; k < days.length; k++) {
    const arrest = k === 0;
    const precision = arrest ? 'day' : PRECISION.pick(random);
    let day = isoDay(arrest ? c.arrestedDay : days[k]);
    if (precision === 'month') {
      day = `${day.slice(0, 8)}01`;
    } else if (precision === 'year') {
      day = `${day.slice(0, 4)}-01-01`;
    }
    const id = stableId(plan.seed, 'event', c.index, k);
    const type = arrest ? 'arrest' : random.pick(EVENT_TYPES);
    // The title and description are sealed on a confidential event, and so are its sources.
    const values = [
      id,
      createdAtFor(random, days[k]),
      createdAtFor(random, days[k]),
      c.id,
      day,
      precision,
      type,
      random.chance(0.3) ? `${type.replace(/_/g, ' ')} reported` : null,
      arrest ? `Arrested by the police in ${random.pick(CITIES)}.` : random.pick(EVENT_SENTENCES),
      arrest ? 'public' : visibilityOf(random, c),
    ];
    const confidential = values[values.length - 1] === 'confidential';
    const row = copyRow(sealedIfConfidential(values, [7, 8]));
    const sourceCount = random.chance(0.35) ? (random.chance(0.3) ? 2 : 1) : 0;
    const sources: string[] = [];
    for (let s = 0; s < sourceCount; s++) {
      const url = random.chance(0.7) ? `https://example.org/cases/${c.index}/${k}/${s}` : null;
      sources.push(
        copyRow([
          stableId(plan.seed, 'source', c.index, k, s),
          id,
          s,
          ...[url && random.chance(0.5) ? null : random.pick(SOURCES), url].map((text) =>
            confidential && text !== null ? benchKeys.seal(text) : text,
          ),
        ]),
      );
    }
    yield { row, id, sources };
  }
}

function* eventRows(plan: Plan): Generator<string> {
  for (const c of plan.cases) {
    for (const event of caseEvents(plan, c)) {
      yield event.row;
    }
  }
}

function* eventSourceRows(plan: Plan): Generator<string> {
  for (const c of plan.cases) {
    for (const event of caseEvents(plan, c)) {
      yield* event.sources;
    }
  }
}

const TABLES: Array<{ table: string; columns: string[]; rows: (plan: Plan) => Iterable<string> }> = [
  {
    table: 'defenders',
    columns: [
      'id',
      'created_at',
      'updated_at',
      'full_name',
      'other_names',
      'country',
      'profession',
      'affiliations',
      'bio',
      'contacts',
    ],
    rows: defenderRows,
  },
  {
    table: 'cases',
    columns: [
      'id',
      'created_at',
      'updated_at',
      'defender_id',
      'title',
      'country',
      'timezone',
      'case_number',
      'court',
      'status',
      'detention_status',
      'place_of_detention',
      'arrested_on',
      'arrested_on_precision',
      'released_on',
      'viewer_detention_status',
      'viewer_status',
    ],
    rows: caseRows,
  },
  {
    table: 'case_participants',
    columns: ['case_id', 'defender_id', 'main', 'detention_status', 'viewer_detention_status'],
    rows: participantRows,
  },
  {
    table: 'hearings',
    columns: [
      'id',
      'created_at',
      'updated_at',
      'case_id',
      'scheduled_local',
      'scheduled_at',
      'time_known',
      'court',
      'judge',
      'purpose',
      'status',
      'outcome',
      'outcome_notes',
      'outcome_recorded_at',
      'visibility',
    ],
    rows: hearingRows,
  },
  {
    table: 'charges',
    columns: [
      'id',
      'created_at',
      'updated_at',
      'case_id',
      'law',
      'section',
      'offence',
      'brought_on',
      'status',
      'visibility',
    ],
    rows: chargeRows,
  },
  {
    table: 'custody_orders',
    columns: [
      'id',
      'created_at',
      'updated_at',
      'case_id',
      'kind',
      'ordered_on',
      'days',
      'until',
      'court',
      'judge',
      'place',
      'hearing_id',
      'notes',
      'visibility',
    ],
    rows: custodyRows,
  },
  {
    table: 'events',
    columns: [
      'id',
      'created_at',
      'updated_at',
      'case_id',
      'occurred_on',
      'precision',
      'type',
      'title',
      'description',
      'visibility',
    ],
    rows: eventRows,
  },
  {
    table: 'event_sources',
    columns: ['id', 'event_id', 'position', 'citation', 'url'],
    rows: eventSourceRows,
  },
];

/** Secondary indexes are dropped for the load and rebuilt after it, which is much faster than maintaining them. */
async function secondaryIndexes(
  client: Client,
  tables: string[],
): Promise<Array<{ name: string; definition: string }>> {
  const result = await client.query<{ name: string; definition: string }>(
    `SELECT ci.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i
       JOIN pg_class t ON t.oid = i.indrelid
       JOIN pg_class ci ON ci.oid = i.indexrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE n.nspname = 'public' AND t.relname = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [tables],
  );
  return result.rows;
}

function sampleWithout<T>(random: Random, items: readonly T[], count: number): T[] {
  const picked = new Set<number>();
  const limit = Math.min(count, items.length);
  while (picked.size < limit) {
    picked.add(random.int(0, items.length - 1));
  }
  return [...picked].map((i) => items[i]);
}

export async function generateDataSet(
  databaseUrl: string,
  scale: number,
  seed: number,
  log: (message: string) => void,
): Promise<GeneratedDataSet> {
  const counts = plannedCounts(scale);
  const today = Math.floor(Date.now() / DAY_MS);
  const defenders = planDefenders(seed, counts.defenders);
  const plan: Plan = { seed, today, ...defenders, cases: planCases(seed, counts, counts.defenders, today) };

  const connect = async () => {
    const client = new Client({ connectionString: databaseUrl });
    await client.connect();
    // Rows are consistent by construction; skipping the foreign-key triggers is what makes COPY fast.
    await client.query(`SET session_replication_role = replica`);
    return client;
  };
  const admin = await connect();
  const result: GeneratedDataSet['counts'] = {};
  let started = Date.now();
  try {
    const tableNames = TABLES.map((t) => t.table);
    const indexes = await secondaryIndexes(admin, tableNames);
    for (const index of indexes) {
      await admin.query(`DROP INDEX ${index.name}`);
    }
    // Two loaders at a time: one core generates rows while PostgreSQL parses the other stream.
    const queue = [...TABLES];
    const loader = async () => {
      const client = await connect();
      try {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const began = Date.now();
          result[next.table] = await copyInto(client, next.table, next.columns, next.rows(plan));
          log(
            `  ${next.table}: ${result[next.table].toLocaleString('en')} rows in ${((Date.now() - began) / 1000).toFixed(1)} s`,
          );
        }
      } finally {
        await client.end();
      }
    };
    await Promise.all([loader(), loader()]);
    const generateAndCopy = (Date.now() - started) / 1000;

    started = Date.now();
    await admin.query(`SET maintenance_work_mem = '256MB'`);
    for (const index of indexes) {
      await admin.query(index.definition);
    }
    const indexSeconds = (Date.now() - started) / 1000;
    log(`  ${indexes.length} secondary indexes rebuilt in ${indexSeconds.toFixed(1)} s`);
    // The load bypassed the triggers that keep the search's word list (migration SearchWords).
    started = Date.now();
    await admin.query('SELECT vigil_refill_search_words()');
    log(`  search words listed in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    started = Date.now();
    await admin.query('VACUUM ANALYZE');
    const analyze = (Date.now() - started) / 1000;

    const random = new Random(mix(seed, 0, 900));
    const giants = counts.giantSizes.length;
    const ordinaryCases = plan.cases.slice(giants);
    const largest = plan.cases.slice(0, giants).reduce((a, b) => (countOf(b) > countOf(a) ? b : a));
    const searchTerms = sampleWithout(random, plan.defenderNames, 200).map((name) => {
      const [first, last] = name.split(' ');
      // Mostly a surname fragment, sometimes a full name, as people type it.
      return random.chance(0.3)
        ? name.toLowerCase()
        : (random.chance(0.5) ? last : first).slice(0, random.int(4, 7));
    });
    const caseFilters = sampleWithout(random, ordinaryCases, 200).map((c) => ({
      country: c.country,
      ...(random.chance(0.7) ? { status: c.status } : {}),
      ...(random.chance(0.7) ? { detentionStatus: c.detentionStatus } : {}),
    }));
    return {
      counts: result,
      seconds: { generateAndCopy, indexes: indexSeconds, analyze },
      exportCaseId: plan.cases[0].id,
      largestCaseId: largest.id,
      typicalCaseIds: sampleWithout(random, ordinaryCases, 1000).map((c) => c.id),
      searchTerms,
      caseFilters,
    };
  } finally {
    await admin.end();
  }
}

const countOf = (c: CasePlan): number => c.hearings + c.charges + c.custodyOrders + c.events;
