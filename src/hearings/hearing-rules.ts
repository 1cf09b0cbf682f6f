import { DateTime } from 'luxon';
import { IsoDate } from '../common/entry';
import { CourtTimeProblem, parseCourtTime } from './court-time';

// Rules about hearings that depend only on plain data: what day a hearing is on, what "today" is
// in the court's zone, when an outcome may be logged, and how list filters read their bounds.

/** The local day of a stored wall-clock time ('2022-07-06T10:30:00' → '2022-07-06'). */
export const localDateOf = (scheduledLocal: string): IsoDate => scheduledLocal.slice(0, 10);

export type OutcomeRefusal = 'cancelled' | 'in-future';

/**
 * An outcome can be logged for a hearing that took place: not a cancelled one, and not one whose
 * day has not yet come in the court's zone (a hearing later today may already be over).
 */
export function outcomeRefusal(
  hearing: { status: string; scheduledLocal: string },
  today: IsoDate,
): OutcomeRefusal | null {
  if (hearing.status === 'cancelled') {
    return 'cancelled';
  }
  return localDateOf(hearing.scheduledLocal) > today ? 'in-future' : null;
}

/** The per-field problem a caseworker reads when a court time cannot be taken. */
export function courtTimeProblemText(problem: CourtTimeProblem, zone: string): string {
  switch (problem) {
    case 'unreadable':
      return 'must be a local date-time such as 2022-07-06T10:30, a date such as 2022-07-06, or an instant with an offset such as 2022-07-06T05:00:00Z';
    case 'not-in-zone':
      return `is a local time that does not exist in ${zone} (the clocks skip it on that day)`;
  }
}

export interface InstantRange {
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

export type RangeResult = { range: InstantRange } | { field: 'from' | 'to'; problem: CourtTimeProblem };

/**
 * Reads list bounds the way hearing times are typed, in the case's zone. A date alone as `to`
 * includes that whole local day; a date-time or an instant is taken as given.
 */
export function readHearingRange(
  from: string | undefined,
  to: string | undefined,
  zone: string,
): RangeResult {
  const range: InstantRange = {};
  if (from !== undefined) {
    const parsed = parseCourtTime(from, zone);
    if (typeof parsed === 'string') {
      return { field: 'from', problem: parsed };
    }
    range.from = parsed.instant;
  }
  if (to !== undefined) {
    const parsed = parseCourtTime(to, zone);
    if (typeof parsed === 'string') {
      return { field: 'to', problem: parsed };
    }
    range.to = parsed.timeKnown
      ? new Date(parsed.instant.getTime() + 1)
      : DateTime.fromISO(localDateOf(parsed.local), { zone }).plus({ days: 1 }).startOf('day').toJSDate();
  }
  return { range };
}
