import { daysBetween, formatLongDate } from '../common/calendar-day';
import { DatePrecision, IsoDate } from '../common/entry';
import {
  CUSTODY_BASES,
  CustodyBasis,
  EndReason,
  DerivedDetentionStatus,
  CLOSING_REASONS,
  DETENTION_EVENT_TYPES,
  DetentionEvent,
  DetentionCustodyOrder,
  DetentionInput,
  CustodyPeriod,
  CurrentBail,
  EndOfLiberty,
  FlaggedEntity,
  DetentionFlag,
  DetentionHistory,
  DEFAULT_BASIS,
} from './detention-model';
import { dayPrecise, sentenceState } from './detention-sentence';
import { orderEnd, orderInForce } from './custody-orders-in-force';
import { ENTITY_NAMES, mismatchFlag } from './detention-flags';
import { compareSteps, compareText, isOpening, placement, Step } from './detention-order';
import { lastingEvents } from './lasting-events';

/*
 * A case's detention history, folded from its dated entries: one pure function, deriveDetention,
 * that the api, the worker, the exports and the pages all read. Nothing typed in says "in custody"
 * or "1,748 days"; the arrest, bail, release, sentence and death entries do.
 *
 * The fold, in the timeline's order (see `placement`):
 * - arrest, detention and bail_revoked open a custody period (when none is open);
 * - bail_granted, release, acquittal, pardon, sentence_served, death_in_custody and disappearance
 *   close it, with that end reason;
 * - a custody order inside a period sets its basis to the order's kind, a sentence to "sentence";
 * - death ends everything: the open period and every lasting event close on its day, and
 *   anything dated after it is flagged and otherwise ignored.
 *
 * Day-count convention: an order made on day D for N days ends on day D + N (Khurram Parvez's
 * orders bear this out: 12 February 2022 + 40 days = 24 March 2022, the day the next extension
 * was ordered). A period from day A to day B is B - A days; an open one counts to today. Days in
 * custody is the sum over periods whose ends are both known to the day, so closing and reopening
 * on the same day changes nothing.
 *
 * Imprecise dates sit where they cannot contradict the story: an entry that opens custody at the
 * first day of its month or year (the day it is stored as), everything else at the last, unless the
 * caseworker placed it by hand (`periodPosition`). Undated openings come before everything, other
 * undated entries after everything. Event types outside DETENTION_EVENT_TYPES change nothing, so
 * readers may leave them out of the input.
 *
 * What readers take from it: `detentionStatus`; `periods` (milestones count only the days in
 * them); `currentOrder.endsOn` and `orderEnd` (the one end of an order); `sentence.expectedReleaseOn`;
 * `lastingEvents` (a hunger strike's start, `ongoing`); `death` and `disappearance`; `flags`
 * (`no-order-in-force` when someone held has no order). The stored columns come from
 * `storedDetentionFacts`; src/cases/detention-store.ts reads the entries and keeps them in step.
 *
 * This file holds the fold itself; its parts live beside it: the entries' order in
 * detention-order.ts, custody orders' ends and the order in force in custody-orders-in-force.ts,
 * the flags' wording in detention-flags.ts, lasting events in lasting-events.ts, the sentence in
 * detention-sentence.ts and the vocabulary in detention-model.ts.
 */

// The vocabulary and shapes live in detention-model.ts; readers import them from here too.
export * from './detention-model';
export { creditedFromCustody, termCompletes } from './detention-sentence';

// ---- Rules ----

function periodDays(period: Omit<CustodyPeriod, 'days'>, today: IsoDate): number | null {
  if (period.from === null || !dayPrecise(period.fromPrecision)) {
    return null;
  }
  if (period.to === null) {
    return period.endReason === null ? Math.max(0, daysBetween(period.from, today)) : null;
  }
  return dayPrecise(period.toPrecision) ? Math.max(0, daysBetween(period.from, period.to)) : null;
}

const closingReason = (type: string): EndReason | undefined =>
  (CLOSING_REASONS as Record<string, EndReason>)[type];

const asBasis = (kind: string): CustodyBasis | undefined =>
  (CUSTODY_BASES as readonly string[]).includes(kind) ? (kind as CustodyBasis) : undefined;

/** Everything derived about a detention, from the case's entries and the day it is in the case's zone. */
export function deriveDetention(input: DetentionInput, today: IsoDate): DetentionHistory {
  return foldDetention(input, today).history;
}

/**
 * The history with the ids of the orders made in the open period (those the order in force is
 * chosen from on any day), which the cases table keeps so that lists can sort by custody end in SQL.
 */
