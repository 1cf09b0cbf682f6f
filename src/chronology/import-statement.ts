import { LASTING_TYPES } from '../cases/detention-model';
import { addDays } from '../common/calendar-day';
import type { DatePrecision, IsoDate } from '../common/entry';
import { ChronologyLanguage, formatDate } from './date-phrases';
import type { WarningParams } from './import-warnings';
import { sentenceStarts } from './import-details';
import { DateMention, findDates, findLength, resolveYear, shiftDate, WrittenDate } from './import-dates';
import { eventTypeOf, Fact, FactKind, findFacts } from './import-kinds';
import { findPeople, KnownPerson, namedInFull, peopleOfFact } from './import-people';

// Reads a statement as organisations write it — dates inside sentences, without a year, relative
// to another fact, ranges and lasting facts — sentence by sentence into entries: each fact the
// sentence mentions, dated by the date nearest to it, about the defenders named nearest to it.

export interface Paragraph {
  text: string;
  /** The text's line where a character of the paragraph is. */
  lineAt: (offset: number) => number;
}

/** Who an entry is about: defenders' ids, or unsure (ambiguous), or nobody named (the case's own). */
export type About = { ids: string[] } | 'unsure' | 'unnamed';

export interface Note {
  kind: 'year-guessed' | 'relative-date' | 'shared-date' | 'length-computed';
  problem: string;
  params: WarningParams;
}

export interface StatementEntry {
  line: number;
  occurredOn: IsoDate;
  precision: DatePrecision;
  endedOn?: IsoDate;
  kind: FactKind;
  sentence: string;
  /** A later court date the sentence announces ("adjourned to 3 June"). */
  nextHearingOn?: IsoDate;
  about: About;
  notes: Note[];
}

export interface StatementReading {
  entries: StatementEntry[];
  skipped: { line: number; text: string }[];
  impossible: { line: number; written: string }[];
}

interface Dated {
  on: IsoDate;
  precision: DatePrecision;
  endedOn?: IsoDate;
  notes: Note[];
}

const LASTING: readonly string[] = LASTING_TYPES;
const ENDED = /\b(?:ended|ending|called\s+off|broke)\b|mis\s+fin|terminó|levantó|прекратил|завершил/iu;

