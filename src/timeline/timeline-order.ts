import { DatePrecision, IsoDate } from '../common/entry';

// The one order of a case's timeline. The SQL in timeline.service.ts sorts the same way (its
// precision ranks come from PRECISION_RANK); the end-to-end test checks the two agree.

/** Within one date, "In 2021" comes before "In November 2021", which comes before "1 November 2021". */
export const PRECISION_RANK = { year: 0, month: 1, day: 2 } as const satisfies Record<DatePrecision, number>;

export interface TimelineOrderKey {
  /** Null for an undated entry (a charge whose date is unknown): those come last. */
  date: IsoDate | null;
  precision: DatePrecision;
  /** Fixed-width UTC with microseconds ('2026-01-15T09:00:00.123456Z'), so text order is time order. */
  createdAt: string;
  id: string;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** By date (undated last), then precision (year < month < day), then creation, then id. */
export function compareTimelineEntries(a: TimelineOrderKey, b: TimelineOrderKey): number {
  if (a.date !== b.date) {
    if (a.date === null) {
      return 1;
    }
    if (b.date === null) {
      return -1;
    }
    return compareText(a.date, b.date);
  }
  return (
    PRECISION_RANK[a.precision] - PRECISION_RANK[b.precision] ||
    compareText(a.createdAt, b.createdAt) ||
    compareText(a.id, b.id)
  );
}
