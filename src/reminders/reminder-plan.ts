import { DateTime, Duration } from 'luxon';
import {
  creditedFromCustody,
  deriveDetention,
  DETENTION_EVENT_TYPES,
  DetentionEvent,
  DetentionHistory,
  orderEnd,
} from '../cases/detention-history';
import { addDays, formatLongDate } from '../common/calendar-day';
import { Visibility } from '../common/entry';
import { leastRestrictive, mayRead, mostRestrictive, Reader } from '../common/readers';
import { caseLimitsOf, CaseLimits } from '../statutory-limits/case-limits';
import { LimitEvaluation, LimitRow } from '../statutory-limits/limit-model';
import { ReminderPolicy } from './reminder-policy';
import { CaseStageKind, StageEvent, StatusOverride } from '../cases/case-stages';
import { appealDeadlineReminders } from './appeal-deadlines';

/*
 * Which reminders a case should have, computed from its data alone: pure functions, no Nest or
 * TypeORM. The scheduler diffs this plan against the rows in PostgreSQL; the sender re-runs it to
 * check that a reminder is still true before mailing it.
 *
 * Time rules (all in the case's IANA zone, so "09:00" is 09:00 at the court whatever the server's zone):
 * - Offsets are subtracted from the local wall-clock time: days keep the time of day across a
 *   daylight-saving change (P1D before 10:30 is 10:30 the day before), hours are elapsed time.
 * - Things that are days, not instants (a custody order's last day, a statutory deadline, a
 *   detention milestone), are anchored at DAY_REMINDER_HOUR local time on that day.
 * - Everything about custody comes from the case's detention history (deriveDetention, one pure
 *   fold over its entries): the periods, the status, the order in force and its end, the sentence
 *   and its expected release, the lasting events. Nothing here counts custody days itself.
 * - Milestones count the days actually in custody (day 30 is the day the periods add up to 30
 *   days: arrest + 30 when never released) and stop while the person is free; a re-arrest resumes
 *   the count. After the last of the policy's milestone days, anniversaries follow: the n-th year
 *   is included when n × 365 is beyond the last milestone day, so "365 days" and "one year" are
 *   never both sent. Time spent free moves them later by as many days.
 * - A death or disappearance ends every reminder that assumes a living detainee (DETENTION_KINDS);
 *   the rows cancelled for it say why (cancelReason).
 * - An arrest on 29 February has its anniversary on the last day of February: 28 February in
 *   common years, 29 February in leap years (each year is computed from the arrest, not from the
 *   previous anniversary, so the leap day comes back).
 * - A hearing whose time is not known is a day, not an instant: each offset is counted back from
 *   DAY_REMINDER_HOUR on the hearing day and the reminder falls due at DAY_REMINDER_HOUR on the day
 *   it lands (P1D: 09:00 the day before; PT2H: 09:00 on the day), one per day; the outcome chase
 *   starts at OUTCOME_MISSING_DAY_HOUR on the hearing day. Their keys carry the day, not midnight.
 */

