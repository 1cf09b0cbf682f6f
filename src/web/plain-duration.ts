import type { Language } from '../i18n/languages';
import { translate } from '../i18n/translate';

// How long before a hearing (or a custody end, a limit) a reminder goes, as a caseworker says it:
// "3 days", "12 hours", "2 weeks", "3 дня", "2 semaines", "٣ أيام", "يومان"; or ISO for the
// API-minded ("P3D"). Read into the ISO durations the reminder policy stores. The same words read a
// statutory limit's periods, which may also be months ("6 mois", "٦ أشهر"; limit-periods.ts), and a
// sentence's term, which may also be years ("15 ans", "١٥ سنة"; plain-term.ts).

export type DurationUnit = 'minutes' | 'hours' | 'days' | 'weeks';
/** Reminder offsets are minutes to weeks; a statutory limit's periods are days or months; terms run to years. */
export type LengthUnit = DurationUnit | 'months' | 'years';

/** The offsets the settings pages offer as boxes to tick, shortest first. */
export const COMMON_OFFSETS = ['PT2H', 'P1D', 'P7D', 'P14D', 'P30D'] as const;

// The words of each unit in Vigil's languages, in the forms a count takes (Russian "дня/дней",
// Arabic "أيام/يومًا"), lower-case; the catalogue's form.offset.* and unit.* messages write them.
const UNIT_WORDS: Record<LengthUnit, readonly string[]> = {
  minutes: [
    'minute',
    'minutes',
    'min',
    'mins',
    'minuto',
    'minutos',
    'минута',
    'минуты',
    'минут',
    'мин',
    'دقيقة',
    'دقائق',
  ],
  hours: [
    'hour',
    'hours',
    'hr',
    'hrs',
    'h',
    'heure',
    'heures',
    'hora',
    'horas',
    'час',
    'часа',
    'часов',
    'ч',
    'ساعة',
    'ساعات',
  ],
  days: [
    'day',
    'days',
    'd',
    'jour',
    'jours',
    'j',
    'día',
    'días',
    'dia',
    'dias',
    'день',
    'дня',
    'дней',
    'дн',
    'يوم',
    'أيام',
    'ايام',
    'يومًا',
    'يوما',
  ],
  weeks: [
    'week',
    'weeks',
    'wk',
    'wks',
    'w',
    'semaine',
    'semaines',
    'semana',
    'semanas',
    'неделя',
    'недели',
    'недель',
    'неделю',
    'нед',
    'أسبوع',
    'أسابيع',
    'اسبوع',
    'اسابيع',
    'أسبوعًا',
    'أسبوعا',
  ],
  months: [
    'month',
    'months',
    'mois',
    'mes',
    'meses',
    'месяц',
    'месяца',
    'месяцев',
    'мес',
    'شهر',
    'أشهر',
    'اشهر',
    'شهور',
    'شهرًا',
    'شهرا',
  ],
  years: [
    'year',
    'years',
    'yr',
    'yrs',
    'an',
    'ans',
    'année',
    'années',
    'año',
    'años',
    'ano',
    'anos',
    'год',
    'года',
    'лет',
    'سنة',
    'سنوات',
    'سنين',
    'سنةً',
    'عام',
    'أعوام',
    'اعوام',
    'عامًا',
    'عاما',
  ],
};

// Arabic names one and two of a thing without a number: "يوم واحد" (a day), "يومان" (two days).
const ARABIC_COUNTED: Record<string, [number, LengthUnit]> = {
  'دقيقة واحدة': [1, 'minutes'],
  دقيقتان: [2, 'minutes'],
  دقيقتين: [2, 'minutes'],
  'ساعة واحدة': [1, 'hours'],
  ساعتان: [2, 'hours'],
  ساعتين: [2, 'hours'],
  'يوم واحد': [1, 'days'],
  يومان: [2, 'days'],
  يومين: [2, 'days'],
  'أسبوع واحد': [1, 'weeks'],
  أسبوعان: [2, 'weeks'],
  أسبوعين: [2, 'weeks'],
  'شهر واحد': [1, 'months'],
  شهران: [2, 'months'],
  شهرين: [2, 'months'],
  'سنة واحدة': [1, 'years'],
  سنتان: [2, 'years'],
  سنتين: [2, 'years'],
  'عام واحد': [1, 'years'],
  عامان: [2, 'years'],
  عامين: [2, 'years'],
};

const UNIT_OF_WORD: ReadonlyMap<string, LengthUnit> = new Map(
  Object.entries(UNIT_WORDS).flatMap(([unit, words]) =>
    words.map((word) => [word, unit as LengthUnit] as const),
  ),
);

const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

