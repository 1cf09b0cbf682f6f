import { DateTime, Duration } from 'luxon';
import { orderEnd } from '../cases/custody-orders-in-force';
import { formatLongDate } from '../common/calendar-day';
import { appealDeadlineReminders } from './appeal-deadlines';
import { AgendaItem, caseAgenda } from './case-agenda';
import type { PlanCase } from './plan-case';
import { DETAINED, detentionOf } from './plan-detention';
import { before, dayAnchor, dayAt, DAY_REMINDER_HOUR, isoDay } from './plan-time';
import { Details, DETENTION_KINDS, PlannedReminder, ReminderKind } from './reminder-kinds';
import { ReminderPolicy } from './reminder-policy';
import { custodyOrderVisibility } from './reminder-visibility';

/*
 * Which reminders a case should have, computed from its data alone: pure functions, no Nest or
 * TypeORM. The scheduler diffs this plan against the rows in PostgreSQL; the sender re-runs it to
 * check that a reminder is still true before mailing it. What it reads: plan-case.ts; the dated
 * things it reminds of: case-agenda.ts; who may read each: reminder-visibility.ts.
 *
 * Time rules (all in the case's IANA zone, so "09:00" is 09:00 at the court whatever the server's zone):
 * - Offsets are subtracted from the local wall-clock time: days keep the time of day across a
 *   daylight-saving change (P1D before 10:30 is 10:30 the day before), hours are elapsed time.
 * - Things that are days, not instants, are anchored at DAY_REMINDER_HOUR local time on that day
 *   (plan-time.ts).
 * - Everything about custody comes from the case's detention history (deriveDetention, one pure
 *   fold over its entries, plan-detention.ts): the periods, the status, the order in force and its
 *   end, the sentence and its expected release, the lasting events. Nothing here counts custody
 *   days itself; milestones are detention-milestones.ts's.
 * - A death or disappearance ends every reminder that assumes a living detainee (DETENTION_KINDS);
 *   the rows cancelled for it say why (cancelReason).
 * - A hearing whose time is not known is a day, not an instant: each offset is counted back from
 *   DAY_REMINDER_HOUR on the hearing day and the reminder falls due at DAY_REMINDER_HOUR on the day
 *   it lands (P1D: 09:00 the day before; PT2H: 09:00 on the day), one per day; the outcome chase
 *   starts at OUTCOME_MISSING_DAY_HOUR on the hearing day. Their keys carry the day, not midnight.
 */

/** "Outcome missing": first 12 hours after the hearing, then daily, at most three times. */
export const OUTCOME_MISSING_FIRST = 'PT12H';
export const OUTCOME_MISSING_EVERY = 'P1D';
export const OUTCOME_MISSING_TIMES = 3;
/** The first chase of a hearing whose time is not known: the evening of its day, local. */
export const OUTCOME_MISSING_DAY_HOUR = 18;

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
