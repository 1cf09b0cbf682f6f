import { addDays } from '../common/calendar-day';
import type { DatePrecision, IsoDate } from '../common/entry';
import { isoDate, monthNumber, splitIsoDate } from './date-phrases';

// Where a sentence of a statement says when something happened, in English, French, Spanish and
// Russian: full dates, dates without a year, months and years alone, ranges ("from 1 to 22 May"),
// "since 3 May", relative dates ("a day after", "two weeks later") and lengths ("a 30-day hunger
// strike"). Pure: the years and anchors are settled later, by resolveYear and shiftDate.
//
// chrono-node was considered; its relative parsers count from a reference instant rather than
// from the fact the text refers to, and it does not say when it guessed a year, which is what the
// caseworker must be warned about. Our month tables (date-phrases.ts) already read every form.

/** A date as written: the year is missing when the text leaves it out ("On 20 May"). */
export interface WrittenDate {
  year?: number;
  month?: number;
  day?: number;
  precision: DatePrecision;
}

export type DateMention =
  | { kind: 'point'; start: number; end: number; date: WrittenDate; role: DateRole }
  | { kind: 'range'; start: number; end: number; from: WrittenDate; to: WrittenDate }
  | { kind: 'since'; start: number; end: number; from: WrittenDate }
  | {
      kind: 'relative';
      start: number;
      end: number;
      days: number;
      /** "a day after he was barred …": the fact after the phrase is the anchor of the one before. */
      joins: boolean;
      text: string;
    };

/** 'end' for "until 21 January", 'next' for "adjourned to 3 June": details of a fact, not its date. */
export type DateRole = 'own' | 'end' | 'next';

/** How long a lasting fact lasted ("a 30-day hunger strike"), in days. */
export interface LengthMention {
  start: number;
  end: number;
  days: number;
}

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  quinze: 15,
  vingt: 20,
  trente: 30,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  quince: 15,
  veinte: 20,
  treinta: 30,
  один: 1,
  одну: 1,
  два: 2,
  две: 2,
  три: 3,
  четыре: 4,
  пять: 5,
  шесть: 6,
  семь: 7,
  восемь: 8,
  девять: 9,
  десять: 10,
};

/** "10", "ten", "dos", "две": a count written in digits or words; undefined otherwise. */
export function countOf(word: string): number | undefined {
  return /^\d{1,4}$/.test(word) ? Number(word) : NUMBER_WORDS[word.toLowerCase()];
}

const UNIT_DAYS: [RegExp, number][] = [
  [/^(?:days?|jours?|d[ií]as?|д(?:ень|ня|ней|нями)|сут\p{L}*)$/iu, 1],
  [/^(?:weeks?|semaines?|semanas?|недел\p{L}*)$/iu, 7],
  [/^(?:months?|mois|mes(?:es)?|месяц\p{L}*)$/iu, 30],
];

function unitDays(word: string): number | undefined {
  return UNIT_DAYS.find(([pattern]) => pattern.test(word))?.[1];
}