const toLatinDigits = (text: string): string =>
  text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (digit) => {
    const code = digit.charCodeAt(0);
    return String(code - (code >= 0x06f0 ? 0x06f0 : 0x0660));
  });

/** The ISO duration of a count of a unit; weeks are written as days, so "2 weeks" is the "14 days" box. */
export function isoDuration(count: number, unit: DurationUnit): string {
  switch (unit) {
    case 'minutes':
      return `PT${count}M`;
    case 'hours':
      return `PT${count}H`;
    case 'days':
      return `P${count}D`;
    case 'weeks':
      return `P${count * 7}D`;
  }
}

/** Typed text with Latin digits, no direction marks and single spaces. */
export const plainText = (typed: string): string =>
  toLatinDigits(typed.normalize('NFC'))
    .replace(/[\u200e\u200f\u061c]/g, '')
    .trim()
    .replace(/\s+/g, ' ');

/** A count of a unit as typed ("3 days", "6 mois", "٩٠ يومًا", "يومان", "a day"); undefined when it is none. */
export function readPlainLength(typed: string): { count: number; unit: LengthUnit } | undefined {
  const lower = plainText(typed)
    .toLowerCase()
    .replace(/\.$/, '')
    // Thousands as the pages write them: "1,000", "1 000", "1.000", "١٬٠٠٠".
    .replace(/(\d)[,.\s\u066c'](?=\d{3}(?!\d))/g, '$1');
  const counted = ARABIC_COUNTED[lower];
  if (counted) {
    return { count: counted[0], unit: counted[1] };
  }
  // "3 days", "3days", "12 h"; "a day" and "an hour" in English.
  const match = /^(\d{1,4}|an?|one)\s?([\p{L}\p{M}]+)$/u.exec(lower);
  const unit = match ? UNIT_OF_WORD.get(match[2]) : undefined;
  if (!match || !unit) {
    return undefined;
  }
  const count = /^\d/.test(match[1]) ? Number(match[1]) : 1;
  return count > 0 ? { count, unit } : undefined;
}

const isDurationUnit = (unit: LengthUnit): unit is DurationUnit => unit !== 'months' && unit !== 'years';

/** One length of time as typed, as an ISO duration; undefined when it cannot be read (or is months or years: no offset is). */
export function readPlainDuration(typed: string): string | undefined {
  const text = plainText(typed);
  if (ISO_DURATION.test(text.toUpperCase())) {
    return text.toUpperCase();
  }
  const length = readPlainLength(text);
  return length && isDurationUnit(length.unit) ? isoDuration(length.count, length.unit) : undefined;
}

/** The separate lengths in a free field: "3 days, 12 hours; 2 weeks" (or "3 days و 12 hours" in Arabic lists). */
export const splitDurations = (typed: string): string[] =>
  typed
    .split(/[,;،؛\n]+/)
    .map((piece) => piece.trim())
    .filter((piece) => piece !== '');

/** An ISO offset in the reader's words when it is whole minutes, hours, days or weeks; else as it is. */
export function durationWords(iso: string, language: Language): string {
  const match = /^P(?:(\d+)W|(\d+)D|T(\d+)H|T(\d+)M)$/.exec(iso);
  if (!match) {
    return iso;
  }
  const [, weeks, days, hours, minutes] = match;
  if (weeks !== undefined) {
    return translate(language, 'form.offset.days', { count: Number(weeks) * 7 });
  }
  if (days !== undefined) {
    return translate(language, 'form.offset.days', { count: Number(days) });
  }
  return hours !== undefined
    ? translate(language, 'form.offset.hours', { count: Number(hours) })
    : translate(language, 'form.offset.minutes', { count: Number(minutes) });
}

/**
 * What an offsets field shows: the common offsets, ticked when `current` (the stored list, or the
 * boxes ticked before a failed submit) has them, and the free field: as typed before a failed
 * submit, else the other stored offsets in the reader's words.
 */
export function offsetChoices(
  current: unknown,
  other: unknown,
  language: Language,
): { common: { iso: string; words: string; ticked: boolean }[]; other: string } {
  const chosen = (typeof current === 'string' ? current.split(/[\s,;]+/) : [])
    .map((piece) => readPlainDuration(piece))
    .filter((offset): offset is string => offset !== undefined);
  const common: readonly string[] = COMMON_OFFSETS;
  return {
    common: COMMON_OFFSETS.map((iso) => ({
      iso,
      words: durationWords(iso, language),
      ticked: chosen.includes(iso),
    })),
    other:
      typeof other === 'string'
        ? other
        : chosen
            .filter((offset) => !common.includes(offset))
            .map((offset) => durationWords(offset, language))
            .join(', '),
  };
}
