import { ENGLISH_MONTHS } from '../common/calendar-day';
import type { DatePrecision, IsoDate } from '../common/entry';
import { Language, LANGUAGES } from '../i18n/languages';

// Dates written the way advocacy statements write them: "22 November 2021: …", "In October 2020: …",
// "In 2016: …", in each language we export. Month names are tables rather than Intl so that the
// forms a sentence needs (Russian "в октябре", Spanish "de noviembre") are exact and so the import
// parser can read the same words back.

// Exports speak every language Vigil does (src/i18n/languages.ts).
export const CHRONOLOGY_LANGUAGES = LANGUAGES;
export type ChronologyLanguage = Language;

interface MonthNames {
  /** "November 2021", "ноябрь 2021 г." */
  standalone: readonly string[];
  /** "22 November 2021", "22 ноября 2021 г." */
  ofDay: readonly string[];
  /** "In November 2021", "В ноябре 2021 г." */
  inMonth: readonly string[];
}

const EN = ENGLISH_MONTHS;
const FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
];
const ES = [
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
];
// The month names of Egypt, the Gulf and North Africa (and of Intl's "ar"); Arabic does not inflect them.
const AR = [
  'يناير',
  'فبراير',
  'مارس',
  'أبريل',
  'مايو',
  'يونيو',
  'يوليو',
  'أغسطس',
  'سبتمبر',
  'أكتوبر',
  'نوفمبر',
  'ديسمبر',
];
// The Levantine and Iraqi names ("تشرين الثاني" for November), which statements from Syria, Lebanon,
// Jordan and Iraq use; read back, never written.
const AR_LEVANTINE = [
  'كانون الثاني',
  'شباط',
  'آذار',
  'نيسان',
  'أيار',
  'حزيران',
  'تموز',
  'آب',
  'أيلول',
  'تشرين الأول',
  'تشرين الثاني',
  'كانون الأول',
];
const RU_NOMINATIVE = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];
const RU_GENITIVE = [
  'января',
  'февраля',
  'марта',
  'апреля',
  'мая',
  'июня',
  'июля',
  'августа',
  'сентября',
  'октября',
  'ноября',
  'декабря',
];
const RU_PREPOSITIONAL = [
  'январе',
  'феврале',
  'марте',
  'апреле',
  'мае',
  'июне',
  'июле',
  'августе',
  'сентябре',
  'октябре',
  'ноябре',
  'декабре',
];

export const MONTH_NAMES: Record<ChronologyLanguage, MonthNames> = {
  en: { standalone: EN, ofDay: EN, inMonth: EN },
  ru: { standalone: RU_NOMINATIVE, ofDay: RU_GENITIVE, inMonth: RU_PREPOSITIONAL },
  fr: { standalone: FR, ofDay: FR, inMonth: FR },
  es: { standalone: ES, ofDay: ES, inMonth: ES },
  ar: { standalone: AR, ofDay: AR, inMonth: AR },
};

// English abbreviations and the spellings statements also use ("Sept", "setiembre", "fevrier").
const EXTRA_MONTH_WORDS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  fevrier: 2,
  aout: 8,
  decembre: 12,
  setiembre: 9,
  // Arabic as often typed, without the hamza.
  ابريل: 4,
  اغسطس: 8,
  اكتوبر: 10,
  اذار: 3,
  ايار: 5,
};

const MONTH_LOOKUP: ReadonlyMap<string, number> = (() => {
  const lookup = new Map<string, number>(Object.entries(EXTRA_MONTH_WORDS));
  AR_LEVANTINE.forEach((name, index) => lookup.set(name, index + 1));
  for (const names of Object.values(MONTH_NAMES)) {
    for (const list of [names.standalone, names.ofDay, names.inMonth]) {
      list.forEach((name, index) => lookup.set(name.toLowerCase(), index + 1));
    }
  }
  return lookup;
})();

/**
 * The month (1–12) a word names in any of our languages, in any grammatical case; undefined otherwise.
 * Two Levantine Arabic names are two words ("تشرين الثاني").
 */
export function monthNumber(word: string): number | undefined {
  return MONTH_LOOKUP.get(word.toLowerCase().replace(/\.$/, ''));
}

interface DateParts {
  year: number;
  month: number;
  day: number;
}