export function foldDetention(
  input: DetentionInput,
  today: IsoDate,
): { history: DetentionHistory; openPeriodOrderIds: string[] | null } {
  const steps: Step[] = [
    ...input.events.map((event): Step => ({
      source: 'event',
      at: placement(event.type, event.date, event.precision, event.periodPosition),
      event,
    })),
    ...input.custodyOrders.map((order): Step => ({ source: 'order', at: order.orderedOn, order })),
  ].sort(compareSteps);

  const periods: Omit<CustodyPeriod, 'days'>[] = [];
  let open: Omit<CustodyPeriod, 'days'> | null = null;
  let liberty: 'bail' | 'released' | null = null;
  let bail: CurrentBail | null = null;
  let death: EndOfLiberty | null = null;
  let disappearance: EndOfLiberty | null = null;
  const sentences: DetentionEvent[] = [];
  const ordersInOpenPeriod: DetentionCustodyOrder[] = [];
  const flags: DetentionFlag[] = [];
  const afterDeath: DetentionEvent[] = [];

  const close = (event: DetentionEvent, reason: EndReason): void => {
    if (open) {
      open.to = event.date;
      open.toPrecision = event.date === null ? null : event.precision;
      open.closedBy = event.id;
      open.endReason = reason;
      open = null;
    }
  };

  for (const step of steps) {
    if (death) {
      // A statement or a campaign after a death is ordinary; custody, bail or a sentence is not.
      if (step.source === 'event' && DETENTION_EVENT_TYPES.includes(step.event.type)) {
        afterDeath.push(step.event);
      }
      continue;
    }
    if (step.source === 'order') {
      if (open) {
        ordersInOpenPeriod.push(step.order);
        if (open.basis !== 'sentence') {
          open.basis = asBasis(step.order.kind) ?? open.basis;
        }
      }
      continue;
    }
    const event = step.event;
    if (isOpening(event.type)) {
      disappearance = null;
      if (open) {
        open.basis = event.custodyBasis ?? open.basis;
      } else {
        open = {
          openedBy: event.id,
          from: event.date,
          fromPrecision: event.date === null ? null : event.precision,
          to: null,
          toPrecision: null,
          closedBy: null,
          basis: event.custodyBasis ?? DEFAULT_BASIS[event.type],
          endReason: null,
        };
        periods.push(open);
        ordersInOpenPeriod.length = 0;
        liberty = null;
        bail = null;
      }
      continue;
    }
    const reason = closingReason(event.type);
    if (reason !== undefined) {
      close(event, reason);
      ordersInOpenPeriod.length = 0;
      const at = {
        entryId: event.id,
        on: event.date,
        precision: event.date === null ? null : event.precision,
      };
      if (reason === 'death') {
        death = at;
        disappearance = null;
      } else if (event.type === 'disappearance') {
        disappearance = at;
      } else {
        disappearance = null;
        if (reason === 'bail') {
          liberty = 'bail';
          bail = {
            entryId: event.id,
            grantedOn: event.date,
            conditions: event.bailConditions ?? [],
            conditionsNote: event.bailConditionsNote ?? null,
          };
        } else {
          liberty = 'released';
          bail = null;
        }
      }
      continue;
    }
    if (event.type === 'sentence') {
      sentences.push(event);
      if (open && event.date !== null) {
        open.basis = 'sentence';
      }
    }
  }

  const finished = periods.map((period) => ({ ...period, days: periodDays(period, today) }));
  const currentPeriod = finished.find((period) => period.to === null && period.endReason === null) ?? null;
  const counted = finished.filter((period) => period.days !== null);
  const daysInCustody =
    counted.length > 0 ? counted.reduce((sum, period) => sum + (period.days ?? 0), 0) : null;

  const detentionStatus: DerivedDetentionStatus = death
    ? 'deceased'
    : disappearance
      ? 'disappeared'
      : currentPeriod
        ? currentPeriod.basis === 'house_arrest'
          ? 'house_arrest'
          : 'in_custody'
        : liberty === 'bail'
          ? 'on_bail'
          : liberty === 'released' || finished.length > 0
            ? 'released'
            : 'not_detained';

  const first = finished[0] ?? null;
  const last = finished.at(-1) ?? null;

  // Orders: the end-date rule, the one in force, and the odd dates.
  const orders = [...input.custodyOrders].sort(
    (a, b) =>
      compareText(a.orderedOn, b.orderedOn) ||
      compareText(a.createdAt, b.createdAt) ||
      compareText(a.id, b.id),
  );
  const firstDay = first?.from ?? null;
  const beforeFirstArrest = (entity: FlaggedEntity, id: string, date: IsoDate | null): void => {
    if (firstDay !== null && date !== null && date < firstDay) {
      flags.push({
        kind: 'dated-before-arrest',
        entity,
        id,
        date,
        arrestedOn: firstDay,
        message: `${ENTITY_NAMES[entity]} dated ${formatLongDate(date)} is before the arrest on ${formatLongDate(firstDay)}.`,
      });
    }
  };
  for (const order of orders) {
    const mismatch = mismatchFlag(order);
    if (mismatch) {
      flags.push(mismatch);
    }
    beforeFirstArrest('custody_order', order.id, order.orderedOn);
    const releasedBefore = releaseBefore(finished, order.orderedOn);
    if (releasedBefore !== null) {
      flags.push({
        kind: 'dated-after-release',
        entity: 'custody_order',
        id: order.id,
        date: order.orderedOn,
        releasedOn: releasedBefore,
        message: `Custody order of ${formatLongDate(order.orderedOn)} is after the release on ${formatLongDate(releasedBefore)}.`,
      });
    }
  }
  // A release before the first arrest ends nothing: the API refuses one, but an arrest moved later can leave one.
  for (const step of steps) {
    const event = step.source === 'event' ? step.event : null;
    if (
      event !== null &&
      event.type === 'release' &&
      event.date !== null &&
      placement(event.type, event.date, event.precision) < (firstDay ?? '')
    ) {
      beforeFirstArrest('event', event.id, event.date);
    }
  }
  for (const hearing of [...(input.hearings ?? [])].sort((a, b) => compareText(a.day, b.day))) {
    beforeFirstArrest('hearing', hearing.id, hearing.day);
  }
  for (const charge of [...(input.charges ?? [])].sort((a, b) =>
    compareText(a.broughtOn ?? '', b.broughtOn ?? ''),
  )) {
    beforeFirstArrest('charge', charge.id, charge.broughtOn);
  }

  const currentOrder = currentPeriod ? orderInForce(ordersInOpenPeriod, today) : null;
  let lastOrderEndedOn: IsoDate | null = null;
  for (const order of orders) {
    const end = orderEnd(order);
    if (end !== null && end < today && (lastOrderEndedOn === null || end > lastOrderEndedOn)) {
      lastOrderEndedOn = end;
    }
  }
  const endedInPeriod = ordersInOpenPeriod
    .map(orderEnd)
    .filter((end): end is IsoDate => end !== null && end < today)
    .sort(compareText)
    .at(-1);
  if (currentPeriod && currentPeriod.basis !== 'sentence' && !currentOrder && endedInPeriod) {
    flags.push({
      kind: 'no-order-in-force',
      lastOrderEndedOn: endedInPeriod,
      message: `In custody with no order in force: the last order ended on ${formatLongDate(endedInPeriod)}.`,
    });
  }

  for (const event of afterDeath.sort((a, b) => compareText(a.date ?? '9999', b.date ?? '9999'))) {
    flags.push({
      kind: 'dated-after-death',
      entity: 'event',
      id: event.id,
      date: event.date,
      diedOn: death?.on ?? null,
      message: `Event ${event.date ? `dated ${formatLongDate(event.date)}` : 'with no date'} comes after the death${
        death?.on ? ` on ${formatLongDate(death.on)}` : ''
      }; it changes nothing in the detention history.`,
    });
  }

  const history: DetentionHistory = {
    periods: finished,
    currentPeriod,
    daysInCustody,
    daysInCustodyIsPartial: counted.length < finished.length,
    detentionStatus,
    firstCustodyOn: first?.from ?? null,
    firstCustodyPrecision: first?.fromPrecision ?? null,
    lastReleasedOn: last && last.to !== null ? last.to : null,
    lastReleasedPrecision: last && last.to !== null ? last.toPrecision : null,
    currentOrder,
    lastOrderEndedOn,
    sentence: sentenceState(sentences, finished, today),
    currentBail: detentionStatus === 'on_bail' ? bail : null,
    lastingEvents: lastingEvents(input.events, death, today),
    death,
    disappearance,
    flags,
  };
  return { history, openPeriodOrderIds: currentPeriod ? ordersInOpenPeriod.map((order) => order.id) : null };
}

