import type { Language } from '../i18n/languages';
import { translate } from '../i18n/translate';
import type { LimitPeriod } from '../statutory-limits/limit-model';
import { readPlainLength } from './plain-duration';

// A statutory limit's periods as the admin's form takes them: one a line, a length in the reader's
// language ("90 days", "90 jours", "6 месяцев", "٩٠ يومًا"), followed, for a period a court must
// order, by the words the pages write for it ("renewed by court", "renouvelables par un tribunal").
// The form shows stored periods in those same words, so they read back unchanged.

// What follows a length renewed by a court, in each language: the catalogue's limits.renewedByCourt,
// with its singular and the article-less forms people also type.
const RENEWED_BY_COURT =
  /\s+(?:(?:renewed|renewable) by (?:a |the )?court|renouvel\S* par (?:un|le) (?:tribunal|juge)|prorrogabl\S* por (?:un|el) (?:tribunal|juez)|с продлением суд(?:ом|а)|قابل\S* للتجديد (?:بقرار من|من) المحكمة)$/u;

/** The problem of a line that is no period; the page says it with the line (problem-words.ts). */
export const UNREADABLE_PERIOD = 'could not be read as a period: ';
/** The problem of a line read as a period the table does not take (0 days, 5000 days). */
export const PERIOD_OUT_OF_RANGE = 'is not a period the table takes: ';

/** The periods of the form, or the lines that could not be read as one. */
export type PeriodsReading = { periods: LimitPeriod[] } | { unread: string[] };

/** One period as typed; weeks are read as days ("2 semaines" is 14 days), shorter units and years are none. */
export function readPeriod(typed: string): LimitPeriod | undefined {
  const line = typed
    .normalize('NFC')
    .replace(/[\u200e\u200f\u061c]/g, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
  const renewed = RENEWED_BY_COURT.exec(line);
  const length = readPlainLength(renewed ? line.slice(0, renewed.index) : line);
  const renewedByCourt = renewed !== null;
  switch (length?.unit) {
    case 'days':
    case 'months':
      return { length: length.count, unit: length.unit, renewedByCourt };
    case 'weeks':
      return { length: length.count * 7, unit: 'days', renewedByCourt };
    case 'hours':
    case 'minutes':
    case 'years':
    case undefined:
      return undefined;
  }
}

/** The lines of the field, one period each (semicolons part them too, as the table lists them); blank ones skipped. */
const periodLines = (typed: unknown): string[] =>
  String(typed ?? '')
    .split(/\r?\n|[;؛]/)
    .map((line) => line.trim())
    .filter((line) => line !== '');

/** The periods typed, or the lines that could not be read as one. */
export function readPeriods(typed: unknown): PeriodsReading {
  const lines = periodLines(typed);
  const periods = lines.map((line) => readPeriod(line));
  const unread = lines.filter((_, index) => periods[index] === undefined);
  return unread.length > 0
    ? { unread }
    : { periods: periods.filter((period): period is LimitPeriod => period !== undefined) };
}

/**
 * The DTO's problems of one period ("periods.1.length must not be greater than …") as problems of the
 * periods field, naming the line they are about: the form has one field for all of them.
 */
export function periodProblemsByLine(
  errors: Record<string, string[]>,
  typed: unknown,
): Record<string, string[]> {
  const lines = periodLines(typed);
  const byLine: Record<string, string[]> = {};
  for (const [field, problems] of Object.entries(errors)) {
    const line = /^periods\.(\d+)\./.exec(field);
    const name = line ? 'periods' : field;
    const said = line ? [`${PERIOD_OUT_OF_RANGE}${lines[Number(line[1])] ?? ''}`] : problems;
    byLine[name] = [...new Set([...(byLine[name] ?? []), ...said])];
  }
  return byLine;
}

/** "90 days", "4 mois renouvelables par un tribunal": one period in the reader's words. */
export function periodInWords(period: LimitPeriod, language: Language): string {
  const length = translate(language, period.unit === 'months' ? 'unit.months' : 'unit.days', {
    count: period.length,
  });
  return period.renewedByCourt ? translate(language, 'limits.renewedByCourt', { period: length }) : length;
}

/** The periods in the reader's words: one a line for the form, "; " between them for the table. */
export const periodsInWords = (periods: LimitPeriod[], language: Language, separator = '; '): string =>
  periods.map((period) => periodInWords(period, language)).join(separator);

/** The two examples the form's hint and its problem give, in the reader's words. */
export const periodExamples = (language: Language): { example: string; renewed: string } => ({
  example: periodInWords({ length: 90, unit: 'days', renewedByCourt: false }, language),
  renewed: periodInWords({ length: 4, unit: 'months', renewedByCourt: true }, language),
});
