import type { DatePrecision, IsoDate } from '../common/entry';
import { isoDate, monthNumber } from '../chronology/date-phrases';
import type { Language } from '../i18n/languages';
import { formatDay } from './format';

// A day as a caseworker types it on a form, in any of Vigil's languages: "20 November 2024",
// "20/11/2024", "20.11.2024", "Nov 20, 2024", "20 ноября 2024 г.", "20 de noviembre de 2024",
// "٢٠ نوفمبر ٢٠٢٤", "20 تشرين الثاني 2024", or ISO "2024-11-20". Numbers are read day first in every
// language (the form's hint says so), because that is how the countries Vigil works on write them;
// month names are the tables the chronology import reads (src/chronology/date-phrases.ts).

/**
 * unreadable: no day could be made of it. impossible: a day, month and year that are no calendar
 * day ("31 February 2024", "20/13/2024"): refused, never rolled over into the next month.
 */
export type PlainDateProblem = 'unreadable' | 'impossible';
export type PlainDateReading = { date: IsoDate } | { problem: PlainDateProblem };

// Arabic-Indic (U+0660) and Persian (U+06F0) digits are read as 0–9.
const toLatinDigits = (text: string): string =>
  text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code - (code >= 0x06f0 ? 0x06f0 : 0x0660));
  });

// Words that surround a date without changing it: Spanish "de", English "the … of", Russian "г."/"года".
const FILLER_WORDS = new Set(['de', 'del', 'of', 'the', 'г', 'года', 'год']);

function dayNumber(token: string): number | undefined {
  // "20", "20th", "1st", French "1er".
  const match = /^(\d{1,2})(?:st|nd|rd|th|er|e)?$/.exec(token);
  return match ? Number(match[1]) : undefined;
}

function yearNumber(token: string): number | undefined {
  // "2024", or Arabic "2024م" (the م marks the Gregorian year).
  const match = /^(\d{4})م?$/.exec(token);
  return match ? Number(match[1]) : undefined;
}

function reading(year: number, month: number | undefined, day: number | undefined): PlainDateReading {
  if (month === undefined || day === undefined) {
    return { problem: 'unreadable' };
  }
  const date = isoDate(year, month, day);
  return date ? { date } : { problem: 'impossible' };
}

const normalised = (typed: string): string =>
  toLatinDigits(typed.normalize('NFC'))
    // Direction marks that Arabic keyboards and copied text carry.
    .replace(/[\u200e\u200f\u061c\u202a-\u202e]/g, '')
    .trim()
    .toLowerCase();

/** The words of a date, without separators and filler words. */
const wordsOf = (text: string): string[] =>
  text
    .replace(/[,،/-]/g, ' ')
    .replace(/\.(?=\s|$)/g, ' ')
    .split(/\s+/)
    .filter((word) => word !== '' && !FILLER_WORDS.has(word));

/** The day a caseworker typed, as ISO YYYY-MM-DD, or why it cannot be one. Blank is unreadable. */
export function readPlainDate(typed: string): PlainDateReading {
  const text = normalised(typed);

  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (iso) {
    return reading(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  }
  const numeric = /^(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text);
  if (numeric) {
    return reading(Number(numeric[3]), Number(numeric[2]), Number(numeric[1]));
  }

  const words = wordsOf(text);
  if (words.length < 3) {
    return { problem: 'unreadable' };
  }
  const year = yearNumber(words[words.length - 1]);
  if (year === undefined) {
    return { problem: 'unreadable' };
  }
  const rest = words.slice(0, -1);
  // "20 November", "20 تشرين الثاني" (a two-word month) …
  const dayFirst = dayNumber(rest[0]);
  if (dayFirst !== undefined) {
    return reading(year, monthNumber(rest.slice(1).join(' ')), dayFirst);
  }
  // … or "November 20", "Nov. 20th".
  const dayLast = dayNumber(rest[rest.length - 1]);
  return reading(year, monthNumber(rest.slice(0, -1).join(' ')), dayLast);
}

export type DateAsKnownReading = { date: IsoDate; precision: DatePrecision } | { problem: PlainDateProblem };

/**
 * A date known to the day, the month or the year, as a caseworker types it: a day as readPlainDate
 * reads it, a month ("May 2022", "mai 2022", "mayo de 2022", "май 2022 г.", "أيار ٢٠٢٢", "05/2022",
 * "2022-05") or a year ("2022", "2022 г."). The date is the first day of its month or year, as
 * events store it.
 */
export function readPlainDateAsKnown(typed: string): DateAsKnownReading {
  const day = readPlainDate(typed);
  if ('date' in day || day.problem === 'impossible') {
    return 'date' in day ? { date: day.date, precision: 'day' } : day;
  }
  const text = normalised(typed);
  const numeric = /^(\d{4})-(\d{1,2})$/.exec(text) ?? /^(\d{1,2})\s*[/.-]\s*(\d{4})$/.exec(text);
  if (numeric) {
    const [year, month] = numeric[1].length === 4 ? [numeric[1], numeric[2]] : [numeric[2], numeric[1]];
    return firstDayOf(Number(year), Number(month), 'month');
  }
  const words = wordsOf(text);
  const year = words.length > 0 ? yearNumber(words[words.length - 1]) : undefined;
  if (year === undefined) {
    return { problem: 'unreadable' };
  }
  if (words.length === 1) {
    return firstDayOf(year, 1, 'year');
  }
  const month = monthNumber(words.slice(0, -1).join(' '));
  return month === undefined ? { problem: 'unreadable' } : firstDayOf(year, month, 'month');
}

function firstDayOf(year: number, month: number, precision: DatePrecision): DateAsKnownReading {
  const date = isoDate(year, month, 1);
  return date ? { date, precision } : { problem: 'impossible' };
}

/**
 * A stored date as an edit form shows it: in the reader's words ("3 mai 2022", "mai 2022" for a
 * month), which readPlainDate, or readPlainDateAsKnown for a precision, reads back to the same date,
 * so saving an untouched form changes nothing. Blank when there is none.
 */
export const dayForForm = (
  day: string | null | undefined,
  language: Language,
  precision: DatePrecision = 'day',
): string => formatDay(day, precision, language);
