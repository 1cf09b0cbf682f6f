/*
 * A detention's lasting events (a hunger strike, say): each with its start, its end or `ongoing`,
 * and its days, none lasting beyond a death.
 */
import { daysBetween } from '../common/calendar-day';
import { IsoDate } from '../common/entry';
import { DetentionEvent, EndOfLiberty, LASTING_TYPES, LastingEvent, LastingType } from './detention-model';
import { compareText } from './detention-order';

const isLasting = (type: string): type is LastingType => (LASTING_TYPES as readonly string[]).includes(type);

export function lastingEvents(
  events: DetentionEvent[],
  death: EndOfLiberty | null,
  today: IsoDate,
): LastingEvent[] {
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
