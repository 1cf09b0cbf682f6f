import { DatePrecision, IsoDate } from '../common/entry';
import { placement, placementRank, PRECISION_RANK } from './detention-order';

/*
 * A case's stages and its status, folded from its entries: one pure function, deriveStages, beside
 * the detention history and read by the api, the worker, the exports and the pages alike.
 *
 * Every case starts in `investigation`. Walking the entries in the timeline's order:
 * - an entry that names a stage (a hearing, a court appearance, a conviction, a sentence …) belongs
 *   to it: the current stage when it is that kind; the latest stage of that kind when the case has
 *   moved past it (an entry recorded late); else it opens that stage;
 * - `appeal_filed` opens a new appeal (or the cassation or other stage it names) before its court,
 *   unless hearings already opened that stage;
 * - `conviction` and `acquittal` decide the stage they belong to (first instance by default);
 *   `appeal_decision` decides the appeal under way; `retrial_ordered` opens a new first instance;
 * - `charge_sheet` (or any charge) makes an investigation `charged`.
 * The status is then read off the last stage (statusOf). `closed` and `unknown` say what no entry
 * can, so they stay a caseworker's explicit override.
 */

export const CASE_STAGE_KINDS = ['investigation', 'first_instance', 'appeal', 'cassation', 'other'] as const;
export type CaseStageKind = (typeof CASE_STAGE_KINDS)[number];
/** Stages an appeal filing can open. */
export const APPEAL_STAGE_KINDS = ['appeal', 'cassation', 'other'] as const;

export const STAGE_DECISIONS = [
  'convicted',
  'acquitted',
  'dismissed',
  'upheld',
  'overturned',
  'sentence_reduced',
  'sentence_increased',
  'retrial_ordered',
] as const;
export type StageDecision = (typeof STAGE_DECISIONS)[number];

