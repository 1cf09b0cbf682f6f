import { DateTime } from 'luxon';
import { isoDay } from './plan-time';

// When a user's weekly digest goes out, how far ahead it looks, and the key of its reminder row.

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
