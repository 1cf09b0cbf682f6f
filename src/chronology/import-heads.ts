import type { DatePrecision, IsoDate } from '../common/entry';
import { isoDate, monthNumber } from './date-phrases';

// The date that opens a chronology paragraph ("22 November 2021: …", "In October 2020, …",
// "В 2016 г. …"): what the chronology reader goes by. Pure.

export type DateHead =
  | {
      kind: 'date';
      occurredOn: IsoDate;
      precision: DatePrecision;
      rest: string;
      /** Set off by a colon or dash, as a chronology's lines are ("22 November 2021: …"). */
      listed: boolean;
    }
  | { kind: 'impossible'; written: string };

const WORD = String.raw`(\p{L}+\.?)`;
const YEAR = String.raw`(\d{4})`;
const RU_YEAR_MARK = String.raw`(?:\s*г(?:ода|оду|\.)?)?`;
// What may follow a date head: a colon, comma or dash, or just a space; never "and"/"to" ("In 2019 and 2020").
const SEPARATOR = String.raw`(?!\s*(?:and|or|to|и|et|y)\b)\s*(?:[:,–—]|-(?=\s))?\s*`;
const BULLET = String.raw`^(?:[-*•]\s+)?`;

const HEADS: { pattern: RegExp; precision: DatePrecision; order: 'dmy' | 'mdy' | 'my' | 'y' }[] = [
  {
    // 22 November 2021: / On 22 November 2021, / 22 ноября 2021 г.: / 1er mars 2022 : / 22 de noviembre de 2021:
    pattern: new RegExp(
      `${BULLET}(?:(?:On|Le|El)\\s+)?(\\d{1,2})(?:st|nd|rd|th|er)?\\s+(?:de\\s+)?${WORD}\\s+(?:de\\s+)?${YEAR}${RU_YEAR_MARK}${SEPARATOR}`,
      'u',
    ),
    precision: 'day',
    order: 'dmy',
  },
  {
    // November 22, 2021:
    pattern: new RegExp(
      `${BULLET}(?:On\\s+)?${WORD}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+${YEAR}${SEPARATOR}`,
      'u',
    ),
    precision: 'day',
    order: 'mdy',
  },
  {
    // In October 2020, / October 2020: / В октябре 2020 г. / En octubre de 2020,
    pattern: new RegExp(
      `${BULLET}(?:(?:In|During|Во?|En)\\s+)?${WORD}\\s+(?:de\\s+)?${YEAR}${RU_YEAR_MARK}${SEPARATOR}`,
      'u',
    ),
    precision: 'month',
    order: 'my',
  },
  {
    // In 2016, / В 2016 г. / En 2016,
    pattern: new RegExp(`${BULLET}(?:In|During|Во?|En)\\s+${YEAR}${RU_YEAR_MARK}${SEPARATOR}`, 'u'),
    precision: 'year',
    order: 'y',
  },
  {
    // 2016: (a bare year needs a colon or dash)
    pattern: new RegExp(`${BULLET}${YEAR}\\s*[:–—]\\s*`, 'u'),
    precision: 'year',
    order: 'y',
  },
];

const PLAUSIBLE_YEARS = { min: 1900, max: 2100 };

export function readDateHead(text: string): DateHead | undefined {
  for (const head of HEADS) {
    const match = head.pattern.exec(text);
    if (!match) {
      continue;
    }
    const rest = text.slice(match[0].length).trim();
    if (!rest) {
      continue;
    }
    let year: number;
    let month = 1;
    let day = 1;
    switch (head.order) {
      case 'dmy':
        [day, month, year] = [Number(match[1]), monthNumber(match[2]) ?? 0, Number(match[3])];
        break;
      case 'mdy':
        [month, day, year] = [monthNumber(match[1]) ?? 0, Number(match[2]), Number(match[3])];
        break;
      case 'my':
        [month, year] = [monthNumber(match[1]) ?? 0, Number(match[2])];
        break;
      case 'y':
        year = Number(match[1]);
        break;
    }
    if (month === 0) {
      continue; // the word was not a month: not a date head of this form
    }
    const occurredOn = isoDate(year, month, day);
    if (!occurredOn || year < PLAUSIBLE_YEARS.min || year > PLAUSIBLE_YEARS.max) {
      return { kind: 'impossible', written: match[0].replace(/[\s:,–—-]+$/u, '').replace(/^[-*•]\s+/u, '') };
    }
    return {
      kind: 'date',
      occurredOn,
      precision: head.precision,
      rest: capitalize(rest),
      listed: /[:–—-]\s*$/u.test(match[0]),
    };
  }
  return undefined;
}

export const capitalize = (text: string): string => text.charAt(0).toLocaleUpperCase() + text.slice(1);