export const CASE_STATUSES = [
  'under_investigation',
  'charged',
  'on_trial',
  'on_appeal',
  'convicted',
  'acquitted',
  'closed',
  'unknown',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** What no entry tells: a caseworker sets these by hand, and they win over the derivation. */
export const STATUS_OVERRIDES = ['closed', 'unknown'] as const;
export type StatusOverride = (typeof STATUS_OVERRIDES)[number];

/** Charge statuses that say the charge sheet is in: an investigation with one is "charged". */
export const CHARGE_SHEET_FILED: readonly string[] = ['in_charge_sheet', 'framed', 'convicted', 'acquitted'];

/** Event types the stage fold reads; the others change nothing in it. */
export const STAGE_EVENT_TYPES: readonly string[] = [
  'charge_sheet',
  'court',
  'conviction',
  'acquittal',
  'sentence',
  'appeal_filed',
  'appeal_decision',
];

// Later stages rank higher; a retrial's first instance comes after the appeal that ordered it.
const RANK: Record<CaseStageKind, number> = {
  investigation: 0,
  first_instance: 1,
  appeal: 2,
  cassation: 3,
  other: 4,
};

export interface StageEvent {
  id: string;
  type: string;
  date: IsoDate | null;
  precision: DatePrecision;
  createdAt: string;
  periodPosition?: 'start' | 'end' | null;
  dayPosition?: number | null;
  stage?: CaseStageKind | null;
  court?: string | null;
  decision?: StageDecision | null;
  appealDeadline?: IsoDate | null;
}

export interface StageHearing {
  id: string;
  /** The hearing's local day in the case's zone. */
  day: IsoDate;
  createdAt: string;
  /** null: the stage under way on its day. */
  stage: CaseStageKind | null;
  court: string | null;
}

export interface StageInput {
  events: StageEvent[];
  hearings: StageHearing[];
  /** Some charge is recorded: an investigation with charges reads `charged`. */
  charged: boolean;
  /** The case's own court: the first instance's when no entry names one. */
  court: string | null;
  override: StatusOverride | null;
}

export interface CaseStage {
  kind: CaseStageKind;
  court: string | null;
  /** The day it opened; null for the investigation and for undated openings. */
  from: IsoDate | null;
  fromPrecision: DatePrecision | null;
  /** The entry that opened it (appeal_filed, a hearing, a decision ordering a retrial …). */
  openedBy: string | null;
  decision: StageDecision | null;
  decidedOn: IsoDate | null;
  decidedPrecision: DatePrecision | null;
  decidedBy: string | null;
  /** The last day to appeal the decision, as the caseworker recorded it on the decision. */
  appealDeadline: IsoDate | null;
  /** Entries that belong to it: hearings, sentences, decisions. */
  entryIds: string[];
}

export interface AppealDeadline {
  /** The decision entry that carries it. */
  entryId: string;
  deadline: IsoDate;
  stage: CaseStageKind;
  court: string | null;
  /** The appeal_filed that answered it; null while none is recorded. */
  answeredBy: string | null;
}

export interface CaseStages {
  stages: CaseStage[];
  current: CaseStage;
  /** The judgment that stands after every decision so far. */
  verdict: 'convicted' | 'acquitted' | 'dismissed' | null;
  status: CaseStatus;
  appealDeadlines: AppealDeadline[];
}

type Step =
  | {
      source: 'event';
      at: string;
      rank: number;
      position: number;
      createdAt: string;
      id: string;
      event: StageEvent;
    }
  | {
      source: 'hearing';
      at: string;
      rank: number;
      position: number;
      createdAt: string;
      id: string;
      hearing: StageHearing;
    };

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const compareSteps = (a: Step, b: Step): number =>
  compareText(a.at, b.at) ||
  a.rank - b.rank ||
  a.position - b.position ||
  compareText(a.createdAt, b.createdAt) ||
  compareText(a.id, b.id);

const isAppealKind = (kind: CaseStageKind): boolean =>
  (APPEAL_STAGE_KINDS as readonly string[]).includes(kind);

const newStage = (kind: CaseStageKind, opening: StageEvent | StageHearing | null): CaseStage => {
  const date = opening === null ? null : 'day' in opening ? opening.day : opening.date;
  return {
    kind,
    court: opening?.court ?? null,
    from: date,
    fromPrecision: date === null || opening === null ? null : 'day' in opening ? 'day' : opening.precision,
    openedBy: opening?.id ?? null,
    decision: null,
    decidedOn: null,
    decidedPrecision: null,
    decidedBy: null,
    appealDeadline: null,
    entryIds: [],
  };
};

/** Everything derived about a case's stages, from its entries. */
export function deriveStages(input: StageInput): CaseStages {
  const steps: Step[] = [
    ...input.events
      .filter((event) => STAGE_EVENT_TYPES.includes(event.type))
      .map((event): Step => ({
        source: 'event',
        at: placement(event.type, event.date, event.precision, event.periodPosition),
        rank: placementRank(event.type, event.precision, event.periodPosition),
        position: event.dayPosition ?? 0,
        createdAt: event.createdAt,
        id: event.id,
        event,
      })),
    ...input.hearings.map((hearing): Step => ({
      source: 'hearing',
      at: hearing.day,
      rank: PRECISION_RANK.day,
      position: 0,
      createdAt: hearing.createdAt,
      id: hearing.id,
      hearing,
    })),
  ].sort(compareSteps);

  const stages: CaseStage[] = [newStage('investigation', null)];
  let charged = input.charged;
  const current = (): CaseStage => stages[stages.length - 1];
  const answers = new Map<string, string>();
  const filed = new Set<CaseStage>();

  // The stage an entry naming `kind` belongs to, opening it when the case has not been there.
  const stageFor = (kind: CaseStageKind, entry: StageEvent | StageHearing): CaseStage => {
    const now = current();
    if (now.kind === kind) {
      return now;
    }
    const existing = stages.filter((stage) => stage.kind === kind).at(-1);
    if (RANK[kind] < RANK[now.kind]) {
      if (existing) {
        return existing;
      }
      // Recorded late (an undated judgment entered after the appeal): it goes where it belongs.
      const stage = newStage(kind, entry);
      stages.splice(
        Math.max(
          1,
          stages.findIndex((s) => RANK[s.kind] > RANK[kind]),
        ),
        0,
        stage,
      );
      return stage;
    }
    const stage = newStage(kind, entry);
    stages.push(stage);
    return stage;
  };

  const decide = (stage: CaseStage, decision: StageDecision, event: StageEvent): void => {
    stage.decision = decision;
    stage.decidedOn = event.date;
    stage.decidedPrecision = event.date === null ? null : event.precision;
    stage.decidedBy = event.id;
    stage.appealDeadline = event.appealDeadline ?? null;
    stage.court = stage.court ?? event.court ?? null;
    if (decision === 'retrial_ordered') {
      const earlier = stages.filter((s) => s.kind === 'first_instance').at(-1);
      const retrial = newStage('first_instance', event);
      retrial.court = earlier?.court ?? null;
      stages.push(retrial);
    }
  };

  for (const step of steps) {
    if (step.source === 'hearing') {
      const { hearing } = step;
      const stage = hearing.stage === null ? current() : stageFor(hearing.stage, hearing);
      stage.entryIds.push(hearing.id);
      stage.court = stage.court ?? hearing.court;
      continue;
    }
    const { event } = step;
    switch (event.type) {
      case 'charge_sheet':
        charged = true;
        break;
      case 'appeal_filed': {
        const kind = event.stage ?? 'appeal';
        const now = current();
        let stage: CaseStage;
        if (now.kind === kind && now.decision === null) {
          stage = now;
          if (!filed.has(now)) {
            // Hearings were put under the appeal before its filing was recorded: the filing opens it.
            stage.openedBy = event.id;
            stage.from = event.date;
            stage.fromPrecision = event.date === null ? null : event.precision;
          }
        } else {
          // A filing moves the case on: the appeal it opens comes after everything before it.
          stage = newStage(kind, event);
          stages.push(stage);
        }
        filed.add(stage);
        stage.court = event.court ?? stage.court;
        stage.entryIds.push(event.id);
        // The decisions placed before it that carried a deadline are answered by this filing.
        for (const earlier of stages) {
          if (
            earlier.decidedBy !== null &&
            earlier.appealDeadline !== null &&
            !answers.has(earlier.decidedBy)
          ) {
            answers.set(earlier.decidedBy, event.id);
          }
        }
        break;
      }
      case 'conviction':
      case 'acquittal': {
        const now = current();
        const stage = event.stage
          ? stageFor(event.stage, event)
          : now.kind === 'investigation'
            ? stageFor('first_instance', event)
            : now;
        stage.entryIds.push(event.id);
        decide(stage, event.type === 'conviction' ? 'convicted' : 'acquitted', event);
        break;
      }
      case 'appeal_decision': {
        const now = current();
        const under = [...stages].reverse().find((stage) => isAppealKind(stage.kind));
        const stage = event.stage
          ? stageFor(event.stage, event)
          : isAppealKind(now.kind)
            ? now
            : (under ?? stageFor('appeal', event));
        stage.entryIds.push(event.id);
        decide(stage, event.decision ?? 'upheld', event);
        break;
      }
      case 'court':
      case 'sentence': {
        const stage = event.stage ? stageFor(event.stage, event) : current();
        stage.entryIds.push(event.id);
        if (event.type === 'court' && event.decision) {
          decide(stage, event.decision, event);
        } else if (event.type === 'court') {
          stage.court = stage.court ?? event.court ?? null;
        }
        break;
      }
    }
  }
  for (const stage of stages) {
    if (stage.kind === 'first_instance' && stage.court === null) {
      stage.court = input.court;
    }
  }
  const verdict = verdictOf(stages);
  return {
    stages,
    current: current(),
    verdict,
    status: statusOf(current(), verdict, charged, input.override),
    appealDeadlines: stages
      .filter((stage) => stage.decidedBy !== null && stage.appealDeadline !== null)
      .map((stage) => ({
        entryId: stage.decidedBy as string,
        deadline: stage.appealDeadline as IsoDate,
        stage: stage.kind,
        court: stage.court,
        answeredBy: answers.get(stage.decidedBy as string) ?? null,
      })),
  };
}

/** The judgment standing after the stages' decisions, in order. */
export function verdictOf(stages: Pick<CaseStage, 'kind' | 'decision'>[]): CaseStages['verdict'] {
  let verdict: CaseStages['verdict'] = null;
  for (const { kind, decision } of stages) {
    switch (decision) {
      case null:
      case 'upheld':
        break;
      case 'convicted':
      case 'sentence_reduced':
      case 'sentence_increased':
        verdict = 'convicted';
        break;
      case 'acquitted':
        verdict = 'acquitted';
        break;
      case 'dismissed':
        // An appeal dismissed leaves the judgment standing; a case dismissed ends it.
        verdict = isAppealKind(kind) && verdict !== null ? verdict : 'dismissed';
        break;
      case 'overturned':
        verdict = verdict === 'convicted' ? 'acquitted' : verdict === 'acquitted' ? 'convicted' : verdict;
        break;
      case 'retrial_ordered':
        verdict = null;
        break;
    }
  }
  return verdict;
}

/** The case's status: the override when set, else what its last stage and the standing verdict say. */
export function statusOf(
  current: Pick<CaseStage, 'kind' | 'decision'>,
  verdict: CaseStages['verdict'],
  charged: boolean,
  override: StatusOverride | null,
): CaseStatus {
  if (override !== null) {
    return override;
  }
  if (current.decision === null) {
    switch (current.kind) {
      case 'investigation':
        return charged ? 'charged' : 'under_investigation';
      case 'first_instance':
      case 'other':
        return 'on_trial';
      case 'appeal':
      case 'cassation':
        return 'on_appeal';
    }
  }
  switch (verdict) {
    case 'convicted':
      return 'convicted';
    case 'acquitted':
      return 'acquitted';
    case 'dismissed':
      return 'closed';
    case null:
      return 'unknown';
  }
}