export function readStatement(
  paragraphs: Paragraph[],
  people: KnownPerson[],
  lang: ChronologyLanguage,
  today?: IsoDate,
  prefer?: string,
): StatementReading {
  const reading: StatementReading = { entries: [], skipped: [], impossible: [] };
  const all = paragraphs.map((paragraph) => paragraph.text).join(' ');
  const inFull = namedInFull(all, people, prefer);
  const named = new Set(
    findPeople(all, people, prefer, inFull).flatMap((mention) =>
      mention.ids.length === 1 ? mention.ids : [],
    ),
  );
  // A year the text never writes before a date without one: the first it writes at all, else this year's.
  const firstFull = findDates(all).flatMap((mention) =>
    written(mention).filter((date) => date.year !== undefined),
  )[0];
  let earlier: IsoDate | undefined;
  let previous: { occurredOn: IsoDate; precision: DatePrecision; line: number } | undefined;
  const show = (on: IsoDate, precision: DatePrecision) => formatDate(on, precision, lang);

  const resolve = (date: WrittenDate, text: string, line: number, notes: Note[]) => {
    const fallback = earlier ?? (firstFull ? `${firstFull.year}-01-01` : today);
    const resolved = resolveYear(date, fallback, text);
    if (!resolved) {
      return undefined;
    }
    if ('impossible' in resolved) {
      reading.impossible.push({ line, written: text });
      return undefined;
    }
    if (resolved.yearFrom) {
      notes.push({
        kind: 'year-guessed',
        problem: `"${text.trim()}" has no year: ${resolved.on.slice(0, 4)} taken from ${earlier ? show(earlier, 'day') : firstFull ? 'a later date of the text' : 'today'}; check it`,
        params: {
          written: text.trim(),
          year: resolved.on.slice(0, 4),
          from: earlier ? 'earlier' : firstFull ? 'later' : 'today',
          earlier: earlier ? { on: earlier, precision: 'day' } : '',
        },
      });
    }
    if (date.year !== undefined && date.precision !== 'year') {
      earlier = resolved.on;
    }
    return resolved;
  };

  for (const paragraph of paragraphs) {
    let context: About | undefined;
    const starts = sentenceStarts(paragraph.text);
    starts.forEach((start, index) => {
      const sentence = paragraph.text.slice(start, starts[index + 1]).trim();
      const line = paragraph.lineAt(start);
      const mentions = findPeople(sentence, people, prefer, inFull);
      const dates = findDates(sentence);
      // Every date, in order, so years carry forward; only a fact's own dates date it.
      const own = new Map<DateMention, Dated>();
      let nextHearingOn: IsoDate | undefined;
      for (const mention of dates) {
        const text = sentence.slice(mention.start, mention.end);
        const notes: Note[] = [];
        if (mention.kind === 'relative') {
          continue;
        }
        const from = resolve(mention.kind === 'point' ? mention.date : mention.from, text, line, notes);
        const to = mention.kind === 'range' ? resolve(mention.to, text, line, notes) : undefined;
        if (from && mention.kind === 'point' && mention.role === 'next' && from.precision === 'day') {
          nextHearingOn ??= from.on;
        }
        if (from && (mention.kind !== 'point' || mention.role === 'own')) {
          own.set(mention, {
            on: from.on,
            precision: from.precision,
            ...(to ? { endedOn: to.on } : {}),
            notes,
          });
        }
      }
      const joining = dates.find((mention) => mention.kind === 'relative' && mention.joins);
      const dating = dates.filter(
        (mention) => own.has(mention) || (mention.kind === 'relative' && !mention.joins),
      );
      let facts: Fact[] = findFacts(sentence);
      if (facts.length === 0 && own.size > 0) {
        facts = [{ kind: 'other', start: 0, end: sentence.length }];
      }

      const made: StatementEntry[] = [];
      const factStarts: number[] = [];
      const datedBy: (DateMention | undefined)[] = [];
      for (const fact of facts) {
        let dated: Dated | undefined;
        let by: DateMention | undefined;
        if (joining?.kind === 'relative' && fact.start >= joining.end && made.length > 0) {
          // "A a day after B": B is dated from A.
          const anchor = made[made.length - 1];
          dated = relativeTo(anchor, -joining.days, joining.text, show);
        } else {
          const nearest = closest(dating, fact);
          // Counted from the fact written before the phrase, in this sentence or before it.
          const anchor =
            made
              .filter((_, at) => factStarts[at] < (nearest?.start ?? 0) && datedBy[at] !== nearest)
              .at(-1) ?? previous;
          by = nearest;
          if (nearest?.kind === 'relative') {
            dated = anchor ? relativeTo(anchor, nearest.days, nearest.text, show) : undefined;
          } else if (nearest) {
            dated = own.get(nearest);
          }
        }
        if (!dated && made.length > 0) {
          const first = made[0];
          dated = {
            on: first.occurredOn,
            precision: first.precision,
            notes: [
              {
                kind: 'shared-date',
                problem: 'no date of its own: dated like the other fact of the sentence; check it',
                params: {},
              },
            ],
          };
        }
        if (!dated) {
          continue;
        }
        const entry: StatementEntry = {
          line,
          occurredOn: dated.on,
          precision: dated.precision,
          kind: fact.kind,
          sentence,
          ...(nextHearingOn ? { nextHearingOn } : {}),
          about: aboutOf(peopleOfFact(sentence, mentions, fact.start, fact.end), context, named),
          notes: [...dated.notes],
        };
        if (LASTING.includes(eventTypeOf(fact.kind))) {
          // A lasting fact the text already holds open is referred to, not begun again.
          const open = reading.entries.find(
            (other) => other.kind === fact.kind && !other.endedOn && sameAbout(other.about, entry.about),
          );
          if (open) {
            if (ENDED.test(sentence) && dated.precision === 'day' && dated.on >= open.occurredOn) {
              open.endedOn = dated.on;
            }
            continue;
          }
          lasting(entry, dated, sentence);
        }
        made.push(entry);
        factStarts.push(fact.start);
        datedBy.push(by);
      }
      if (made.length === 0) {
        reading.skipped.push({ line, text: sentence });
      }
      reading.entries.push(...made);
      const last = made[made.length - 1];
      if (last) {
        previous = { occurredOn: last.occurredOn, precision: last.precision, line };
      }
      const lastNamed =
        mentions.length > 0 ? peopleOfFact(sentence, mentions, sentence.length, sentence.length) : undefined;
      context = lastNamed ? aboutOf(lastNamed, undefined, named) : context;
    });
  }
  return reading;
}

