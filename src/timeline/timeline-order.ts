import { PeriodPosition } from '../cases/detention-history';
import { END_PRECISION_RANK, placement, placementRank, PRECISION_RANK } from '../cases/detention-order';
import { DatePrecision, IsoDate } from '../common/entry';

// The one order of a case's timeline. The SQL in timeline.service.ts sorts the same way (its sort
// day and ranks come from the functions and tables here); the end-to-end test checks the two agree.
//
// An entry known only to its month or year sits where it cannot contradict the story, as the
// detention history places it (detention-order.ts `placement`): one that opens custody (arrest,
// detention, bail revoked) at the start of its month or year, everything else at the end. So "In
// May 2022, bail was refused" comes after "3 May 2022: arrested", and a release "in 2016" after the
// September 2016 arrest. Undated entries come last.

// The ranks within a day are the fold's (detention-order.ts), re-exported for the SQL.
export { END_PRECISION_RANK, PRECISION_RANK };

export interface TimelineOrderKey {
  /** Null for an undated entry (a charge whose date is unknown, an event "date unknown"): those come last. */
  date: IsoDate | null;
  precision: DatePrecision;
  /** Fixed-width UTC with microseconds ('2026-01-15T09:00:00.123456Z'), so text order is time order. */
  createdAt: string;
  id: string;
  /** An event's type: whether it opens custody decides where an imprecise date sits... */
  type?: string;
  /** ...unless the caseworker placed it at the start or end of its period by hand. */
  periodPosition?: PeriodPosition | null;
  /** Placed by hand before (lower) or after (higher) the other entries of its day; null is 0. */
  dayPosition?: number | null;
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The day an entry stands at in the order, or null when undated. */
export const sortDay = (key: TimelineOrderKey): string | null =>
  key.date === null ? null : placement(key.type ?? '', key.date, key.precision, key.periodPosition);

export const precisionRank = (key: TimelineOrderKey): number =>
  placementRank(key.type ?? '', key.precision, key.periodPosition);

/** By the day it stands at (undated last), then precision rank, then day position, then creation, then id. */
export function compareTimelineEntries(a: TimelineOrderKey, b: TimelineOrderKey): number {
  const dayA = sortDay(a);
  const dayB = sortDay(b);
  if (dayA !== dayB) {
    if (dayA === null) {
      return 1;
    }
    if (dayB === null) {
      return -1;
    }
    return compareText(dayA, dayB);
  }
  return (
    precisionRank(a) - precisionRank(b) ||
    (a.dayPosition ?? 0) - (b.dayPosition ?? 0) ||
    compareText(a.createdAt, b.createdAt) ||
    compareText(a.id, b.id)
  );
}