// \b is ASCII-only in JavaScript, so words are bounded by letters explicitly.
const B = String.raw`(?<![\p{L}\d])`;
const E = String.raw`(?![\p{L}\d])`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th|er|º)?`;
const MONTH = String.raw`(\p{L}+)\.?`;
const YEAR = String.raw`(\d{4})(?:\s*(?:г\.|года|году|г(?![\p{L}])))?`;
const DE = String.raw`(?:\s+de)?`;
const NUM = String.raw`(\d{1,4}|\p{L}+)`;
const UNIT = String.raw`(\p{L}+)`;

interface Scanner {
  pattern: RegExp;
  read: (match: RegExpExecArray) => DateMention | undefined;
}

const month = (word: string | undefined): number | undefined => (word ? monthNumber(word) : undefined);

/** A day [month] [year], whichever parts were written. */
function written(day?: string, monthWord?: string, year?: string): WrittenDate | undefined {
  // "may" in lower case is the verb ("10 may be held"); the month is written May.
  const m = monthWord === 'may' ? undefined : month(monthWord);
  if (monthWord && !m) {
    return undefined;
  }
  return {
    ...(year ? { year: Number(year) } : {}),
    ...(m ? { month: m } : {}),
    ...(day ? { day: Number(day) } : {}),
    precision: day ? 'day' : m ? 'month' : 'year',
  };
}

const FULL_DMY = String.raw`${DAY}${DE}\s+${MONTH}(?:${DE}\s+${YEAR})?`;

const span = (match: RegExpExecArray) => ({ start: match.index, end: match.index + match[0].length });

const SCANNERS: Scanner[] = [
  {
    // from 1 to 22 May 2022 · between 1 and 22 May · du 1er au 22 mai · del 1 al 22 de mayo · с 1 по 22 мая
    pattern: new RegExp(
      String.raw`${B}(?:from|between|du|del|desde\s+el|с)\s+${DAY}(?:${DE}\s+${MONTH})?(?:${DE}\s+${YEAR})?\s+(?:to|and|until|au|al|hasta\s+el|по|до)\s+${FULL_DMY}`,
      'giu',
    ),
    read: (match) => {
      const to = written(match[4], match[5], match[6]);
      const from = written(match[1], match[2] ?? match[5], match[3] ?? match[6]);
      return to && from ? { kind: 'range', ...span(match), from, to } : undefined;
    },
  },
  {
    // since 3 May 2022 · depuis le 3 mai · desde el 3 de mayo · с 3 мая
    pattern: new RegExp(String.raw`${B}(?:since|depuis\s+le|desde\s+el|с)\s+${FULL_DMY}${E}`, 'giu'),
    read: (match) => {
      const from = written(match[1], match[2], match[3]);
      return from ? { kind: 'since', ...span(match), from } : undefined;
    },
  },
  {
    // since May 2022 · depuis mai 2022 · desde mayo de 2022 · с мая 2022 г.
    pattern: new RegExp(String.raw`${B}(?:since|depuis|desde|с)\s+${MONTH}${DE}\s+${YEAR}`, 'giu'),
    read: (match) => {
      const from = written(undefined, match[1], match[2]);
      return from ? { kind: 'since', ...span(match), from } : undefined;
    },
  },
  {
    // 3 May 2022 · 20 May · 1er mars 2022 · 3 de mayo de 2022 · 3 мая 2022 г.
    pattern: new RegExp(String.raw`${B}${FULL_DMY}${E}`, 'giu'),
    read: (match) => {
      const date = written(match[1], match[2], match[3]);
      return date ? { kind: 'point', ...span(match), date, role: 'own' } : undefined;
    },
  },
  {
    // May 3, 2022 · May 3
    pattern: new RegExp(
      String.raw`${B}(\p{Lu}\p{L}+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?${E}`,
      'gu',
    ),
    read: (match) => {
      const date = written(match[2], match[1], match[3]);
      return date ? { kind: 'point', ...span(match), date, role: 'own' } : undefined;
    },
  },
  {
    // (in) October 2020 · en octobre 2020 · en octubre de 2020 · в октябре 2020 г.
    pattern: new RegExp(String.raw`${B}${MONTH}${DE}\s+${YEAR}`, 'giu'),
    read: (match) => {
      const date = written(undefined, match[1], match[2]);
      return date ? { kind: 'point', ...span(match), date, role: 'own' } : undefined;
    },
  },
  {
    // in 2016 · en 2016 · в 2016 году (a bare number needs the preposition: "Act 1967" is no date)
    pattern: new RegExp(
      String.raw`${B}(?:in|during|en|в|durante)\s+(\d{4})(?:\s*(?:г\.|года|году))?${E}`,
      'giu',
    ),
    read: (match) => ({
      kind: 'point',
      ...span(match),
      date: written(undefined, undefined, match[1])!,
      role: 'own',
    }),
  },
  {
    // two weeks later · 10 days earlier · a day after · 10 jours plus tard · dos semanas después · через две недели
    pattern: new RegExp(
      String.raw`${B}(?:${NUM}\s+${UNIT}\s+(later|earlier|after|before|afterwards|plus\s+tard|plus\s+tôt|auparavant|après|avant|más\s+tarde|antes|después|спустя|позже|раньше|ранее)|(через|спустя)\s+(?:${NUM}\s+)?${UNIT})${E}`,
      'giu',
    ),
    read: (match) => {
      const count = match[4] && !match[5] ? 1 : countOf(match[1] ?? match[5]);
      const unit = unitDays(match[2] ?? match[6]);
      if (count === undefined || unit === undefined) {
        return undefined;
      }
      const word = (match[3] ?? match[4]).toLowerCase();
      const backwards = /^(?:earlier|before|plus\s+tôt|auparavant|avant|antes|раньше|ранее)$/u.test(word);
      return relative(match, (backwards ? -1 : 1) * count * unit);
    },
  },
  {
    // the next day · the following day · the day before · le lendemain · la veille · al día siguiente · накануне
    pattern: new RegExp(
      String.raw`${B}(?:the\s+(?:next|following)\s+day|the\s+day\s+(?:after|before)|the\s+previous\s+day|le\s+lendemain|la\s+veille|le\s+jour\s+suivant|al\s+día\s+siguiente|el\s+día\s+(?:siguiente|anterior)|на\s+следующий\s+день|накануне)${E}`,
      'giu',
    ),
    read: (match) => relative(match, /before|previous|veille|anterior|накануне/iu.test(match[0]) ? -1 : 1),
  },
];

function relative(match: RegExpExecArray, days: number): DateMention {
  const rest = match.input.slice(match.index + match[0].length);
  // "after/before" followed by what happened: "a day after he was barred from travelling".
  const joins =
    (/(?:after|before)$/iu.test(match[0]) && /^\s+\p{L}/u.test(rest)) ||
    (/(?:après|avant)$/iu.test(match[0]) && /^\s+(?:que|qu['’]|d['’]|de|l['’])/iu.test(rest)) ||
    (/(?:después|antes)$/iu.test(match[0]) && /^\s+de\s/iu.test(rest));
  return { kind: 'relative', ...span(match), days, joins, text: match[0] };
}

// The words before a date that make it a detail of a fact rather than its date.
const ROLE_BEFORE: [RegExp, DateRole][] = [
  [
    /(?:next\s+hearing|(?:adjourned|postponed|listed|posted|scheduled|fixed|set)\s+(?:the\s+\p{L}+\s+)?(?:to|till|until|for|on)|renvoy\p{L}*\s+(?:l['’]\p{L}+\s+)?(?:au|à)|prochaine\s+audience\s+(?:est\s+)?(?:fixée\s+)?au|aplaz\p{L}*\s+(?:el\s+\p{L}+\s+)?(?:hasta\s+)?(?:el|al)|próxima\s+audiencia\s+(?:\p{L}+\s+){0,2}(?:el|para\s+el)|отлож\p{L}*\s+(?:\p{L}+\s+){0,2}на|следующее\s+заседание\s+(?:\p{L}+\s+){0,2}(?:на)?)\s+$/iu,
    'next',
  ],
  [/(?:until|till|through|up\s+to|jusqu['’]au|hasta\s+el|до)\s+$/iu, 'end'],
];

/** Every date the sentence writes, in order, overlapping readings dropped (the first scanner wins). */
export function findDates(sentence: string): DateMention[] {
  const found: DateMention[] = [];
  for (const scanner of SCANNERS) {
    scanner.pattern.lastIndex = 0;
    for (let match = scanner.pattern.exec(sentence); match; match = scanner.pattern.exec(sentence)) {
      const mention = scanner.read(match);
      if (mention && !found.some((other) => other.start < mention.end && mention.start < other.end)) {
        if (mention.kind === 'point') {
          const before = sentence.slice(Math.max(0, mention.start - 40), mention.start);
          mention.role = ROLE_BEFORE.find(([pattern]) => pattern.test(before))?.[1] ?? 'own';
        }
        found.push(mention);
      }
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** "a 30-day hunger strike", "grève de la faim de 30 jours", "30-дневную голодовку". */
export function findLength(sentence: string): LengthMention | undefined {
  const pattern = new RegExp(
    String.raw`${B}(?:(\d{1,4})[-\s](?:day|jours?|días?)|(\d{1,4})-?дневн\p{L}*|(?:de|for)\s+(\d{1,4})\s+(?:days|jours|días))${E}`,
    'iu',
  );
  const match = pattern.exec(sentence);
  return match
    ? {
        start: match.index,
        end: match.index + match[0].length,
        days: Number(match[1] ?? match[2] ?? match[3]),
      }
    : undefined;
}

export type ResolvedDate =
  { on: IsoDate; precision: DatePrecision; yearFrom?: IsoDate } | { impossible: string };

/**
 * The day a written date stands for; a missing year is the year of `earlier`, the nearest
 * earlier full date of the text (reported back in `yearFrom` so the caseworker is warned).
 */
export function resolveYear(
  date: WrittenDate,
  earlier: IsoDate | undefined,
  text: string,
): ResolvedDate | undefined {
  const year = date.year ?? (earlier ? splitIsoDate(earlier).year : undefined);
  if (year === undefined) {
    return undefined;
  }
  const on = isoDate(year, date.month ?? 1, date.day ?? 1);
  if (!on || year < 1900 || year > 2100) {
    return { impossible: text };
  }
  return date.year === undefined && earlier
    ? { on, precision: date.precision, yearFrom: earlier }
    : { on, precision: date.precision };
}

/** A date moved by a number of days; a month or year moved by less than its length stays put. */
export function shiftDate(on: IsoDate, precision: DatePrecision, days: number): IsoDate {
  switch (precision) {
    case 'day':
      return addDays(on, days);
    case 'month': {
      const moved = addDays(on, days);
      return Math.abs(days) < 28 ? on : `${moved.slice(0, 7)}-01`;
    }
    case 'year':
      return Math.abs(days) < 365 ? on : `${addDays(on, days).slice(0, 4)}-01-01`;
  }
}
