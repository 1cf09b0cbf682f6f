import { DatePrecision, IsoDate } from '../common/entry';

// The detention history's vocabulary and shapes: what deriveDetention (detention-history.ts) reads
// and what it answers. Plain data, no logic.

export const CUSTODY_BASES = [
  'police',
  'judicial',
  'pre_trial',
  'administrative',
  'house_arrest',
  'sentence',
] as const;
export type CustodyBasis = (typeof CUSTODY_BASES)[number];

export const BAIL_CONDITIONS = [
  'electronic_monitoring',
  'house_confinement',
  'travel_ban',
  'reporting',
  'surety',
  'other',
] as const;
export type BailCondition = (typeof BAIL_CONDITIONS)[number];

export const END_REASONS = [
  'bail',
  'release',
  'acquittal',
  'pardon',
  'sentence_served',
  'death',
  'unknown',
] as const;
export type EndReason = (typeof END_REASONS)[number];

export const DERIVED_DETENTION_STATUSES = [
  'in_custody',
  'house_arrest',
  'on_bail',
  'released',
  'not_detained',
  'deceased',
  'disappeared',
] as const;
export type DerivedDetentionStatus = (typeof DERIVED_DETENTION_STATUSES)[number];

/** Events that open a custody period. */
export const OPENING_TYPES = ['arrest', 'detention', 'bail_revoked'] as const;
/** Events that close the open period, and why it ended. */
export const CLOSING_REASONS = {
  bail_granted: 'bail',
  release: 'release',
  acquittal: 'acquittal',
  pardon: 'pardon',
  sentence_served: 'sentence_served',
  death_in_custody: 'death',
  disappearance: 'unknown',
} as const satisfies Record<string, EndReason>;
/** Events that last: they start on their date and run until endedOn (absent while they last). */
export const LASTING_TYPES = ['hunger_strike', 'travel_ban', 'incommunicado'] as const;
export type LastingType = (typeof LASTING_TYPES)[number];

/** Every event type the fold reads; the others (raids, statements, hearings in words) change nothing in it. */
export const DETENTION_EVENT_TYPES: readonly string[] = [
  ...OPENING_TYPES,
  ...Object.keys(CLOSING_REASONS),
  'sentence',
  ...LASTING_TYPES,
];

/** A sentence's term: an ISO 8601 duration of years, months, weeks and days (P15Y, P2Y6M), life or death. */
export const SENTENCE_TERM = /^(?:P(?=\d)(?:\d+Y)?(?:\d+M)?(?:\d+W)?(?:\d+D)?|life|death)$/;

export const DEFAULT_BASIS: Record<(typeof OPENING_TYPES)[number], CustodyBasis> = {
  arrest: 'police',
  detention: 'pre_trial',
  bail_revoked: 'pre_trial',
};

export const PERIOD_POSITIONS = ['start', 'end'] as const;
export type PeriodPosition = (typeof PERIOD_POSITIONS)[number];

// ---- Input: the case's dated entries, as plain data ----

export interface DetentionEvent {
  id: string;
  /** An event type (src/events/event.entity.ts); types the fold does not know are carried along. */
  type: string;
  /** The stored day (the first of its month or year when less precise); null when unknown. */
  date: IsoDate | null;
  precision: DatePrecision;
  /** When it was recorded, fixed-width UTC: breaks ties on one day the way the timeline does. */
  createdAt: string;
  /** arrest, detention, bail_revoked: what kind of custody it began. */
  custodyBasis?: CustodyBasis | null;
  /** bail_granted */
  bailConditions?: BailCondition[] | null;
  bailConditionsNote?: string | null;
  /** sentence */
  sentenceTerm?: string | null;
  sentenceStartsOn?: IsoDate | null;
  creditForCustody?: boolean | null;
  /** Lasting events: the day it ended, null while it lasts. */
  endedOn?: IsoDate | null;
  /** Set by hand: where in its month or year an imprecise entry sits (else by its type). */
  periodPosition?: PeriodPosition | null;
  /** Set by hand: before (lower) or after (higher) the other entries of its day; null is 0. */
  dayPosition?: number | null;
}

export interface DetentionCustodyOrder {
  id: string;
  kind: string;
  orderedOn: IsoDate;
  days: number | null;
  /** The end as the court stated it. */
  until: IsoDate | null;
  createdAt: string;
}