export function splitIsoDate(date: IsoDate): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) {
    throw new Error(`Not an ISO date: ${date}`);
  }
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/** The day as a statement writes it: "22 November 2021", "22 ноября 2021 г.", "1er novembre 2021". */
export function formatStatementDay(date: IsoDate, lang: ChronologyLanguage): string {
  const { year, month, day } = splitIsoDate(date);
  const name = MONTH_NAMES[lang].ofDay[month - 1];
  switch (lang) {
    case 'en':
    case 'ar':
      return `${day} ${name} ${year}`;
    case 'ru':
      return `${day} ${name} ${year} г.`;
    case 'fr':
      return `${day === 1 ? '1er' : day} ${name} ${year}`;
    case 'es':
      return `${day} de ${name} de ${year}`;
  }
}

/** A month on its own: "October 2020", "октябрь 2020 г.", "octobre 2020", "octubre de 2020". */
export function formatMonth(date: IsoDate, lang: ChronologyLanguage): string {
  const { year, month } = splitIsoDate(date);
  const name = MONTH_NAMES[lang].standalone[month - 1];
  switch (lang) {
    case 'en':
    case 'fr':
    case 'ar':
      return `${name} ${year}`;
    case 'ru':
      return `${name} ${year} г.`;
    case 'es':
      return `${name} de ${year}`;
  }
}

/** A date at its precision, standing alone (a table cell, a CSV column). */
export function formatDate(date: IsoDate, precision: DatePrecision, lang: ChronologyLanguage): string {
  switch (precision) {
    case 'day':
      return formatStatementDay(date, lang);
    case 'month':
      return formatMonth(date, lang);
    case 'year':
      return lang === 'ru' ? `${splitIsoDate(date).year} г.` : String(splitIsoDate(date).year);
  }
}

const IN: Record<ChronologyLanguage, string> = { en: 'In', ru: 'В', fr: 'En', es: 'En', ar: 'في' };

/**
 * What opens a chronology line: "22 November 2021", "In October 2020", "In 2016"
 * (ru «В октябре 2020 г.», fr «En octobre 2020», es «En octubre de 2020»).
 */
export function entryLead(date: IsoDate, precision: DatePrecision, lang: ChronologyLanguage): string {
  const { year, month } = splitIsoDate(date);
  switch (precision) {
    case 'day':
      return formatStatementDay(date, lang);
    case 'month': {
      const name = MONTH_NAMES[lang].inMonth[month - 1];
      switch (lang) {
        case 'en':
        case 'fr':
        case 'ar':
          return `${IN[lang]} ${name} ${year}`;
        case 'ru':
          return `${IN[lang]} ${name} ${year} г.`;
        case 'es':
          return `${IN[lang]} ${name} de ${year}`;
      }
      break;
    }
    case 'year':
      return lang === 'ru'
        ? `${IN[lang]} ${year} г.`
        : lang === 'ar'
          ? `في عام ${year}`
          : `${IN[lang]} ${year}`;
  }
}

/** French sets a (no-break) space before a colon; the others do not. */
export const leadSeparator = (lang: ChronologyLanguage): string => (lang === 'fr' ? '\u00a0: ' : ': ');

/** A whole chronology line: "22 November 2021: Judicial custody extended for 30 days." */
export const entryLine = (
  date: IsoDate,
  precision: DatePrecision,
  lang: ChronologyLanguage,
  text: string,
): string => `${entryLead(date, precision, lang)}${leadSeparator(lang)}${text}`;

/** A real calendar day, or undefined ("31 February 2022" is not one). */
export function isoDate(year: number, month: number, day: number): IsoDate | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) {
    return undefined;
  }
  const instant = new Date(Date.UTC(year, month - 1, day));
  if (
    year < 1 ||
    year > 9999 ||
    instant.getUTCFullYear() !== year ||
    instant.getUTCMonth() !== month - 1 ||
    instant.getUTCDate() !== day
  ) {
    return undefined;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The last day a date at this precision can mean (the end of its month or year). */
export function lastDayOf(date: IsoDate, precision: DatePrecision): IsoDate {
  const { year, month } = splitIsoDate(date);
  switch (precision) {
    case 'day':
      return date;
    case 'month':
      return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    case 'year':
      return `${String(year).padStart(4, '0')}-12-31`;
  }
}