/** The end of the latest period closed before `day`, when `day` falls in no period; else null. */
function releaseBefore(periods: CustodyPeriod[], day: IsoDate): IsoDate | null {
  let latest: IsoDate | null = null;
  for (const period of periods) {
    const from = period.from ?? '0000-00-00';
    const to = period.to ?? (period.endReason === null ? '9999-12-31' : null);
    if (from <= day && (to === null || day <= to)) {
      return null;
    }
    if (period.to !== null && period.to < day && (latest === null || period.to > latest)) {
      latest = period.to;
    }
  }
  return latest;
}

/** What the cases table keeps of the history, so lists can filter and sort on it in SQL. */
export interface StoredDetentionFacts {
  detentionStatus: DerivedDetentionStatus;
  arrestedOn: IsoDate | null;
  arrestedOnPrecision: DatePrecision;
  releasedOn: IsoDate | null;
  releasedOnPrecision: DatePrecision | null;
}

export const storedDetentionFacts = (history: DetentionHistory): StoredDetentionFacts => ({
  detentionStatus: history.detentionStatus,
  arrestedOn: history.firstCustodyOn,
  arrestedOnPrecision: history.firstCustodyPrecision ?? 'day',
  releasedOn: history.lastReleasedOn,
  releasedOnPrecision: history.lastReleasedPrecision,
});
