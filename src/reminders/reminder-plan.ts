import { DateTime, Duration } from 'luxon';
import { orderEnd } from '../cases/detention-history';
import { addDays } from '../common/calendar-day';
import { Visibility } from '../common/entry';
import { leastRestrictive, mayRead, Reader } from '../common/readers';
import { ReminderPolicy } from './reminder-policy';

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
 * - Milestones count calendar days from the arrest day (day 30 is arrest + 30 days). After the
 *   last of the policy's milestone days, the arrest's anniversaries follow: the n-th year is
 *   included when n × 365 is beyond the last milestone day, so "365 days" and "one year" are never
 *   both sent.
 * - An arrest on 29 February has its anniversary on the last day of February: 28 February in
 *   common years, 29 February in leap years (each year is computed from the arrest, not from the
 *   previous anniversary, so the leap day comes back).
 */

export const REMINDER_KINDS = [
  'hearing_upcoming',
  'custody_ending',
  'detention_milestone',
  'outcome_missing',
  'statutory_limit',
  'weekly_digest',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Day-based reminders fall due at this hour, local to the case. */
export const DAY_REMINDER_HOUR = 9;
/** "Outcome missing": first 12 hours after the hearing, then daily, at most three times. */
export const OUTCOME_MISSING_FIRST = 'PT12H';
export const OUTCOME_MISSING_EVERY = 'P1D';
export const OUTCOME_MISSING_TIMES = 3;

/** Detention statuses in which custody clocks, milestones and statutory limits run. */
export const DETAINED = ['in_custody', 'house_arrest'];
/** Charge statuses that mean the charge sheet is in: the statutory clock has been met. */
export const CHARGE_SHEET_FILED = ['in_charge_sheet', 'framed', 'convicted', 'acquitted'];

export interface PlanHearing {
  id: string;
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
}

export interface PlanCharge {
  law: string;
  section: string;
  status: string;
  visibility: Visibility;
}

export interface PlanStatutoryLimit {
  id: string;
  country: string;
  /** Case-insensitive text a charge's law must contain; empty matches every charge. */
  lawPattern: string;
  reference: string;
  description: string;
  days: number;
  extendedDays: number | null;
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

/** Something dated that a case's reminders point at; also what the weekly digest lists. */
export interface AgendaItem {
  kind: 'hearing' | 'custody_end' | 'milestone' | 'statutory_deadline';
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
const dayAnchor = (day: string, zone: string): DateTime =>
  DateTime.fromISO(day, { zone }).set({ hour: DAY_REMINDER_HOUR, minute: 0, second: 0, millisecond: 0 });

/** `offset` before `at`, counted in the zone `at` carries. */
export const before = (at: DateTime, offset: string): DateTime => at.minus(Duration.fromISO(offset));

/** The day a custody order runs out: orderEnd's rule (the earlier of ordered-on + days and the stated end). */
export function custodyOrderEnd(order: Pick<PlanCustodyOrder, 'orderedOn' | 'days' | 'until'>): {
  end: string | null;
  disagrees: boolean;
} {
  const disagrees =
    order.days !== null && order.until !== null && addDays(order.orderedOn, order.days) !== order.until;
  return { end: orderEnd(order), disagrees };
}

/** The order in force: the latest ordered, and of those the latest entered. */
export function currentCustodyOrder(orders: PlanCustodyOrder[]): PlanCustodyOrder | undefined {
  return [...orders].sort(
    (a, b) => a.orderedOn.localeCompare(b.orderedOn) || a.createdAt.getTime() - b.createdAt.getTime(),
  )[orders.length - 1];
}

/** Milestones of a day-precision arrest up to `until`, as days and anniversaries. */
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

const chargeInvokes = (limit: PlanStatutoryLimit, charge: PlanCharge): boolean =>
  charge.status !== 'dropped' && charge.law.toLowerCase().includes(limit.lawPattern.trim().toLowerCase());

/** Does a statutory limit apply to these charges (in this country)? */
export const limitApplies = (limit: PlanStatutoryLimit, country: string, charges: PlanCharge[]): boolean =>
  limit.country === country && charges.some((charge) => chargeInvokes(limit, charge));

/**
 * Who may learn that a limit applies: any one charge that invokes it tells, so the least restrictive
 * of those charges' visibilities; null when none does.
 */
export function limitVisibility(
  limit: PlanStatutoryLimit,
  country: string,
  charges: PlanCharge[],
): Visibility | null {
  const invoking = limit.country === country ? charges.filter((charge) => chargeInvokes(limit, charge)) : [];
  return invoking.length ? leastRestrictive(invoking.map((charge) => charge.visibility)) : null;
}

/**
 * The case as one reader may read it: only the hearings, custody orders and charges they may read.
 * Everything derived from it (custody end, statutory limits, the digest's agenda) then tells them
 * nothing drawn from an entry they may not read.
 */
export function caseAsReadBy<T extends Pick<PlanCase, 'hearings' | 'custodyOrders' | 'charges'>>(
  kase: T,
  reader: Reader,
): T {
  const readable = ({ visibility }: { visibility: Visibility }) => mayRead(reader, visibility);
  return {
    ...kase,
    hearings: kase.hearings.filter(readable),
    custodyOrders: kase.custodyOrders.filter(readable),
    charges: kase.charges.filter(readable),
  };
}

/**
 * Who may read a reminder: the visibility of the hearing or custody order it is about, of the
 * charges that invoke its statutory limit, public for a milestone (the arrest is the case's) or a
 * digest (its owner's; what it lists is filtered per reader). Null when the subject is gone.
 */
export function reminderVisibility(
  kase: PlanCase,
  reminder: { kind: ReminderKind; subjectId: string | null },
): Visibility | null {
  switch (reminder.kind) {
    case 'hearing_upcoming':
    case 'outcome_missing':
      return kase.hearings.find((h) => h.id === reminder.subjectId)?.visibility ?? null;
    case 'custody_ending':
      return kase.custodyOrders.find((o) => o.id === reminder.subjectId)?.visibility ?? null;
    case 'statutory_limit': {
      const limit = kase.limits.find((l) => l.id === reminder.subjectId);
      return limit ? limitVisibility(limit, kase.country, kase.charges) : null;
    }
    case 'detention_milestone':
    case 'weekly_digest':
      return 'public';
    default: {
      const unreachable: never = reminder.kind;
      throw new Error(`Unknown reminder kind ${String(unreachable)}`);
    }
  }
}

export type StatutoryStatus = 'running' | 'met' | 'passed' | 'not_detained' | 'arrest_date_unknown';

export interface StatutoryLimitState {
  limitId: string;
  reference: string;
  description: string;
  days: number;
  extendedDays: number | null;
  deadline: string | null;
  daysLeft: number | null;
  extendedDeadline: string | null;
  extendedDaysLeft: number | null;
  status: StatutoryStatus;
}

/** The limits that apply to a case's charges and where each stands on `today` (a day in the case's zone). */
export function statutoryLimitStates(
  kase: Pick<
    PlanCase,
    'country' | 'detentionStatus' | 'arrestedOn' | 'arrestedOnPrecision' | 'charges' | 'limits'
  >,
  today: string,
): StatutoryLimitState[] {
  const met = kase.charges.some((charge) => CHARGE_SHEET_FILED.includes(charge.status));
  const knownArrest = kase.arrestedOn && kase.arrestedOnPrecision === 'day' ? kase.arrestedOn : null;
  const day = (n: number | null): string | null =>
    knownArrest && n ? isoDay(DateTime.fromISO(knownArrest, { zone: 'utc' }).plus({ days: n })) : null;
  const left = (deadline: string | null): number | null =>
    deadline
      ? Math.round(
          DateTime.fromISO(deadline, { zone: 'utc' }).diff(DateTime.fromISO(today, { zone: 'utc' }), 'days')
            .days,
        )
      : null;
  return kase.limits
    .filter((limit) => limitApplies(limit, kase.country, kase.charges))
    .map((limit) => {
      const deadline = day(limit.days);
      const extendedDeadline = day(limit.extendedDays);
      const lastDeadline = extendedDeadline ?? deadline;
      const status: StatutoryStatus = met
        ? 'met'
        : !knownArrest
          ? 'arrest_date_unknown'
          : !DETAINED.includes(kase.detentionStatus)
            ? 'not_detained'
            : lastDeadline && lastDeadline < today
              ? 'passed'
              : 'running';
      return {
        limitId: limit.id,
        reference: limit.reference,
        description: limit.description,
        days: limit.days,
        extendedDays: limit.extendedDays,
        deadline,
        daysLeft: left(deadline),
        extendedDeadline,
        extendedDaysLeft: left(extendedDeadline),
        status,
      };
    });
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
  const detained = DETAINED.includes(kase.detentionStatus);
  const order = detained ? currentCustodyOrder(kase.custodyOrders) : undefined;
  const end = order ? custodyOrderEnd(order).end : null;
  if (order && end) {
    const at = dayAnchor(end, zone);
    items.push({
      kind: 'custody_end',
      subjectId: order.id,
      at: at.toJSDate(),
      local: local(at),
      timeKnown: false,
      details: { endsOn: end, custodyKind: order.kind },
      visibility: order.visibility,
    });
  }
  const arrestKnown = kase.arrestedOn && kase.arrestedOnPrecision === 'day' ? kase.arrestedOn : null;
  if (detained && arrestKnown) {
    for (const milestone of detentionMilestones(arrestKnown, zone, policy, until)) {
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
        visibility: 'public',
      });
    }
    const met = kase.charges.some((charge) => CHARGE_SHEET_FILED.includes(charge.status));
    if (!met) {
      for (const limit of kase.limits) {
        const visibility = limitVisibility(limit, kase.country, kase.charges);
        if (!visibility) {
          continue;
        }
        const phases = [limit.days, ...(limit.extendedDays ? [limit.extendedDays] : [])];
        for (const days of phases) {
          const at = dayAnchor(arrestKnown, zone).plus({ days });
          items.push({
            kind: 'statutory_deadline',
            subjectId: limit.id,
            at: at.toJSDate(),
            local: local(at),
            timeKnown: false,
            details: {
              reference: limit.reference,
              description: limit.description,
              days,
              extended: days !== limit.days,
              deadline: isoDay(at),
            },
            visibility,
          });
        }
      }
    }
  }
  return items.sort((a, b) => a.at.getTime() - b.at.getTime());
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
      case 'hearing': {
        const stamp = at.toUTC().toISO();
        for (const offset of policy.hearingOffsets) {
          planned.push({
            kind: 'hearing_upcoming',
            dedupeKey: `hearing:${item.subjectId}:${offset}:${stamp}`,
            dueAt: before(at, offset).toJSDate(),
            subjectId: item.subjectId,
            subjectAt: item.at,
            offset,
            details: item.details,
            visibility: item.visibility,
          });
        }
        break;
      }
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
  for (const hearing of kase.hearings) {
    if (hearing.outcome !== null || !['scheduled', 'held'].includes(hearing.status)) {
      continue;
    }
    const at = DateTime.fromISO(hearing.scheduledLocal, { zone });
    const first = at.plus(Duration.fromISO(OUTCOME_MISSING_FIRST));
    for (let n = 1; n <= OUTCOME_MISSING_TIMES; n++) {
      planned.push({
        kind: 'outcome_missing',
        dedupeKey: `outcome:${hearing.id}:N${n}:${at.toUTC().toISO()}`,
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
  const nothing = { hearings: [], custodyOrders: [], limits: [] };
  switch (reminder.kind) {
    case 'hearing_upcoming':
    case 'outcome_missing':
      return {
        ...kase,
        ...nothing,
        arrestedOn: null,
        hearings: kase.hearings.filter((h) => h.id === reminder.subjectId),
      };
    case 'custody_ending':
      return { ...kase, ...nothing, arrestedOn: null, custodyOrders: kase.custodyOrders };
    case 'statutory_limit':
      return { ...kase, ...nothing, limits: kase.limits.filter((l) => l.id === reminder.subjectId) };
    case 'detention_milestone':
    case 'weekly_digest':
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