export const REMINDER_KINDS = [
  'hearing_upcoming',
  'custody_ending',
  'detention_milestone',
  'outcome_missing',
  'statutory_limit',
  'weekly_digest',
  'sentence_ending',
  'release_overdue',
  'no_custody_order',
  'hunger_strike_day',
  'appeal_deadline',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Reminders that assume a living detainee: a death or disappearance cancels them. */
export const DETENTION_KINDS: readonly ReminderKind[] = [
  'custody_ending',
  'detention_milestone',
  'statutory_limit',
  'sentence_ending',
  'release_overdue',
  'no_custody_order',
  'hunger_strike_day',
];

/** Open-ended reminders, planned up to a horizon: sending one plans further ahead. */
export const OPEN_ENDED_KINDS: readonly ReminderKind[] = ['detention_milestone', 'release_overdue'];

/** Day-based reminders fall due at this hour, local to the case. */
export const DAY_REMINDER_HOUR = 9;
/** "Outcome missing": first 12 hours after the hearing, then daily, at most three times. */
export const OUTCOME_MISSING_FIRST = 'PT12H';
export const OUTCOME_MISSING_EVERY = 'P1D';
export const OUTCOME_MISSING_TIMES = 3;
/** The first chase of a hearing whose time is not known: the evening of its day, local. */
export const OUTCOME_MISSING_DAY_HOUR = 18;

/** Detention statuses in which custody clocks, milestones and statutory limits run. */
export const DETAINED = ['in_custody', 'house_arrest'];

export interface PlanHearing {
  id: string;
  /** The stage it was put in (case-stages.ts); null or absent: the stage under way on its day. */
  stage?: CaseStageKind | null;
  createdAt?: string;
  /** Wall clock in the case's zone, 'YYYY-MM-DDTHH:mm:ss'. */
  scheduledLocal: string;
  timeKnown: boolean;
  status: string;
  outcome: string | null;
  court: string | null;
  visibility: Visibility;
}

export interface PlanCustodyOrder {
  id: string;
  kind: string;
  orderedOn: string;
  days: number | null;
  until: string | null;
  createdAt: Date;
  visibility: Visibility;
  /** Whose it is (a defender id); null or absent when it concerns everyone in the case. */
  participantId?: string | null;
}

export interface PlanCharge {
  id: string;
  law: string;
  section: string | null;
  status: string;
  /** P7Y, life, death: the gravity statutory limits read. */
  maximumPenalty: string | null;
  visibility: Visibility;
  participantId?: string | null;
}

/** A row of the statutory-limits table (src/statutory-limits/limit-model.ts). */
export type PlanStatutoryLimit = LimitRow;

/** An event of the case as the detention history folds it (arrest, bail, sentence, death, hunger strike …). */
export interface PlanEvent
  extends DetentionEvent, Partial<Pick<StageEvent, 'stage' | 'court' | 'decision' | 'appealDeadline'>> {
  visibility: Visibility;
  participantId?: string | null;
}

export interface PlanCase {
  id: string;
  timezone: string;
  country: string;
  detentionStatus: string;
  arrestedOn: string | null;
  arrestedOnPrecision: string;
  hearings: PlanHearing[];
  custodyOrders: PlanCustodyOrder[];
  charges: PlanCharge[];
  limits: PlanStatutoryLimit[];
  events: PlanEvent[];
  /** The case's own court and status override: what the stage fold reads besides entries. */
  court?: string | null;
  statusOverride?: StatusOverride | null;
  /** The day it is in the case's zone when the plan is made: the detention history is as of today. */
  today: string;
}

export type Details = Record<string, string | number | boolean | null>;

export interface PlannedReminder {
  kind: ReminderKind;
  /** Unique per thing, offset and time: a moved hearing gets new keys, so old rows are cancelled. */
  dedupeKey: string;
  dueAt: Date;
  /** The hearing, custody order or statutory limit it is about (null for milestones). */
  subjectId: string | null;
  /** When the thing itself happens. */
  subjectAt: Date;
  /** The ISO offset, or the milestone ('D150', 'Y2') or outcome chase ('N1') it stands for. */
  offset: string;
  details: Details;
  /** Who may read it: the visibility of the entry it is about (reminderVisibility). */
  visibility: Visibility;
}

export type AgendaKind =
  'hearing' | 'custody_end' | 'milestone' | 'statutory_deadline' | 'expected_release' | 'hunger_strike_day';

/** Something dated that a case's reminders point at; also what the weekly digest lists. */
export interface AgendaItem {
  kind: AgendaKind;
  subjectId: string | null;
  at: Date;
  /** Local wall clock in the case's zone. */
  local: string;
  timeKnown: boolean;
  details: Details;
  visibility: Visibility;
}

const local = (time: DateTime): string => time.toFormat("yyyy-MM-dd'T'HH:mm:ss");
const isoDay = (time: DateTime): string => time.toFormat('yyyy-MM-dd');
const dayAt = (day: string, zone: string, hour: number): DateTime =>
  DateTime.fromISO(day, { zone }).set({ hour, minute: 0, second: 0, millisecond: 0 });
const dayAnchor = (day: string, zone: string): DateTime => dayAt(day, zone, DAY_REMINDER_HOUR);

/** `offset` before `at`, counted in the zone `at` carries. */
export const before = (at: DateTime, offset: string): DateTime => at.minus(Duration.fromISO(offset));

// A plan, its subject-only replans and the email read the same case's history several times: the
// fold runs once per (events, orders, today).
const folded = new WeakMap<PlanEvent[], WeakMap<PlanCustodyOrder[], Map<string, DetentionHistory>>>();

/** The case's detention history as of its `today`: the one fold every reminder reads. */
export function detentionOf(kase: Pick<PlanCase, 'events' | 'custodyOrders' | 'today'>): DetentionHistory {
  let byOrders = folded.get(kase.events);
  if (!byOrders) {
    byOrders = new WeakMap();
    folded.set(kase.events, byOrders);
  }
  let byDay = byOrders.get(kase.custodyOrders);
  if (!byDay) {
    byDay = new Map();
    byOrders.set(kase.custodyOrders, byDay);
  }
  let history = byDay.get(kase.today);
  if (!history) {
    history = deriveDetention(
      {
        events: kase.events,
        custodyOrders: kase.custodyOrders.map((order) => ({
          id: order.id,
          kind: order.kind,
          orderedOn: order.orderedOn,
          days: order.days,
          until: order.until,
          createdAt: order.createdAt.toISOString(),
        })),
      },
      kase.today,
    );
    byDay.set(kase.today, history);
  }
  return history;
}

/** The detention history as the case's public entries tell it: what an email may state. */
export const publicDetentionOf = (
  kase: Pick<PlanCase, 'events' | 'custodyOrders' | 'today'>,
): DetentionHistory =>
  detentionOf({
    today: kase.today,
    events: kase.events.filter((event) => event.visibility === 'public'),
    custodyOrders: kase.custodyOrders.filter((order) => order.visibility === 'public'),
  });

/**
 * Who may read a reminder that follows the detention history: the visibility of the entry it is
 * about (the sentence, the hunger strike, the custody order); null for other kinds or a subject gone.
 * A sentence credited from custody dates its release by the periods too (sentenceVisibility).
 */
export function detentionSubjectVisibility(
  kase: Pick<PlanCase, 'events' | 'custodyOrders' | 'today'>,
  reminder: { kind: ReminderKind; subjectId: string | null },
): Visibility | null {
  switch (reminder.kind) {
    case 'sentence_ending':
    case 'release_overdue': {
      const sentence = kase.events.find((event) => event.id === reminder.subjectId);
      return sentence ? sentenceVisibility(kase, sentence.id, detentionOf(kase)) : null;
    }
    case 'hunger_strike_day':
      return kase.events.find((event) => event.id === reminder.subjectId)?.visibility ?? null;
    case 'no_custody_order':
    case 'custody_ending':
      return kase.custodyOrders.some((order) => order.id === reminder.subjectId)
        ? custodyOrderVisibility(kase, reminder.subjectId as string, detentionOf(kase))
        : null;
    case 'hearing_upcoming':
    case 'outcome_missing':
    case 'detention_milestone':
    case 'statutory_limit':
    case 'weekly_digest':
    case 'appeal_deadline':
      return null;
    default: {
      const unreachable: never = reminder.kind;
      throw new Error(`Unknown reminder kind ${String(unreachable)}`);
    }
  }
}

/** The visibility of one of the case's events or custody orders; confidential when it is gone (never more open). */
const visibilityOf = (entries: { id: string; visibility: Visibility }[], id: string | null): Visibility =>
  entries.find((entry) => entry.id === id)?.visibility ?? 'confidential';

/**
 * What the custody periods reveal (their days, their start and end): the most restrictive of the
 * entries that open and close them, so a count or a date computed from them is never more open
 * than any of those entries.
 */
export const periodsVisibility = (kase: Pick<PlanCase, 'events'>, history: DetentionHistory): Visibility =>
  mostRestrictive(
    history.periods.flatMap((period) => [
      visibilityOf(kase.events, period.openedBy),
      ...(period.closedBy === null ? [] : [visibilityOf(kase.events, period.closedBy)]),
    ]),
  );

/**
 * That the person is held now, which every custody reminder's existence tells: the entry that
 * opened the current period (public when none is open: such reminders are then not planned).
 */
const heldVisibility = (kase: Pick<PlanCase, 'events'>, history: DetentionHistory): Visibility =>
  history.currentPeriod ? visibilityOf(kase.events, history.currentPeriod.openedBy) : 'public';

/**
 * A custody order's end, or its lapse with no new order: the order's visibility and, since such
 * reminders are planned only while the person is held, the current period's opening entry's (a
 * public order must not tell an external address of a confidential arrest).
 */
const custodyOrderVisibility = (
  kase: Pick<PlanCase, 'events' | 'custodyOrders'>,
  orderId: string,
  history: DetentionHistory,
): Visibility => mostRestrictive([visibilityOf(kase.custodyOrders, orderId), heldVisibility(kase, history)]);

/**
 * A sentence's release: the sentence entry's visibility and, since it is planned only while the
 * person is held, the current period's opening entry's; all the periods' when the sentence is
 * credited from custody (they date its start and release). Confidential when the entry is gone.
 */
const sentenceVisibility = (
  kase: Pick<PlanCase, 'events'>,
  entryId: string,
  history: DetentionHistory,
): Visibility => {
  const sentence = kase.events.find((event) => event.id === entryId);
  if (!sentence) {
    return 'confidential';
  }
  return mostRestrictive([
    sentence.visibility,
    creditedFromCustody(sentence, history.periods)
      ? periodsVisibility(kase, history)
      : heldVisibility(kase, history),
  ]);
};

/** Why a pending reminder of this kind is no longer wanted, when the reason is the person's fate. */
export function cancelReason(
  kase: Pick<PlanCase, 'events' | 'custodyOrders' | 'today'>,
  kind: ReminderKind,
): string | null {
  const history = detentionOf(kase);
  const end = history.death ?? history.disappearance;
  // Every user who may list reminders may read a non-confidential entry; a confidential death or
  // disappearance is not stated on a row that others may see.
  const entry = end && kase.events.find((event) => event.id === end.entryId);
  if (!DETENTION_KINDS.includes(kind) || !end || !entry || entry.visibility === 'confidential') {
    return null;
  }
  const on = end.on ? ` on ${formatLongDate(end.on)}` : '';
  return history.death ? `Died in custody${on}` : `Disappeared${on}`;
}

/**
 * The milestones still ahead in the current custody period: day N falls where the periods add up
 * to N days (the days of earlier periods, as the history counts them, are already served), the
 * n-th year where they add up to n calendar years. None while free, or when a period is not known
 * to the day.
 */
export function custodyMilestones(
  history: DetentionHistory,
  zone: string,
  policy: Pick<ReminderPolicy, 'milestoneDays' | 'milestonesYearly'>,
  until: Date,
): { label: string; day: string; at: DateTime; days?: number; years?: number }[] {
  const current = history.currentPeriod;
  if (!current?.from || current.days === null || history.periods.some((period) => period.days === null)) {
    return [];
  }
  const served = history.periods
    .filter((period) => period !== current)
    .reduce((sum, period) => sum + (period.days ?? 0), 0);
  // The day the count would have started had it never been interrupted.
  const start = addDays(current.from, -served);
  return detentionMilestones(start, zone, policy, until).filter((milestone) => milestone.day > current.from!);
}

/** Milestones of an unbroken custody from `arrestedOn` up to `until`, as days and anniversaries. */
export function detentionMilestones(
  arrestedOn: string,
  zone: string,
  policy: Pick<ReminderPolicy, 'milestoneDays' | 'milestonesYearly'>,
  until: Date,
): { label: string; day: string; at: DateTime; days?: number; years?: number }[] {
  const arrest = dayAnchor(arrestedOn, zone);
  const result: { label: string; day: string; at: DateTime; days?: number; years?: number }[] = [];
  const days = [...new Set(policy.milestoneDays)].sort((a, b) => a - b);
  for (const n of days) {
    const at = arrest.plus({ days: n });
    if (at.toJSDate() <= until) {
      result.push({ label: `D${n}`, day: isoDay(at), at, days: n });
    }
  }
  if (policy.milestonesYearly) {
    const last = days.length ? days[days.length - 1] : 0;
    for (let year = Math.floor(last / 365) + 1; year <= 200; year++) {
      const at = arrest.plus({ years: year });
      if (at.toJSDate() > until) {
        break;
      }
      result.push({ label: `Y${year}`, day: isoDay(at), at, years: year });
    }
  }
  return result;
}

/**
 * Who may read a statutory deadline: it tells that the limit applies (any one of the charges that put
 * the case in its scope tells that), when its clock started and on which basis the person is held
 * (every entry the detention fold reads: those that open and close custody, and a sentence, which
 * turns pre-trial custody into a sentence and so moves the clock; the custody orders) and, being
 * planned only while the person is held, the entry that opened the current period: the most
 * restrictive of those.
 */
export function statutoryVisibility(
  kase: Pick<PlanCase, 'charges' | 'events' | 'custodyOrders'>,
  evaluation: Pick<LimitEvaluation, 'chargeIds'>,
  history: DetentionHistory,
): Visibility {
  const charges = kase.charges.filter((charge) => evaluation.chargeIds.includes(charge.id));
  return mostRestrictive([
    ...(charges.length ? [leastRestrictive(charges.map((charge) => charge.visibility))] : []),
    periodsVisibility(kase, history),
    ...kase.events
      .filter((event) => DETENTION_EVENT_TYPES.includes(event.type))
      .map((event) => event.visibility),
    ...kase.custodyOrders.map((order) => order.visibility),
    heldVisibility(kase, history),
  ]);
}

/** The statutory limits that apply to the case as given and where each stands on its `today`. */
export const caseLimits = (
  kase: Pick<PlanCase, 'country' | 'charges' | 'limits' | 'events' | 'custodyOrders' | 'today'>,
): CaseLimits => caseLimitsOf(kase, detentionOf(kase), kase.today);

/**
 * The case as one reader may read it: only the hearings, custody orders, charges and events they
 * may read. Everything derived from it (the detention history, custody end, statutory limits, the
 * digest's agenda) then tells them nothing drawn from an entry they may not read.
 */
export function caseAsReadBy<T extends Pick<PlanCase, 'hearings' | 'custodyOrders' | 'charges' | 'events'>>(
  kase: T,
  reader: Reader,
): T {
  const readable = ({ visibility }: { visibility: Visibility }) => mayRead(reader, visibility);
  return {
    ...kase,
    hearings: kase.hearings.filter(readable),
    custodyOrders: kase.custodyOrders.filter(readable),
    charges: kase.charges.filter(readable),
    events: kase.events.filter(readable),
  };
}

/**
 * Who may read a reminder: the visibility of the hearing or custody order it is about; for a
 * statutory limit, of the charges that invoke it and the arrest (statutoryVisibility); for a
 * milestone, of the entries that open and close the custody periods it counts (periodsVisibility);
 * for a sentence credited from custody, of the sentence and those entries; public for a digest (its
 * owner's; what it lists is filtered per reader). Null when the subject is gone.
 */
export function reminderVisibility(
  kase: PlanCase,
  reminder: { kind: ReminderKind; subjectId: string | null },
): Visibility | null {
  switch (reminder.kind) {
    case 'hearing_upcoming':
    case 'outcome_missing':
      return kase.hearings.find((h) => h.id === reminder.subjectId)?.visibility ?? null;
    case 'statutory_limit': {
      const state = caseLimits(kase).states.find((s) => s.limitId === reminder.subjectId);
      return state ? statutoryVisibility(kase, state, detentionOf(kase)) : null;
    }
    case 'detention_milestone':
      return periodsVisibility(kase, detentionOf(kase));
    case 'weekly_digest':
      return 'public';
    case 'appeal_deadline':
      // The deadline, the decision and its day all come from the decision entry.
      return kase.events.find((event) => event.id === reminder.subjectId)?.visibility ?? null;
    case 'sentence_ending':
    case 'release_overdue':
    case 'hunger_strike_day':
    case 'no_custody_order':
    case 'custody_ending':
      return detentionSubjectVisibility(kase, reminder);
    default: {
      const unreachable: never = reminder.kind;
      throw new Error(`Unknown reminder kind ${String(unreachable)}`);
    }
  }
}

/** The dated things of a case reminders point at, up to `until` for the open-ended milestones. */
export function caseAgenda(kase: PlanCase, policy: ReminderPolicy, until: Date): AgendaItem[] {
  const zone = kase.timezone;
  const items: AgendaItem[] = [];
  for (const hearing of kase.hearings) {
    if (hearing.status !== 'scheduled') {
      continue;
    }
    const at = DateTime.fromISO(hearing.scheduledLocal, { zone });
    items.push({
      kind: 'hearing',
      subjectId: hearing.id,
      at: at.toJSDate(),
      local: local(at),
      timeKnown: hearing.timeKnown,
      details: { court: hearing.court, timeKnown: hearing.timeKnown },
      visibility: hearing.visibility,
    });
  }
  const history = detentionOf(kase);
  const detained = DETAINED.includes(history.detentionStatus);
  // The order in force and its end, as the case page shows them (the earlier of days and until).
  const order = detained ? history.currentOrder : null;
  const end = order?.endsOn ?? null;
  if (order && end) {
    const at = dayAnchor(end, zone);
    items.push({
      kind: 'custody_end',
      subjectId: order.id,
      at: at.toJSDate(),
      local: local(at),
      timeKnown: false,
      details: { endsOn: end, custodyKind: order.kind },
      visibility: custodyOrderVisibility(kase, order.id, history),
    });
  }
  const sentence = history.sentence;
  if (detained && sentence?.expectedReleaseOn) {
    const at = dayAnchor(sentence.expectedReleaseOn, zone);
    items.push({
      kind: 'expected_release',
      subjectId: sentence.entryId,
      at: at.toJSDate(),
      local: local(at),
      timeKnown: false,
      details: {
        expectedReleaseOn: sentence.expectedReleaseOn,
        term: sentence.term,
        startsOn: sentence.startsOn,
      },
      visibility: sentenceVisibility(kase, sentence.entryId, history),
    });
  }
  if (!history.death && !history.disappearance) {
    for (const strike of history.lastingEvents) {
      if (
        strike.type !== 'hunger_strike' ||
        !strike.ongoing ||
        !strike.from ||
        strike.fromPrecision !== 'day'
      ) {
        continue;
      }
      for (const days of [...new Set(policy.hungerStrikeDays)].sort((a, b) => a - b)) {
        const at = dayAnchor(addDays(strike.from, days), zone);
        items.push({
          kind: 'hunger_strike_day',
          subjectId: strike.id,
          at: at.toJSDate(),
          local: local(at),
          timeKnown: false,
          details: { days, startedOn: strike.from, day: isoDay(at) },
          visibility: visibilityOf(kase.events, strike.id),
        });
      }
    }
  }
  const arrestKnown = history.firstCustodyPrecision === 'day' ? history.firstCustodyOn : null;
  if (detained && arrestKnown) {
    for (const milestone of custodyMilestones(history, zone, policy, until)) {
      items.push({
        kind: 'milestone',
        subjectId: null,
        at: milestone.at.toJSDate(),
        local: local(milestone.at),
        timeKnown: false,
        details: {
          label: milestone.label,
          day: milestone.day,
          arrestedOn: arrestKnown,
          days: milestone.days ?? null,
          years: milestone.years ?? null,
        },
        visibility: periodsVisibility(kase, history),
      });
    }
  }
  if (detained) {
    for (const state of caseLimits(kase).states) {
      if (state.state !== 'running') {
        continue;
      }
      // Before the first period ends (the first chance to claim) and before the last day with every renewal.
      const first = state.periodEnds[0];
      const last = state.periodEnds[state.periodEnds.length - 1];
      for (const end of first === last ? [first] : [first, last]) {
        const at = dayAnchor(end.endsOn, zone);
        items.push({
          kind: 'statutory_deadline',
          subjectId: state.limitId,
          at: at.toJSDate(),
          local: local(at),
          timeKnown: false,
          details: {
            reference: state.reference,
            description: state.description,
            days: end.days,
            extended: end !== first,
            deadline: end.endsOn,
          },
          visibility: statutoryVisibility(kase, state, history),
        });
      }
    }
  }
  return items.sort((a, b) => a.at.getTime() - b.at.getTime());
}

/**
 * Before the day a sentence is complete (policy.sentenceOffsets), and from the day after it, while
 * no release is logged, a chase every policy.releaseOverdueEvery up to `until`.
 */
function sentenceReminders(
  item: AgendaItem,
  policy: ReminderPolicy,
  until: Date,
  kase: Pick<PlanCase, 'timezone' | 'today'>,
): PlannedReminder[] {
  const zone = kase.timezone;
  const at = DateTime.fromJSDate(item.at, { zone });
  const completes = String(item.details.expectedReleaseOn);
  const planned: PlannedReminder[] = policy.sentenceOffsets.map((offset) => ({
    kind: 'sentence_ending',
    dedupeKey: `sentence:${item.subjectId}:${offset}:${completes}`,
    dueAt: before(at, offset).toJSDate(),
    subjectId: item.subjectId,
    subjectAt: item.at,
    offset,
    details: item.details,
    visibility: item.visibility,
  }));
  const every = Duration.fromISO(policy.releaseOverdueEvery);
  // Chases long past (a case entered years after the sentence ended) are left out, not recorded:
  // the latest one before today and everything after it are enough.
  const earliest = dayAnchor(kase.today, zone).minus(every).minus({ days: 1 }).toJSDate();
  let due = at.plus(Duration.fromISO(policy.releaseOverdueAfter));
  for (let n = 1; due.toJSDate() <= until; n++, due = due.plus(every)) {
    if (due.toJSDate() < earliest) {
      continue;
    }
    planned.push({
      kind: 'release_overdue',
      dedupeKey: `release-overdue:${item.subjectId}:${completes}:${isoDay(due)}`,
      dueAt: due.toJSDate(),
      subjectId: item.subjectId,
      subjectAt: item.at,
      offset: `N${n}`,
      details: { ...item.details, chase: n },
      visibility: item.visibility,
    });
  }
  return planned;
}

/**
 * Someone in pre-trial custody whose last order has ended with no new one: policy.noOrderAfter the
 * end of the order in force (planned ahead, cancelled when a new order comes), or of the last order
 * once it has lapsed. Its subject is that order.
 */
function noOrderReminders(kase: PlanCase, policy: ReminderPolicy): PlannedReminder[] {
  const history = detentionOf(kase);
  const period = history.currentPeriod;
  if (!DETAINED.includes(history.detentionStatus) || !period || period.basis === 'sentence') {
    return [];
  }
  const lapsed = history.flags.find((flag) => flag.kind === 'no-order-in-force');
  const endsOn = history.currentOrder?.endsOn ?? (lapsed ? lapsed.lastOrderEndedOn : null);
  const order =
    history.currentOrder ??
    [...kase.custodyOrders]
      .sort((a, b) => a.orderedOn.localeCompare(b.orderedOn))
      .filter((o) => orderEnd(o) === endsOn)
      .at(-1);
  if (!endsOn || !order) {
    return [];
  }
  const ended = dayAnchor(endsOn, kase.timezone);
  const due = ended.plus(Duration.fromISO(policy.noOrderAfter));
  return [
    {
      kind: 'no_custody_order',
      dedupeKey: `no-order:${order.id}:${endsOn}`,
      dueAt: due.toJSDate(),
      subjectId: order.id,
      subjectAt: ended.toJSDate(),
      offset: policy.noOrderAfter,
      details: { endedOn: endsOn, custodyKind: order.kind },
      visibility: custodyOrderVisibility(kase, order.id, history),
    },
  ];
}

/** The reminders before one scheduled hearing (see the time rules at the top for a day-only one). */
function hearingReminders(item: AgendaItem, offsets: string[], zone: string): PlannedReminder[] {
  const at = DateTime.fromJSDate(item.at, { zone });
  const reminder = (
    offset: string,
    dedupeKey: string,
    dueAt: DateTime,
    details: Details,
  ): PlannedReminder => ({
    kind: 'hearing_upcoming',
    dedupeKey,
    dueAt: dueAt.toJSDate(),
    subjectId: item.subjectId,
    subjectAt: item.at,
    offset,
    details,
    visibility: item.visibility,
  });
  if (item.timeKnown) {
    const stamp = at.toUTC().toISO();
    return offsets.map((offset) =>
      reminder(offset, `hearing:${item.subjectId}:${offset}:${stamp}`, before(at, offset), item.details),
    );
  }
  const day = isoDay(at);
  const hearingDay = DateTime.fromISO(day, { zone: 'utc' });
  const byDay = new Map<string, PlannedReminder>();
  for (const offset of offsets) {
    const landsOn = isoDay(before(dayAnchor(day, zone), offset));
    if (!byDay.has(landsOn)) {
      // How many days ahead the hearing is when the reminder goes out ("tomorrow", "in 7 days").
      const daysAhead = Math.round(hearingDay.diff(DateTime.fromISO(landsOn, { zone: 'utc' }), 'days').days);
      byDay.set(
        landsOn,
        reminder(offset, `hearing:${item.subjectId}:${offset}:${day}`, dayAnchor(landsOn, zone), {
          ...item.details,
          daysAhead,
        }),
      );
    }
  }
  return [...byDay.values()];
}

/**
 * Every reminder the case should have, past or future; milestones only up to `until` (they are
 * open-ended). The caller decides which are already past (skipped) and which are pending.
 */
export function planCaseReminders(kase: PlanCase, policy: ReminderPolicy, until: Date): PlannedReminder[] {
  const zone = kase.timezone;
  const planned: PlannedReminder[] = [];
  for (const item of caseAgenda(kase, policy, until)) {
    const at = DateTime.fromJSDate(item.at, { zone });
    switch (item.kind) {
      case 'hearing':
        planned.push(...hearingReminders(item, policy.hearingOffsets, zone));
        break;
      case 'custody_end':
        for (const offset of policy.custodyOffsets) {
          planned.push({
            kind: 'custody_ending',
            dedupeKey: `custody:${item.subjectId}:${offset}:${item.details.endsOn}`,
            dueAt: before(at, offset).toJSDate(),
            subjectId: item.subjectId,
            subjectAt: item.at,
            offset,
            details: item.details,
            visibility: item.visibility,
          });
        }
        break;
      case 'milestone':
        planned.push({
          kind: 'detention_milestone',
          dedupeKey: `milestone:${kase.id}:${item.details.label}:${item.details.day}`,
          dueAt: item.at,
          subjectId: null,
          subjectAt: item.at,
          offset: String(item.details.label),
          details: item.details,
          visibility: item.visibility,
        });
        break;
      case 'expected_release':
        planned.push(...sentenceReminders(item, policy, until, kase));
        break;
      case 'hunger_strike_day':
        planned.push({
          kind: 'hunger_strike_day',
          dedupeKey: `hunger-strike:${item.subjectId}:D${item.details.days}:${item.details.day}`,
          dueAt: item.at,
          subjectId: item.subjectId,
          subjectAt: item.at,
          offset: `D${item.details.days}`,
          details: item.details,
          visibility: item.visibility,
        });
        break;
      case 'statutory_deadline':
        for (const offset of policy.statutoryOffsets) {
          planned.push({
            kind: 'statutory_limit',
            dedupeKey: `statutory:${kase.id}:${item.subjectId}:${item.details.days}:${offset}:${item.details.deadline}`,
            dueAt: before(at, offset).toJSDate(),
            subjectId: item.subjectId,
            subjectAt: item.at,
            offset,
            details: item.details,
            visibility: item.visibility,
          });
        }
        break;
      default: {
        const unreachable: never = item.kind;
        throw new Error(`Unknown agenda item ${String(unreachable)}`);
      }
    }
  }
  planned.push(...noOrderReminders(kase, policy));
  planned.push(...appealDeadlineReminders(kase, DAY_REMINDER_HOUR));
  for (const hearing of kase.hearings) {
    if (hearing.outcome !== null || !['scheduled', 'held'].includes(hearing.status)) {
      continue;
    }
    const at = DateTime.fromISO(hearing.scheduledLocal, { zone });
    const day = hearing.scheduledLocal.slice(0, 10);
    const first = hearing.timeKnown
      ? at.plus(Duration.fromISO(OUTCOME_MISSING_FIRST))
      : dayAt(day, zone, OUTCOME_MISSING_DAY_HOUR);
    const stamp = hearing.timeKnown ? at.toUTC().toISO() : day;
    for (let n = 1; n <= OUTCOME_MISSING_TIMES; n++) {
      planned.push({
        kind: 'outcome_missing',
        dedupeKey: `outcome:${hearing.id}:N${n}:${stamp}`,
        dueAt: first.plus(Duration.fromISO(OUTCOME_MISSING_EVERY).mapUnits((x) => x * (n - 1))).toJSDate(),
        subjectId: hearing.id,
        subjectAt: at.toJSDate(),
        offset: `N${n}`,
        details: { court: hearing.court, timeKnown: hearing.timeKnown, chase: n },
        visibility: hearing.visibility,
      });
    }
  }
  return planned;
}

/**
 * The part of a case one reminder depends on: its hearing, the custody orders (the one in force
 * is picked among them), its statutory limit, or the arrest for a milestone. Planning this part
 * gives that subject's reminders exactly as planning the whole case does (reminder-plan.spec.ts
 * checks it), for a tenth of the zone arithmetic on a case with ten hearings: the sender re-plans
 * every reminder just before mailing it.
 */
export function subjectOfReminder(
  kase: PlanCase,
  reminder: { kind: ReminderKind; subjectId: string | null },
): PlanCase {
  // Custody facts come from the events and orders together (deriveDetention), so those stay whole.
  const nothing = { hearings: [], limits: [] };
  switch (reminder.kind) {
    case 'hearing_upcoming':
    case 'outcome_missing':
      return {
        ...kase,
        ...nothing,
        events: [],
        custodyOrders: [],
        hearings: kase.hearings.filter((h) => h.id === reminder.subjectId),
      };
    case 'statutory_limit': {
      // Its alternatives stay: which of them applies is part of whether the reminder is still true.
      const rule = kase.limits.find((l) => l.id === reminder.subjectId)?.rule ?? null;
      return {
        ...kase,
        ...nothing,
        limits: kase.limits.filter((l) => l.id === reminder.subjectId || (rule !== null && l.rule === rule)),
      };
    }
    case 'custody_ending':
    case 'no_custody_order':
    case 'detention_milestone':
    case 'sentence_ending':
    case 'release_overdue':
    case 'hunger_strike_day':
    case 'weekly_digest':
    case 'appeal_deadline':
      return { ...kase, ...nothing };
    default: {
      const unreachable: never = reminder.kind;
      throw new Error(`Unknown reminder kind ${String(unreachable)}`);
    }
  }
}

/** The next weekly digest: Monday 08:00 in the user's zone, strictly after `now`. */
export const DIGEST_WEEKDAY = 1;
export const DIGEST_HOUR = 8;
export const DIGEST_SPAN_DAYS = 14;

export function nextDigestAt(zone: string, now: Date): DateTime {
  const here = DateTime.fromJSDate(now, { zone });
  let candidate = here.set({ hour: DIGEST_HOUR, minute: 0, second: 0, millisecond: 0 });
  candidate = candidate.plus({ days: (DIGEST_WEEKDAY - candidate.weekday + 7) % 7 });
  return candidate <= here ? candidate.plus({ weeks: 1 }) : candidate;
}

export const digestKey = (userId: string, at: DateTime): string => `digest:${userId}:${isoDay(at)}`;
