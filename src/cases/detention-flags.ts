/*
 * The wording of a detention history's flags: a custody order whose days and stated end disagree
 * (`mismatchFlag`), and the names of the entries an out-of-order flag points at (ENTITY_NAMES).
 */
import { addDays, daysBetween, formatLongDate } from '../common/calendar-day';
import { DetentionCustodyOrder, DetentionFlag, FlaggedEntity } from './detention-model';

export function mismatchFlag(order: DetentionCustodyOrder): DetentionFlag | null {
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

export const ENTITY_NAMES: Record<FlaggedEntity, string> = {
  custody_order: 'Custody order',
  hearing: 'Hearing',
  charge: 'Charge',
  event: 'Event',
};
