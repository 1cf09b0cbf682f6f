import { DateTime } from 'luxon';
import { addDays, daysBetween, formatLongDate } from '../common/calendar-day';
import { DatePrecision, IsoDate } from '../common/entry';
import {
  CUSTODY_BASES,
  CustodyBasis,
  EndReason,
  DerivedDetentionStatus,
  OPENING_TYPES,
  CLOSING_REASONS,
  LASTING_TYPES,
  LastingType,
  DETENTION_EVENT_TYPES,
  DetentionEvent,
  DetentionCustodyOrder,
  DetentionInput,
  CustodyPeriod,
  CurrentCustodyOrder,
  LastingEvent,
  CurrentBail,
  EndOfLiberty,
  FlaggedEntity,
  DetentionFlag,
  DetentionHistory,
  DEFAULT_BASIS,
  PeriodPosition,
} from './detention-model';
import { dayPrecise, sentenceState } from './detention-sentence';

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
 */

// The vocabulary and shapes live in detention-model.ts; readers import them from here too.
export * from './detention-model';
export { creditedFromCustody, termCompletes } from './detention-sentence';

// ---- Rules ----

/** Where an order ends: the earlier of orderedOn + days and the stated until; either alone when only one is given. */
export function orderEnd(order: Pick<DetentionCustodyOrder, 'orderedOn' | 'days' | 'until'>): IsoDate | null {
  const computed = order.days !== null ? addDays(order.orderedOn, order.days) : null;
  if (computed !== null && order.until !== null) {
    return computed < order.until ? computed : order.until;
  }
  return computed ?? order.until;
}

const lastDayOf = (date: IsoDate, precision: DatePrecision): IsoDate => {
  switch (precision) {
    case 'day':
      return date;
    case 'month':
      return addDays(DateTime.fromISO(date, { zone: 'utc' }).plus({ months: 1 }).toISODate() as string, -1);
    case 'year':
      return `${date.slice(0, 4)}-12-31`;
  }
};

const isOpening = (type: string): type is (typeof OPENING_TYPES)[number] =>
  (OPENING_TYPES as readonly string[]).includes(type);
const closingReason = (type: string): EndReason | undefined =>
  (CLOSING_REASONS as Record<string, EndReason>)[type];
const isLasting = (type: string): type is LastingType => (LASTING_TYPES as readonly string[]).includes(type);

/** Where an entry known to its month or year sits in it: as set by hand, else an opening at the start. */
export const periodPosition = (type: string, position?: PeriodPosition | null): PeriodPosition =>
  position ?? (isOpening(type) ? 'start' : 'end');

/** Within one day, at the start of a period: "In 2021" before "In November 2021" before "1 November 2021". */
export const PRECISION_RANK = { year: 0, month: 1, day: 2 } as const satisfies Record<DatePrecision, number>;
/** At the end of a period: "30 November 2021" before "In November 2021" before "In 2021". */
export const END_PRECISION_RANK = { day: 2, month: 3, year: 4 } as const satisfies Record<
  DatePrecision,
  number
>;

/** Where an entry stands among those placed on the same day. */
export const placementRank = (
  type: string,
  precision: DatePrecision,
  position?: PeriodPosition | null,
): number => (periodPosition(type, position) === 'start' ? PRECISION_RANK : END_PRECISION_RANK)[precision];

/**
 * The day an entry stands at in the story: an opening at the start of its month or year, anything
 * else at the end (unless the caseworker placed it by hand). Undated: openings before everything
 * ('0000-00-00'), the rest after ('9999-99-99').
 */
