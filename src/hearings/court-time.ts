import { DateTime } from 'luxon';

/**
 * Court dates are what the court said: a wall-clock time in the court's IANA zone. These pure
 * functions turn that into the instant we store and schedule on, and back.
 */

export interface CourtTime {
  /** Wall-clock time in the zone, 'YYYY-MM-DDTHH:mm:ss'. */
  local: string;
  /** The UTC instant it denotes. */
  instant: Date;
}

export type CourtTimeProblem = 'unreadable' | 'not-in-zone';

const LOCAL_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const DATE_ONLY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const OFFSET_PATTERN = /(Z|[+-]\d{2}:?\d{2})$/i;

export interface ParsedCourtTime extends CourtTime {
  /** False when only a day was given ('2022-07-06'); the time is then midnight, local. */
  timeKnown: boolean;
}

/**
 * Reads what a caseworker typed: a local date-time ('2022-07-06T10:30', read in `zone`), a date
 * alone, or an instant with an offset ('2022-07-06T05:00:00Z', converted into `zone`).
 * A local time that the zone skips (the hour lost when clocks go forward) is refused rather than
 * silently moved, because a hearing at a time that does not exist is a typing mistake.
 */
export function parseCourtTime(input: string, zone: string): ParsedCourtTime | CourtTimeProblem {
  const text = input.trim();
  if (OFFSET_PATTERN.test(text) && text.includes('T')) {
    const instant = DateTime.fromISO(text, { setZone: true });
    if (!instant.isValid) {
      return 'unreadable';
    }
    const local = instant.setZone(zone);
    return { local: formatLocal(local), instant: local.toJSDate(), timeKnown: true };
  }
  const dateOnly = DATE_ONLY_PATTERN.test(text);
  if (!dateOnly && !LOCAL_PATTERN.test(text)) {
    return 'unreadable';
  }
  const local = DateTime.fromISO(dateOnly ? `${text}T00:00:00` : text, { zone });
  if (!local.isValid) {
    return 'unreadable';
  }
  // Luxon moves a non-existent local time forward; if the wall clock changed, the zone skipped it.
  const typed = DateTime.fromISO(dateOnly ? `${text}T00:00:00` : text, { zone: 'utc' });
  if (local.toFormat("yyyy-MM-dd'T'HH:mm") !== typed.toFormat("yyyy-MM-dd'T'HH:mm")) {
    return 'not-in-zone';
  }
  return { local: formatLocal(local), instant: local.toJSDate(), timeKnown: !dateOnly };
}

/** The instant a stored wall-clock time denotes in `zone` (re-derived when the zone or its rules change). */
export function localToInstant(local: string, zone: string): Date {
  return DateTime.fromISO(local, { zone }).toJSDate();
}

/** The wall-clock time of an instant in `zone`, in the stored form. */
export function instantToLocal(instant: Date, zone: string): string {
  return formatLocal(DateTime.fromJSDate(instant, { zone }));
}

/** "6 Jul 2022 10:30 IST": short, with the zone's abbreviation, for subjects and lists. */
export function describeCourtTime(local: string, zone: string, timeKnown = true, locale = 'en-GB'): string {
  const time = DateTime.fromISO(local, { zone }).setLocale(locale);
  return timeKnown
    ? `${time.toFormat('d LLL yyyy HH:mm')} ${zoneAbbreviation(zone, time.toJSDate())}`
    : time.toFormat('d LLL yyyy');
}

// ICU names a zone's abbreviation only in locales where it is in common use ("IST" in en-IN,
// "EST" in en-US, "BST" in en-GB); ask those before falling back to "GMT+5:30".
const ABBREVIATION_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU', 'en-NZ', 'en-ZA'];

// Building an Intl formatter costs far more than using one, and emails and pages ask for the same
// few zones again and again.
const abbreviationFormatters = new Map<string, Intl.DateTimeFormat>();
const abbreviationFormatter = (locale: string, zone: string): Intl.DateTimeFormat => {
  const key = `${locale}|${zone}`;
  let formatter = abbreviationFormatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' });
    abbreviationFormatters.set(key, formatter);
  }
  return formatter;
};

export function zoneAbbreviation(zone: string, at: Date): string {
  let fallback = '';
  for (const locale of ABBREVIATION_LOCALES) {
    const name = abbreviationFormatter(locale, zone)
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
    if (name && !/^(GMT|UTC)[+-]/.test(name)) {
      return name;
    }
    fallback ||= name ?? zone;
  }
  return fallback;
}

const formatLocal = (time: DateTime): string => time.toFormat("yyyy-MM-dd'T'HH:mm:ss");
