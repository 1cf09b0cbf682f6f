import type { DatePrecision, IsoDate } from '../common/entry';
import { readDateHead } from './import-heads';
import { sentenceStarts } from './import-details';

// A text written as a chronology ("22 November 2021: …" paragraphs): each dated paragraph is an
// entry, the undated ones after it continue it; before the first, a title and the defender's
// profile; a closing line ("… is rated 'Repressed' by the CIVICUS Monitor.") is set apart. Pure.

export interface ChronologyReading {
  title?: string;
  profile: string[];
  drafts: Draft[];
  /** Lines whose date is not a real one ("31 February 2022"): what follows them is left out too. */
  warnings: { line: number; kind: 'impossible-date'; problem: string; params: { written: string } }[];
  closingLine?: string;
}

export interface Unit {
  line: number;
  text: string;
  /** True when a blank line comes before it (a new paragraph), false for a wrapped line. */
  paragraph: boolean;
}

export function units(text: string): Unit[] {
  const result: Unit[] = [];
  let blankBefore = true;
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) {
      blankBefore = true;
      return;
    }
    result.push({ line: index + 1, text: line, paragraph: blankBefore });
    blankBefore = false;
  });
  return result;
}

const CIVICUS_RATING = /\bis\s+rated\s+['‘"“][^'’"”]+['’"”]\s+by\s+the\s+CIVICUS\s+Monitor\.?$/iu;

/** A recognised closing line: the CIVICUS rating, or one configured for the country. */
export const isClosingLine = (text: string, closingLines: string[]): boolean =>
  CIVICUS_RATING.test(text) || closingLines.some((line) => line.trim().toLowerCase() === text.toLowerCase());

export interface Draft {
  line: number;
  occurredOn: IsoDate;
  precision: DatePrecision;
  parts: string[];
}

export function readChronology(all: Unit[], closingLines: string[] = []): ChronologyReading {
  const drafts: Draft[] = [];
  const profile: string[] = [];
  const warnings: ChronologyReading['warnings'] = [];
  let title: string | undefined;
  let closingLine: string | undefined;
  // The entry that undated paragraphs continue; null after a line we could not date (its
  // continuation belongs to it, not to the entry before).
  let current: Draft | null = null;
  let skipping = false;
  all.forEach((unit, index) => {
    const head = readDateHead(unit.text);
    if (head?.kind === 'impossible') {
      warnings.push({
        line: unit.line,
        kind: 'impossible-date',
        problem: `"${head.written}" is not a real date`,
        params: { written: head.written },
      });
      current = null;
      skipping = true;
      return;
    }
    if (head?.kind === 'date') {
      current = {
        line: unit.line,
        occurredOn: head.occurredOn,
        precision: head.precision,
        parts: [head.rest],
      };
      drafts.push(current);
      skipping = false;
      return;
    }
    if (drafts.length === 0 && !skipping) {
      if (index === 0 && !unit.text.endsWith('.') && unit.text.length <= 200 && all[1]?.paragraph !== false) {
        title = unit.text;
        return;
      }
      // Before the first entry: profile, unless a sentence inside it starts with a date.
      for (const start of sentenceStarts(unit.text).slice(1)) {
        const inner = readDateHead(unit.text.slice(start));
        if (inner?.kind === 'date') {
          const before = unit.text.slice(0, start).trim();
          if (before) {
            profile.push(before);
          }
          current = {
            line: unit.line,
            occurredOn: inner.occurredOn,
            precision: inner.precision,
            parts: [inner.rest],
          };
          drafts.push(current);
          return;
        }
      }
      if (unit.paragraph || profile.length === 0) {
        profile.push(unit.text);
      } else {
        profile[profile.length - 1] += ` ${unit.text}`;
      }
      return;
    }
    if (isClosingLine(unit.text, closingLines)) {
      closingLine = unit.text;
      return;
    }
    if (skipping || !current) {
      return;
    }
    const draft: Draft = current;
    if (unit.paragraph) {
      draft.parts.push(unit.text);
    } else {
      draft.parts[draft.parts.length - 1] += ` ${unit.text}`;
    }
  });

  return { title, profile, drafts, warnings, closingLine };
}