export function placement(
  type: string,
  date: IsoDate | null,
  precision: DatePrecision,
  position?: PeriodPosition | null,
): string {
  if (date === null) {
    return isOpening(type) ? '0000-00-00' : '9999-99-99';
  }
  return periodPosition(type, position) === 'start' ? date : lastDayOf(date, precision);
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

type Step =
  | { source: 'event'; at: string; event: DetentionEvent }
  | { source: 'order'; at: string; order: DetentionCustodyOrder };

// The timeline's order (src/timeline/timeline-order.ts): the day it stands at, its rank there, then
// the order the entries were recorded in.
const stepKey = (step: Step): [string, number, number, string, string] =>
  step.source === 'event'
    ? [
        step.at,
        placementRank(step.event.type, step.event.precision, step.event.periodPosition),
        step.event.dayPosition ?? 0,
        step.event.createdAt,
        step.event.id,
      ]
    : [step.at, PRECISION_RANK.day, 0, step.order.createdAt, step.order.id];

function compareSteps(a: Step, b: Step): number {
  const [atA, rankA, positionA, createdA, idA] = stepKey(a);
  const [atB, rankB, positionB, createdB, idB] = stepKey(b);
  return (
    compareText(atA, atB) ||
    rankA - rankB ||
    positionA - positionB ||
    compareText(createdA, createdB) ||
    compareText(idA, idB)
  );
}

function periodDays(period: Omit<CustodyPeriod, 'days'>, today: IsoDate): number | null {
  if (period.from === null || !dayPrecise(period.fromPrecision)) {
    return null;
  }
  if (period.to === null) {
    return period.endReason === null ? Math.max(0, daysBetween(period.from, today)) : null;
  }
  return dayPrecise(period.toPrecision) ? Math.max(0, daysBetween(period.from, period.to)) : null;
}

function mismatchFlag(order: DetentionCustodyOrder): DetentionFlag | null {
  if (order.days === null || order.until === null) {
    return null;
  }
  const computedEnd = addDays(order.orderedOn, order.days);
  if (computedEnd === order.until) {
    return null;
  }
  const differenceDays = daysBetween(order.until, computedEnd);
  const apart = Math.abs(differenceDays);
  const endsOn = computedEnd < order.until ? computedEnd : order.until;
  return {
    kind: 'end-date-mismatch',
    custodyOrderId: order.id,
    orderedOn: order.orderedOn,
    days: order.days,
    statedUntil: order.until,
    computedEnd,
    differenceDays,
    endsOn,
    message:
      `Custody order of ${formatLongDate(order.orderedOn)}: ${order.days} days from the order ends on ` +
      `${formatLongDate(computedEnd)}, but the stated end is ${formatLongDate(order.until)} ` +
      `(${apart} ${apart === 1 ? 'day' : 'days'} apart); Vigil counts the earlier, ${formatLongDate(endsOn)}.`,
  };
}

const ENTITY_NAMES: Record<FlaggedEntity, string> = {
  custody_order: 'Custody order',
  hearing: 'Hearing',
  charge: 'Charge',
  event: 'Event',
};

/**
 * The order in force today within the open period: the latest by orderedOn (then by recording)
 * among orders made by today whose end is today or later. An order with no end runs until a later
 * order replaces it.
 */
function orderInForce(orders: DetentionCustodyOrder[], today: IsoDate): CurrentCustodyOrder | null {
  const made = orders
    .filter((order) => order.orderedOn <= today)
    .sort(
      (a, b) =>
        compareText(a.orderedOn, b.orderedOn) ||
        compareText(a.createdAt, b.createdAt) ||
        compareText(a.id, b.id),
    );
  const latestOrderedOn = made.at(-1)?.orderedOn;
  const running = made.filter((order) => {
    const end = orderEnd(order);
    return end === null ? order.orderedOn === latestOrderedOn : end >= today;
  });
  const order = running.at(-1);
  if (!order) {
    return null;
  }
  const endsOn = orderEnd(order);
  return {
    id: order.id,
    kind: order.kind,
    orderedOn: order.orderedOn,
    endsOn,
    daysLeft: endsOn === null ? null : daysBetween(today, endsOn),
  };
}

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

function lastingEvents(events: DetentionEvent[], death: EndOfLiberty | null, today: IsoDate): LastingEvent[] {
  return events
    .filter((event): event is DetentionEvent & { type: LastingType } => isLasting(event.type))
    .sort(
      (a, b) =>
        compareText(a.date ?? '9999', b.date ?? '9999') ||
        compareText(a.createdAt, b.createdAt) ||
        compareText(a.id, b.id),
    )
    .map((event) => {
      // Nothing lasts beyond a death; one dated after it is flagged with the other late entries.
      const endedByDeath = !event.endedOn && death !== null;
      const diedAfterStart =
        death !== null && death.on !== null && event.date !== null && death.on >= event.date;
      const to = event.endedOn ?? (endedByDeath && diedAfterStart ? death.on : null);
      const ongoing = !event.endedOn && !endedByDeath;
      const last = ongoing ? today : to;
      return {
        id: event.id,
        type: event.type,
        from: event.date,
        fromPrecision: event.date === null ? null : event.precision,
        to,
        ongoing,
        days:
          event.date !== null && event.precision === 'day' && last !== null
            ? Math.max(0, daysBetween(event.date, last))
            : null,
      };
    });
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
