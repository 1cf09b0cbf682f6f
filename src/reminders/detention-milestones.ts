import { DateTime } from 'luxon';
import type { DetentionHistory } from '../cases/detention-history';
import { addDays } from '../common/calendar-day';
import { dayAnchor, isoDay } from './plan-time';
import type { ReminderPolicy } from './reminder-policy';

/*
 * Detention milestones: the days and anniversaries of custody the plan reminds of.
 * - They count the days actually in custody (day 30 is the day the periods add up to 30 days:
 *   arrest + 30 when never released) and stop while the person is free; a re-arrest resumes the
 *   count. After the last of the policy's milestone days, anniversaries follow: the n-th year is
 *   included when n × 365 is beyond the last milestone day, so "365 days" and "one year" are never
 *   both sent. Time spent free moves them later by as many days.
 * - An arrest on 29 February has its anniversary on the last day of February: 28 February in
 *   common years, 29 February in leap years (each year is computed from the arrest, not from the
 *   previous anniversary, so the leap day comes back).
 */

/** A milestone: its label ('D150', 'Y2'), its day and the instant it falls due. */
export interface Milestone {
  label: string;
  day: string;
  at: DateTime;
  days?: number;
  years?: number;
}

/**
 * The milestones still ahead in the current custody period: day N falls where the periods add up
 * to N days (the days of earlier periods, as the history counts them, are already served), the
 * n-th year where they add up to n calendar years. None while free, or when a period is not known
 * to the day.
 */
export function custodyMilestones(
  history: DetentionHistory,
  zone: string,
  policy: Pick<ReminderPolicy, 'milestoneDays' | 'milestonesYearly'>,
  until: Date,
): Milestone[] {
  const current = history.currentPeriod;
  if (!current?.from || current.days === null || history.periods.some((period) => period.days === null)) {
    return [];
  }
  const served = history.periods
    .filter((period) => period !== current)
    .reduce((sum, period) => sum + (period.days ?? 0), 0);
  // The day the count would have started had it never been interrupted.
  const start = addDays(current.from, -served);
  return detentionMilestones(start, zone, policy, until).filter((milestone) => milestone.day > current.from!);
}

/** Milestones of an unbroken custody from `arrestedOn` up to `until`, as days and anniversaries. */
export function detentionMilestones(
  arrestedOn: string,
  zone: string,
  policy: Pick<ReminderPolicy, 'milestoneDays' | 'milestonesYearly'>,
  until: Date,
): Milestone[] {
  const arrest = dayAnchor(arrestedOn, zone);
  const result: Milestone[] = [];
  const days = [...new Set(policy.milestoneDays)].sort((a, b) => a - b);
  for (const n of days) {
    const at = arrest.plus({ days: n });
    if (at.toJSDate() <= until) {
      result.push({ label: `D${n}`, day: isoDay(at), at, days: n });
    }
  }
  if (policy.milestonesYearly) {
    const last = days.length ? days[days.length - 1] : 0;
    for (let year = Math.floor(last / 365) + 1; year <= 200; year++) {
      const at = arrest.plus({ years: year });
      if (at.toJSDate() > until) {
        break;
      }
      result.push({ label: `Y${year}`, day: isoDay(at), at, years: year });
    }
  }
  return result;
}
