/*
 * A detention's custody orders: where an order ends (`orderEnd`, the one rule the reminders, the
 * dashboard and the fold share) and which order is in force on a day within the open period
 * (`orderInForce`).
 */
import { addDays, daysBetween } from '../common/calendar-day';
import { IsoDate } from '../common/entry';
import { CurrentCustodyOrder, DetentionCustodyOrder } from './detention-model';
import { compareText } from './detention-order';

/** Where an order ends: the earlier of orderedOn + days and the stated until; either alone when only one is given. */
export function orderEnd(order: Pick<DetentionCustodyOrder, 'orderedOn' | 'days' | 'until'>): IsoDate | null {
  const computed = order.days !== null ? addDays(order.orderedOn, order.days) : null;
  if (computed !== null && order.until !== null) {
    return computed < order.until ? computed : order.until;
  }
  return computed ?? order.until;
}

/**
 * The order in force today within the open period: the latest by orderedOn (then by recording)
 * among orders made by today whose end is today or later. An order with no end runs until a later
 * order replaces it.
 */
export function orderInForce(orders: DetentionCustodyOrder[], today: IsoDate): CurrentCustodyOrder | null {
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
