import { DatePrecision, IsoDate } from '../common/entry';
import { addDays, daysBetween, formatLongDate, todayIn } from '../common/calendar-day';

// The custody clock is derived from the case and its entries, never typed in.
//
// Day-count convention: an order made on day D for N days ends on day D + N. The Khurram Parvez
// orders bear this out: 12 February 2022 + 40 days = 24 March 2022, the day the next extension was
// ordered; 24 March 2022 + 50 days = 13 May 2022, the day the charge sheet was filed. Days in custody
// count the same way: arrested on day A, it is day A + n after n days in custody.

export interface ClockCaseFacts {
  arrestedOn: IsoDate | null;
  arrestedOnPrecision: DatePrecision;
  releasedOn: IsoDate | null;
  /** IANA zone of the case's courts; "today" is the day on its wall clocks. */
  timezone: string;
}

export interface ClockCustodyOrder {
  id: string;
  kind: string;
  orderedOn: IsoDate;
  days: number | null;
  /** The end date as the court stated it. */
  until: IsoDate | null;
}

export interface ClockHearing {
  id: string;
  scheduledAt: Date;
  /** Wall-clock time in the case's zone, 'YYYY-MM-DDTHH:mm:ss'. */
  scheduledLocal: string;
  timeKnown: boolean;
  court: string | null;
  status: string;
}

export interface ClockCharge {
  id: string;
  broughtOn: IsoDate | null;
}

export interface CustodyClockInput extends ClockCaseFacts {
  now: Date;
  custodyOrders: ClockCustodyOrder[];
  hearings: ClockHearing[];
  charges: ClockCharge[];
}

export interface CurrentCustodyOrder {
  id: string;
  kind: string;
  orderedOn: IsoDate;
  /** orderedOn + days when days is given, else the stated until; null for an order with neither. */
  endsOn: IsoDate | null;
  /** Whole days from today to endsOn: 0 on the last day. */
  daysLeft: number | null;
}

export interface NextHearing {
  id: string;
  scheduledAt: Date;
  scheduledLocal: string;
  timeKnown: boolean;
  court: string | null;
}

export type FlaggedEntity = 'custody_order' | 'hearing' | 'charge';

export interface EndDateMismatchFlag {
  kind: 'end-date-mismatch';
  custodyOrderId: string;
  statedUntil: IsoDate;
  computedEnd: IsoDate;
  /** computedEnd minus statedUntil, in days: positive when the arithmetic runs past the stated date. */
  differenceDays: number;
  message: string;
}

export interface DatedBeforeArrestFlag {
  kind: 'dated-before-arrest';
  entity: FlaggedEntity;
  id: string;
  date: IsoDate;
  message: string;
}

export interface DatedAfterReleaseFlag {
  kind: 'dated-after-release';
  entity: 'custody_order';
  id: string;
  date: IsoDate;
  message: string;
}

export type CustodyFlag = EndDateMismatchFlag | DatedBeforeArrestFlag | DatedAfterReleaseFlag;

export interface CustodyClock {
  /** Whole days from arrest to today (or to release); null without a day-precise arrest date or before it. */
  daysInCustody: number | null;
  currentOrder: CurrentCustodyOrder | null;
  /** The latest end among orders that ended before today. */
  lastOrderEndedOn: IsoDate | null;
  nextHearing: NextHearing | null;
  flags: CustodyFlag[];
}

/** Where an order ends: orderedOn + days when the length is known, else the end the court stated. */
export function orderEnd(order: Pick<ClockCustodyOrder, 'orderedOn' | 'days' | 'until'>): IsoDate | null {
  if (order.days !== null) {
    return addDays(order.orderedOn, order.days);
  }
  return order.until;
}

const ENTITY_NAMES: Record<FlaggedEntity, string> = {
  custody_order: 'Custody order',
  hearing: 'Hearing',
  charge: 'Charge',
};

const byOrderedOnThenId = (a: ClockCustodyOrder, b: ClockCustodyOrder): number =>
  a.orderedOn < b.orderedOn ? -1 : a.orderedOn > b.orderedOn ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

export function daysInCustody(facts: ClockCaseFacts, today: IsoDate): number | null {
  if (!facts.arrestedOn || facts.arrestedOnPrecision !== 'day') {
    return null;
  }
  const end = facts.releasedOn && facts.releasedOn < today ? facts.releasedOn : today;
  const days = daysBetween(facts.arrestedOn, end);
  return days >= 0 ? days : null;
}

/**
 * The order in force today: the latest by orderedOn, among orders made by today, whose end is today
 * or later. An order with no stated end runs until a later order replaces it. Nobody released is
 * under an order, so a case released by today has none.
 */
