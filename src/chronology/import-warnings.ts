import { addDays } from '../common/calendar-day';
import type { DatePrecision, IsoDate } from '../common/entry';
import { ChronologyLanguage, formatDate, formatStatementDay, lastDayOf } from './date-phrases';
import type { ParsedEntry } from './import-parser';

// What a caseworker should check before an import is saved: each warning has a kind, its problem in
// English for API clients, and what it names (dates with their precision, people, lines) so a page
// can say it in its reader's language. The warnings the readers find on their own are made where
// they read; the ones about the entries together (order, custody arithmetic) are made here. Pure.

export const IMPORT_WARNING_KINDS = [
  'out-of-order',
  'impossible-date',
  'custody-arithmetic',
  'custody-end-before-order',
  'future-date',
  'no-entries',
  'year-guessed',
  'relative-date',
  'shared-date',
  'length-computed',
  'other-person',
  'person-unsure',
] as const;
export type ImportWarningKind = (typeof IMPORT_WARNING_KINDS)[number];

/** A date a warning names, with how precisely it is known, for a page to write in its reader's words. */
export interface WarningDate {
  on: IsoDate;
  precision: DatePrecision;
}
/** What a warning names, by name: a page says the warning by its kind, in its reader's language. */
export type WarningParams = Record<string, string | number | string[] | WarningDate>;

export interface ImportWarning {
  line: number;
  /** The entry it concerns, when it concerns one. */
  entry?: string;
  kind: ImportWarningKind;
  /** The warning in English, for API clients. */
  problem: string;
  params: WarningParams;
}

/** Warnings that mean a line could not become an entry at all: saving would silently drop it. */
export const BLOCKING_WARNINGS: readonly ImportWarningKind[] = ['impossible-date', 'no-entries'];

export function orderWarnings(entries: ParsedEntry[], lang: ChronologyLanguage): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  entries.forEach((entry, index) => {
    const previous = entries[index - 1];
    if (previous && lastDayOf(entry.occurredOn, entry.precision) < previous.occurredOn) {
      warnings.push({
        line: entry.line,
        entry: entry.id,
        kind: 'out-of-order',
        problem:
          `${formatDate(entry.occurredOn, entry.precision, lang)} comes after ` +
          `${formatDate(previous.occurredOn, previous.precision, lang)} (line ${previous.line}): ` +
          'out of date order — is the year right?',
        params: {
          date: { on: entry.occurredOn, precision: entry.precision },
          previous: { on: previous.occurredOn, precision: previous.precision },
          previousLine: previous.line,
        },
      });
    }
  });
  return warnings;
}

export function custodyWarnings(entries: ParsedEntry[], lang: ChronologyLanguage): ImportWarning[] {
  const warnings: ImportWarning[] = [];
  for (const entry of entries) {
    const { custodyDays, until } = entry.detected;
    if (entry.precision !== 'day' || !until) {
      continue;
    }
    if (until < entry.occurredOn) {
      warnings.push({
        line: entry.line,
        entry: entry.id,
        kind: 'custody-end-before-order',
        problem: `custody ends on ${formatStatementDay(until, lang)}, before it was ordered on ${formatStatementDay(entry.occurredOn, lang)}`,
        params: {
          until: { on: until, precision: 'day' },
          ordered: { on: entry.occurredOn, precision: 'day' },
        },
      });
      continue;
    }
    if (custodyDays !== undefined) {
      const computed = addDays(entry.occurredOn, custodyDays);
      if (computed !== until) {
        warnings.push({
          line: entry.line,
          entry: entry.id,
          kind: 'custody-arithmetic',
          problem:
            `${custodyDays} days from ${formatStatementDay(entry.occurredOn, lang)} end on ${formatStatementDay(computed, lang)}, ` +
            `but the text says until ${formatStatementDay(until, lang)}`,
          params: {
            days: custodyDays,
            from: { on: entry.occurredOn, precision: 'day' },
            computed: { on: computed, precision: 'day' },
            until: { on: until, precision: 'day' },
          },
        });
      }
    }
  }
  return warnings;
}
