import { IsoDate } from '../common/entry';
import { CustodyBasis, SENTENCE_TERM } from '../cases/detention-model';

// The statutory-limit table's vocabulary and shapes: what evaluateLimits (limit-evaluation.ts)
// reads and what it answers. Plain data, no logic beyond the penalty scale.

/** The detentions a limit may govern: the custody bases the detention history knows, less house arrest and sentence. */
export const LIMIT_BASES = [
  'police',
  'judicial',
  'pre_trial',
  'administrative',
] as const satisfies readonly CustodyBasis[];
export type LimitBasis = (typeof LIMIT_BASES)[number];

/**
 * When the clock starts: `arrest` counts calendar days from the first day of detention in scope,
 * free days included; `custody_start` counts only the days held in scope (bail pauses it);
 * `each_order` restarts with every custody order.
 */
export const LIMIT_STARTS = ['arrest', 'custody_start', 'each_order'] as const;
export type LimitStart = (typeof LIMIT_STARTS)[number];

/** What stops the clock (see stopEvidence in limit-evaluation.ts for the entries that show each). */
export const LIMIT_STOPS = ['charge_sheet', 'indictment', 'committal', 'judgment', 'release'] as const;
export type LimitStop = (typeof LIMIT_STOPS)[number];

export const PERIOD_UNITS = ['days', 'months'] as const;
/** The longest period a row may state, in its unit: ten years of days. */
export const MAX_PERIOD_LENGTH = 3650;
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

export interface LimitPeriod {
  length: number;
  unit: PeriodUnit;
  /** True when the period is allowed only if a court orders it (an extension, a renewed block). */
  renewedByCourt: boolean;
}

/** One row of the table, as the evaluation reads it. */
export interface LimitRule {
  id: string;
  country: string;
  /** "Unlawful Activities (Prevention) Act 1967" */
  law: string;
  /** "s.43D(2)" */
  section: string;
  /** A short name for lists and emails: "UAPA s.43D(2)". */
  reference: string;
  /** Rows sharing a rule are alternatives: only the first (by priority) whose scope matches applies. */
  rule: string | null;
  priority: number;
  bases: LimitBasis[];
  /** Text a charge's law must contain (case-insensitive); empty for any charge or none. */
  lawPattern: string;
  /** A charge's section must begin with this at a boundary ("8(1)(a)(i)" is not "8(1)(a)(ii)"); empty for any. */
  sectionPattern: string;
  /** Gravity: the maximum penalty of the gravest charge in scope is at least this term (P10Y, life). */
  penaltyFrom: string | null;
  /** … and below this term (exclusive). */
  penaltyBelow: string | null;
  startsOn: LimitStart;
  stoppedBy: LimitStop[];
  periods: LimitPeriod[];
}

// ---- The case, as the evaluation reads it ----

export interface LimitCharge {
  id: string;
  law: string;
  section: string | null;
  status: string;
  /** The maximum penalty the law sets for it: an ISO duration (P7Y), life or death; null when not recorded. */
  maximumPenalty: string | null;
}

/** A dated entry that may stop a clock: a charge_sheet, conviction, acquittal or sentence event. */
export interface LimitEvent {
  id: string;
  type: string;
  date: IsoDate | null;
  precision: 'day' | 'month' | 'year';
}

/** A custody period of the detention history, with the orders made in it. */
export interface LimitCustody {
  openedBy: string;
  from: IsoDate | null;
  fromPrecision: 'day' | 'month' | 'year' | null;
  to: IsoDate | null;
  toPrecision: 'day' | 'month' | 'year' | null;
  closedBy: string | null;
  basis: CustodyBasis;
  endReason: string | null;
}

export interface LimitOrder {
  id: string;
  orderedOn: IsoDate;
}

export interface LimitCase {
  country: string;
  periods: LimitCustody[];
  custodyOrders: LimitOrder[];
  charges: LimitCharge[];
  events: LimitEvent[];
}

// ---- Output ----

export const LIMIT_STATES = ['running', 'met', 'exceeded', 'ended', 'undated'] as const;
/**
 * running: held, not stopped, due on dueOn; met: stopped (or released) on or before its last day;
 * exceeded: the last day passed while held (by exceededByDays); ended: custody ended by death or
 * disappearance before the last day; undated: the start is not known to the day.
 */
export type LimitStatus = (typeof LIMIT_STATES)[number];

export interface PeriodEnd {
  /** Days from the start to this end (the periods so far added up). */
  days: number;
  endsOn: IsoDate;
  renewedByCourt: boolean;
}

export interface LimitEvaluation {
  limitId: string;
  state: LimitStatus;
  startedOn: IsoDate | null;
  /** The entry (event or custody order) the clock counts from. */
  startedBy: string | null;
  /** Each period's end as the clock runs (later by the days out of custody for custody_start). */
  periodEnds: PeriodEnd[];
  /** running: the next period end from today; otherwise the last day the law allows with every renewal. */
  dueOn: IsoDate | null;
  /** The last day with every renewal. */
  lastDay: IsoDate | null;
  /** Whole days from today to dueOn (running only). */
  daysLeft: number | null;
  stoppedOn: IsoDate | null;
  stoppedBy: LimitStop | null;
  /** The entry that stopped it; null for a charge whose status says so without a dated entry. */
  stoppedByEntry: string | null;
  exceededByDays: number | null;
  /** The charges that put the case in the limit's scope (statute or gravity). */
  chargeIds: string[];
}

export interface LimitsOfCase {
  evaluations: LimitEvaluation[];
  /** Rules none of whose alternatives could be chosen because no charge in scope has a maximum penalty. */
  undecided: string[];
}

// ---- The penalty scale ----

/** A term on one scale, so gravities compare: a year is 12 months of 31 days; life and death above all. */
export function penaltyWeight(term: string): number | null {
  if (!SENTENCE_TERM.test(term)) {
    return null;
  }
  if (term === 'life') {
    return 1e9;
  }
  if (term === 'death') {
    return 1e9 + 1;
  }
  const [, y, m, w, d] = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?$/.exec(term) ?? [];
  return Number(y ?? 0) * 372 + Number(m ?? 0) * 31 + Number(w ?? 0) * 7 + Number(d ?? 0);
}

/** A row as the API, pages, exports and emails show it: the rule and the words around it. */
export interface LimitRow extends LimitRule {
  citation: string;
  citationUrl: string | null;
  description: string;
  exceeding: string;
}