export function currentOrder(
  facts: ClockCaseFacts,
  orders: ClockCustodyOrder[],
  today: IsoDate,
): CurrentCustodyOrder | null {
  if (facts.releasedOn && facts.releasedOn <= today) {
    return null;
  }
  const made = orders.filter((order) => order.orderedOn <= today).sort(byOrderedOnThenId);
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

export function lastOrderEndedOn(orders: ClockCustodyOrder[], today: IsoDate): IsoDate | null {
  let latest: IsoDate | null = null;
  for (const order of orders) {
    const end = orderEnd(order);
    if (end !== null && end < today && (latest === null || end > latest)) {
      latest = end;
    }
  }
  return latest;
}

/**
 * The earliest hearing still scheduled that has not begun. A hearing whose time is unknown is
 * upcoming for the whole of its day.
 */
export function nextHearing(hearings: ClockHearing[], now: Date, today: IsoDate): NextHearing | null {
  const upcoming = hearings
    .filter(
      (hearing) =>
        hearing.status === 'scheduled' &&
        (hearing.timeKnown
          ? hearing.scheduledAt.getTime() >= now.getTime()
          : hearing.scheduledLocal.slice(0, 10) >= today),
    )
    .sort(
      (a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  const next = upcoming[0];
  return next
    ? {
        id: next.id,
        scheduledAt: next.scheduledAt,
        scheduledLocal: next.scheduledLocal,
        timeKnown: next.timeKnown,
        court: next.court,
      }
    : null;
}

export function endDateMismatch(order: ClockCustodyOrder): EndDateMismatchFlag | null {
  if (order.days === null || order.until === null) {
    return null;
  }
  const computedEnd = addDays(order.orderedOn, order.days);
  if (computedEnd === order.until) {
    return null;
  }
  const differenceDays = daysBetween(order.until, computedEnd);
  const apart = Math.abs(differenceDays);
  return {
    kind: 'end-date-mismatch',
    custodyOrderId: order.id,
    statedUntil: order.until,
    computedEnd,
    differenceDays,
    message:
      `Custody order of ${formatLongDate(order.orderedOn)}: ${order.days} days from the order ends on ` +
      `${formatLongDate(computedEnd)}, but the stated end is ${formatLongDate(order.until)} ` +
      `(${apart} ${apart === 1 ? 'day' : 'days'} apart).`,
  };
}

function datedBeforeArrest(
  facts: ClockCaseFacts,
  entity: FlaggedEntity,
  id: string,
  date: IsoDate | null,
): DatedBeforeArrestFlag | null {
  // A month- or year-precise arrest is stored as the first day of its period, so anything earlier
  // is certainly before the arrest.
  if (!facts.arrestedOn || date === null || date >= facts.arrestedOn) {
    return null;
  }
  return {
    kind: 'dated-before-arrest',
    entity,
    id,
    date,
    message: `${ENTITY_NAMES[entity]} dated ${formatLongDate(date)} is before the arrest on ${formatLongDate(facts.arrestedOn)}.`,
  };
}

function orderedAfterRelease(facts: ClockCaseFacts, order: ClockCustodyOrder): DatedAfterReleaseFlag | null {
  if (!facts.releasedOn || order.orderedOn <= facts.releasedOn) {
    return null;
  }
  return {
    kind: 'dated-after-release',
    entity: 'custody_order',
    id: order.id,
    date: order.orderedOn,
    message: `Custody order of ${formatLongDate(order.orderedOn)} is after the release on ${formatLongDate(facts.releasedOn)}.`,
  };
}

/**
 * Flags in a stable order: custody orders by orderedOn (each: end-date mismatch, before arrest,
 * after release), then hearings by time, then charges by date.
 */
export function custodyFlags(
  facts: ClockCaseFacts,
  entries: Pick<CustodyClockInput, 'custodyOrders' | 'hearings' | 'charges'>,
): CustodyFlag[] {
  const flags: (CustodyFlag | null)[] = [];
  for (const order of [...entries.custodyOrders].sort(byOrderedOnThenId)) {
    flags.push(
      endDateMismatch(order),
      datedBeforeArrest(facts, 'custody_order', order.id, order.orderedOn),
      orderedAfterRelease(facts, order),
    );
  }
  const hearings = [...entries.hearings].sort((a, b) =>
    a.scheduledLocal < b.scheduledLocal ? -1 : a.scheduledLocal > b.scheduledLocal ? 1 : 0,
  );
  for (const hearing of hearings) {
    flags.push(datedBeforeArrest(facts, 'hearing', hearing.id, hearing.scheduledLocal.slice(0, 10)));
  }
  const charges = [...entries.charges].sort((a, b) =>
    (a.broughtOn ?? '') < (b.broughtOn ?? '') ? -1 : (a.broughtOn ?? '') > (b.broughtOn ?? '') ? 1 : 0,
  );
  for (const charge of charges) {
    flags.push(datedBeforeArrest(facts, 'charge', charge.id, charge.broughtOn));
  }
  return flags.filter((flag): flag is CustodyFlag => flag !== null);
}

export function custodyClock(input: CustodyClockInput): CustodyClock {
  const today = todayIn(input.now, input.timezone);
  return {
    daysInCustody: daysInCustody(input, today),
    currentOrder: currentOrder(input, input.custodyOrders, today),
    lastOrderEndedOn: lastOrderEndedOn(input.custodyOrders, today),
    nextHearing: nextHearing(input.hearings, input.now, today),
    flags: custodyFlags(input, input),
  };
}
