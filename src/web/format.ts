import { DateTime } from 'luxon';
import { DatePrecision } from '../common/entry';
import { zoneAbbreviation } from '../hearings/court-time';
import { INTL_LOCALE, Language, LANGUAGES } from '../i18n/languages';
import { CATALOGUES, listOf, MessageKey, TERM_GROUPS, translate } from '../i18n/translate';

// How the pages write values: dates the way statements write them, enum values as words.

/** "22 November 2021", "November 2021" or "2021", depending on how precisely the date is known. */
export function formatDay(
  day: string | null | undefined,
  precision: DatePrecision = 'day',
  language: Language = 'en',
): string {
  if (!day) {
    return '';
  }
  const date = DateTime.fromISO(day.slice(0, 10), { zone: 'utc' });
  if (!date.isValid) {
    return day;
  }
  // Intl writes the date in the reader's language ("22 novembre 2021", "22 نوفمبر 2021").
  const local = date.setLocale(INTL_LOCALE[language]);
  switch (precision) {
    case 'year':
      return local.toLocaleString({ year: 'numeric' });
    case 'month':
      return local.toLocaleString({ year: 'numeric', month: 'long' });
    case 'day':
      return local.toLocaleString({ year: 'numeric', month: 'long', day: 'numeric' });
  }
}

/**
 * A court's wall-clock time as the pages write it, "24 March 2022, 10:30 IST" (or the day alone when
 * the time is not known), in the zone the time belongs to.
 */
export function formatCourtTime(
  local: string | null | undefined,
  zone: string,
  timeKnown = true,
  language: Language = 'en',
): string {
  if (!local) {
    return '';
  }
  const time = DateTime.fromISO(local, { zone });
  if (!time.isValid) {
    return local;
  }
  const day = formatDay(local.slice(0, 10), 'day', language);
  return timeKnown ? `${day}, ${time.toFormat('HH:mm')} ${zoneAbbreviation(zone, time.toJSDate())}` : day;
}

/**
 * A stored value in the reader's words: 'in_custody' → 'In custody', 'Под стражей'. The first
 * catalogue group that knows the value names it (statuses before types before kinds); a value no
 * catalogue knows is spelled out ('un_action' → 'UN action').
 */
export function humanize(value: string | null | undefined, language: Language = 'en'): string {
  if (!value) {
    return '';
  }
  const group = TERM_GROUPS.find((candidate) => `term.${candidate}.${value}` in CATALOGUES.en);
  if (group) {
    return translate(language, `term.${group}.${value}` as MessageKey);
  }
  const words = value.replace(/_/g, ' ').replace(/\bun\b/g, 'UN');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const REGION_NAMES = new Map(
  LANGUAGES.map((language) => [language, new Intl.DisplayNames([INTL_LOCALE[language]], { type: 'region' })]),
);

/** 'IN' → 'India', 'Inde', 'الهند'; an unknown code is shown as typed. */
export function countryName(code: string | null | undefined, language: Language = 'en'): string {
  if (!code) {
    return '';
  }
  try {
    const name = REGION_NAMES.get(language)?.of(code.trim().toUpperCase());
    return name && name !== 'Unknown Region' ? name : code;
  } catch {
    return code;
  }
}

/** "in 4 days", "today", "3 days ago": a count of days as people say it. */
export function daysFromNow(days: number, language: Language = 'en'): string {
  // Intl says "today", "tomorrow", "in 4 days", "3 days ago" in each language.
  return new Intl.RelativeTimeFormat(INTL_LOCALE[language], { numeric: 'auto' }).format(days, 'day');
}

/** A problem from the API names its field by its property ("law must not be blank"); the page names it by its label. */
export function problemForLabel(problem: string, field: string, label: string): string {
  const property = field.split('.').pop() ?? field;
  if (problem.startsWith(`${property} `)) {
    return `${label} ${problem.slice(property.length + 1)}`;
  }
  return /^[a-z]/.test(problem) ? `${label} ${problem}` : problem;
}

/** A file's size as people read it: "850 bytes", "340 KB", "1.2 MB" ("1,2 Mo" in French). */
export function fileSize(bytes: number, language: Language = 'en'): string {
  if (bytes < 1024) {
    return translate(language, 'fileSize.bytes', { count: bytes });
  }
  if (bytes < 1024 * 1024) {
    return translate(language, 'fileSize.kilobytes', { size: Math.round(bytes / 1024) });
  }
  const megabytes = new Intl.NumberFormat(INTL_LOCALE[language], {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(bytes / (1024 * 1024));
  return translate(language, 'fileSize.megabytes', { size: megabytes });
}

const TERM_UNITS = { Y: 'unit.years', M: 'unit.months', W: 'unit.weeks', D: 'unit.days' } as const;

/** A sentence's term as people say it: 'P3Y6M' → "3 years and 6 months"; life and death in words. */
export function termInWords(term: string, language: Language = 'en'): string {
  if (term === 'life' || term === 'death') {
    return translate(language, `sentenceTerm.${term}`);
  }
  return listOf(
    language,
    [...term.matchAll(/(\d+)([YMWD])/g)].map(([, n, unit]) =>
      translate(language, TERM_UNITS[unit as keyof typeof TERM_UNITS], { count: Number(n) }),
    ),
  );
}
