import { DateTime } from 'luxon';
import { DatePrecision } from '../common/entry';
import { zoneAbbreviation } from '../hearings/court-time';

// How the pages write values: dates the way statements write them, enum values as words.

/** "22 November 2021", "November 2021" or "2021", depending on how precisely the date is known. */
export function formatDay(day: string | null | undefined, precision: DatePrecision = 'day'): string {
  if (!day) {
    return '';
  }
  const date = DateTime.fromISO(day.slice(0, 10), { zone: 'utc' });
  if (!date.isValid) {
    return day;
  }
  switch (precision) {
    case 'year':
      return date.toFormat('yyyy');
    case 'month':
      return date.setLocale('en-GB').toFormat('LLLL yyyy');
    case 'day':
      return date.setLocale('en-GB').toFormat('d LLLL yyyy');
  }
}

/**
 * A court's wall-clock time as the pages write it, "24 March 2022, 10:30 IST" (or the day alone when
 * the time is not known), in the zone the time belongs to.
 */
export function formatCourtTime(local: string | null | undefined, zone: string, timeKnown = true): string {
  if (!local) {
    return '';
  }
  const time = DateTime.fromISO(local, { zone });
  if (!time.isValid) {
    return local;
  }
  const day = formatDay(local.slice(0, 10));
  return timeKnown ? `${day}, ${time.toFormat('HH:mm')} ${zoneAbbreviation(zone, time.toJSDate())}` : day;
}

/** 'in_custody' → 'In custody'; 'un_action' → 'UN action'. */
export function humanize(value: string | null | undefined): string {
  if (!value) {
    return '';
  }
  const words = value.replace(/_/g, ' ').replace(/\bun\b/g, 'UN');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** 'IN' → 'India'; an unknown code is shown as typed. */
export function countryName(code: string | null | undefined): string {
  if (!code) {
    return '';
  }
  try {
    const name = regionNames.of(code.trim().toUpperCase());
    return name && name !== 'Unknown Region' ? name : code;
  } catch {
    return code;
  }
}

/** "in 4 days", "today", "3 days ago": a count of days as people say it. */
export function daysFromNow(days: number): string {
  if (days === 0) {
    return 'today';
  }
  if (days === 1) {
    return 'tomorrow';
  }
  if (days === -1) {
    return 'yesterday';
  }
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** A problem from the API names its field by its property ("law must not be blank"); the page names it by its label. */
export function problemForLabel(problem: string, field: string, label: string): string {
  const property = field.split('.').pop() ?? field;
  if (problem.startsWith(`${property} `)) {
    return `${label} ${problem.slice(property.length + 1)}`;
  }
  return /^[a-z]/.test(problem) ? `${label} ${problem}` : problem;
}

/** A file's size as people read it: "850 bytes", "340 KB", "1.2 MB". */
export function fileSize(bytes: number): string {
  if (bytes < 1024) {
    return `${bytes} bytes`;
  }
  if (bytes < 1024 * 1024) {
    return `${Math.round(bytes / 1024)} KB`;
  }
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
