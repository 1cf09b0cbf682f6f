import { DateTime } from 'luxon';
import { IsoDate } from './entry';

// Calendar days as 'YYYY-MM-DD' strings, counted as whole days on the proleptic Gregorian calendar.
// Day arithmetic never goes through local time, so no zone or DST can shift a day.

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
/** English month names, as statements and flag messages write them. */
export const ENGLISH_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

const parts = (day: string): [number, number, number] | undefined => {
  const match = ISO_DAY.exec(day);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
};

const utcMidnight = (year: number, month: number, dayOfMonth: number): Date => {
  // Date.UTC reads years 0-99 as 1900-1999; setUTCFullYear does not.
  const date = new Date(Date.UTC(2000, month - 1, dayOfMonth));
  date.setUTCFullYear(year);
  return date;
};

/** True for a day that exists: '2022-02-28' yes, '2022-02-30' and '2022-2-3' no. Years 1000-9999. */
export function isCalendarDay(value: unknown): value is IsoDate {
  if (typeof value !== 'string') {
    return false;
  }
  const day = parts(value);
  if (!day || day[0] < 1000) {
    return false;
  }
  const [year, month, dayOfMonth] = day;
  const date = utcMidnight(year, month, dayOfMonth);
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === dayOfMonth
  );
}

/** Days since 1970-01-01 (negative before it). */
export function dayNumber(day: IsoDate): number {
  const value = parts(day);
  if (!value || !isCalendarDay(day)) {
    throw new RangeError(`Not a calendar day: ${day}`);
  }
  return Math.round(utcMidnight(...value).getTime() / MS_PER_DAY);
}

export function fromDayNumber(days: number): IsoDate {
  return new Date(days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The day `count` days after `day` (before it when negative). */
export const addDays = (day: IsoDate, count: number): IsoDate => fromDayNumber(dayNumber(day) + count);

/** Whole days from `from` to `to`: 0 for the same day, negative when `to` is earlier. */
export const daysBetween = (from: IsoDate, to: IsoDate): number => dayNumber(to) - dayNumber(from);

/** The calendar day it is at `now` on the wall clocks of `zone`. */
export function todayIn(now: Date, zone: string): IsoDate {
  const today = DateTime.fromJSDate(now, { zone }).toISODate();
  if (!today) {
    throw new RangeError(`Cannot read today in zone ${zone}`);
  }
  return today;
}

/** "25 December 2021", the way statements write dates. */
export function formatLongDate(day: IsoDate): string {
  const value = parts(day);
  if (!value) {
    return day;
  }
  return `${value[2]} ${ENGLISH_MONTHS[value[1] - 1]} ${value[0]}`;
}

/** The problem with a day after `today` where only the past can be recorded, or null. */
export function futureDayProblem(day: IsoDate | null | undefined, today: IsoDate): string | null {
  return day && day > today
    ? `must not be in the future: ${formatLongDate(day)} is after today, ${formatLongDate(today)}`
    : null;
}