const sameAbout = (a: About, b: About): boolean => JSON.stringify(a) === JSON.stringify(b);

function written(mention: DateMention): WrittenDate[] {
  switch (mention.kind) {
    case 'point':
      return [mention.date];
    case 'range':
      return [mention.from, mention.to];
    case 'since':
      return [mention.from];
    case 'relative':
      return [];
  }
}

/** The dating mention nearest to the fact's words (a gap of 0 when they touch). */
function closest(mentions: DateMention[], fact: Fact): DateMention | undefined {
  const gap = (mention: DateMention) =>
    mention.end <= fact.start
      ? fact.start - mention.end
      : mention.start >= fact.end
        ? mention.start - fact.end
        : 0;
  return [...mentions].sort((a, b) => gap(a) - gap(b))[0];
}

function relativeTo(
  anchor: { occurredOn: IsoDate; precision: DatePrecision; line: number },
  days: number,
  text: string,
  show: (on: IsoDate, precision: DatePrecision) => string,
): Dated {
  const from = anchor.occurredOn;
  const on = shiftDate(from, anchor.precision, days);
  return {
    on,
    precision: anchor.precision,
    notes: [
      {
        kind: 'relative-date',
        problem: `"${text.trim()}" counted from ${show(from, anchor.precision)} (line ${anchor.line}): ${show(on, anchor.precision)}; check it`,
        params: {
          written: text.trim(),
          from: { on: from, precision: anchor.precision },
          fromLine: anchor.line,
          on: { on, precision: anchor.precision },
        },
      },
    ],
  };
}

/** A lasting fact's end: a range's end, or its start plus the length the sentence gives. */
function lasting(entry: StatementEntry, dated: Dated, sentence: string): void {
  if (dated.endedOn) {
    entry.endedOn = dated.endedOn;
    return;
  }
  const length = findLength(sentence);
  if (!length || entry.precision !== 'day') {
    return;
  }
  // Counted as the detention history counts: from its first day to its end is the length.
  if (ENDED.test(sentence)) {
    entry.endedOn = entry.occurredOn;
    entry.occurredOn = addDays(entry.occurredOn, -length.days);
  } else {
    entry.endedOn = addDays(entry.occurredOn, length.days);
  }
  entry.notes.push({
    kind: 'length-computed',
    problem: `ends ${length.days} days after it began, from "${sentence.slice(length.start, length.end)}"; check it`,
    params: { days: length.days, written: sentence.slice(length.start, length.end) },
  });
}

function aboutOf(
  mentions: { ids: string[] }[] | undefined,
  context: About | undefined,
  named: Set<string>,
): About {
  if (mentions) {
    return mentions.some((mention) => mention.ids.length > 1)
      ? 'unsure'
      : { ids: [...new Set(mentions.flatMap((mention) => mention.ids))] };
  }
  if (context) {
    return context;
  }
  if (named.size === 0) {
    return 'unnamed';
  }
  return named.size === 1 ? { ids: [...named] } : 'unsure';
}