export interface DetentionInput {
  events: DetentionEvent[];
  custodyOrders: DetentionCustodyOrder[];
  /** Only for flags: charges and hearings dated before the first arrest. */
  charges?: { id: string; broughtOn: IsoDate | null }[];
  /** The hearing's local day in the case's zone. */
  hearings?: { id: string; day: IsoDate }[];
}

// ---- Output ----

export interface CustodyPeriod {
  /** The entry that opened it. */
  openedBy: string;
  /** null when the opening entry is undated. */
  from: IsoDate | null;
  fromPrecision: DatePrecision | null;
  /** null while it lasts. */
  to: IsoDate | null;
  toPrecision: DatePrecision | null;
  /** The entry that closed it. */
  closedBy: string | null;
  basis: CustodyBasis;
  /** null while it lasts. */
  endReason: EndReason | null;
  /** to - from (or today - from while it lasts), when both are known to the day; else null. */
  days: number | null;
}

export interface CurrentCustodyOrder {
  id: string;
  kind: string;
  orderedOn: IsoDate;
  /** See orderEnd: the earlier of orderedOn + days and the stated until. */
  endsOn: IsoDate | null;
  /** Whole days from today to endsOn: 0 on the last day. */
  daysLeft: number | null;
}

export interface SentenceState {
  entryId: string;
  /** 'P10Y', 'P2Y6M', 'life' or 'death'. */
  term: string;
  imposedOn: IsoDate | null;
  startsOn: IsoDate | null;
  creditForCustody: boolean;
  /** The day the term is complete; null for life, death, or without a start. */
  expectedReleaseOn: IsoDate | null;
  /** Earlier sentence entries this one replaces (an appeal changed it). */
  replaces: string[];
}

export interface LastingEvent {
  id: string;
  type: LastingType;
  from: IsoDate | null;
  fromPrecision: DatePrecision | null;
  /** endedOn, or the day of death; null while it lasts. */
  to: IsoDate | null;
  ongoing: boolean;
  /** Whole days from its start to today (to its end when over); null when undated. */
  days: number | null;
}

export interface CurrentBail {
  entryId: string;
  grantedOn: IsoDate | null;
  conditions: BailCondition[];
  conditionsNote: string | null;
}

export interface EndOfLiberty {
  entryId: string;
  on: IsoDate | null;
  precision: DatePrecision | null;
}

export type FlaggedEntity = 'custody_order' | 'hearing' | 'charge' | 'event';

export type DetentionFlag =
  | {
      kind: 'end-date-mismatch';
      custodyOrderId: string;
      orderedOn: IsoDate;
      days: number;
      statedUntil: IsoDate;
      computedEnd: IsoDate;
      /** computedEnd minus statedUntil, in days: positive when the arithmetic runs past the stated date. */
      differenceDays: number;
      /** The end used everywhere: the earlier of the two. */
      endsOn: IsoDate;
      message: string;
    }
  | {
      kind: 'dated-before-arrest';
      entity: FlaggedEntity;
      id: string;
      date: IsoDate;
      arrestedOn: IsoDate;
      message: string;
    }
  | {
      kind: 'dated-after-release';
      entity: 'custody_order';
      id: string;
      date: IsoDate;
      releasedOn: IsoDate;
      message: string;
    }
  | {
      kind: 'dated-after-death';
      entity: 'event';
      id: string;
      date: IsoDate | null;
      diedOn: IsoDate | null;
      message: string;
    }
  | { kind: 'no-order-in-force'; lastOrderEndedOn: IsoDate; message: string };

export interface DetentionHistory {
  periods: CustodyPeriod[];
  currentPeriod: CustodyPeriod | null;
  /** Sum of the periods known to the day; null when none is. */
  daysInCustody: number | null;
  /** True when some period was left out of daysInCustody because an end is known only roughly. */
  daysInCustodyIsPartial: boolean;
  detentionStatus: DerivedDetentionStatus;
  /** The first period's start: "detained since" for the lists. */
  firstCustodyOn: IsoDate | null;
  firstCustodyPrecision: DatePrecision | null;
  /** The last period's end when it is closed. */
  lastReleasedOn: IsoDate | null;
  lastReleasedPrecision: DatePrecision | null;
  currentOrder: CurrentCustodyOrder | null;
  /** The latest end, before today, among the orders. */
  lastOrderEndedOn: IsoDate | null;
  sentence: SentenceState | null;
  currentBail: CurrentBail | null;
  lastingEvents: LastingEvent[];
  death: EndOfLiberty | null;
  /** The disappearance in effect (null once a later entry says where the person is). */
  disappearance: EndOfLiberty | null;
  flags: DetentionFlag[];
}
