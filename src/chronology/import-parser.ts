import type { BailCondition } from '../cases/detention-model';
import type { DatePrecision, IsoDate } from '../common/entry';
import type { EventType } from '../events/event.entity';
import { ChronologyLanguage, formatDate } from './date-phrases';
import { isClosingLine, readChronology, Unit, units } from './import-chronology';
import { countOf } from './import-dates';
import { Detected, detect } from './import-details';
import { readDateHead } from './import-heads';
import { bailConditions, classify, eventTypeOf, FactKind, sentenceTerm } from './import-kinds';
import { findPeople, KnownPerson, namedInFull } from './import-people';
import { About, Paragraph, readStatement, StatementEntry } from './import-statement';
import { custodyWarnings, ImportWarning, orderWarnings } from './import-warnings';

// Reads what caseworkers paste — a chronology ("22 November 2021: …" paragraphs) or a statement,
// a lawyer's email, a news report — into typed entries, each proposed for the defender it is
// about, and the problems a caseworker should look at before anything is saved. Pure: no I/O, no
// clock. The parts: import-chronology.ts and import-statement.ts read the two shapes of text,
// import-dates.ts finds dates, import-kinds.ts what happened, import-people.ts whom it concerns,
// import-warnings.ts what to check.

export type { DetectedCharge, DetectedHearing, Detected } from './import-details';
export { readCharges } from './import-details';
export { classify } from './import-kinds';
export type { KnownPerson } from './import-people';
export type { ImportWarning, ImportWarningKind, WarningDate, WarningParams } from './import-warnings';
export { BLOCKING_WARNINGS, IMPORT_WARNING_KINDS } from './import-warnings';

export interface ParsedEntry {
  /** Names the entry in choices: its line, then ".2", ".3" … for further entries of that line. */
  id: string;
  /** 1-based line of the text where the entry starts. */
  line: number;
  occurredOn: IsoDate;
  precision: DatePrecision;
  /** Lasting entries (hunger strike, travel ban, incommunicado): the day it ended, when the text says. */
  endedOn?: IsoDate;
  /** What happened, as recognised; `type` is the event it becomes. */
  kind: FactKind;
  type: EventType;
  description: string;
  bailConditions?: BailCondition[];
  /** A sentence's term as the events API takes it (P5Y, P2Y6M, life, death). */
  sentenceTerm?: string;
  /** The defenders the entry names. */
  people: string[];
  /** Whom it is proposed for; null when the text does not make it clear. */
  personId: string | null;
  detected: Detected;
}

export interface ParsedChronology {
  /** A heading line before everything else ("India: Chronology of harassment against …"). */
  title?: string;
  /** Undated paragraphs before the first entry: who the defender is. */
  profile: string[];
  entries: ParsedEntry[];
  warnings: ImportWarning[];
  /** Sentences of a statement that say nothing dated: shown as left out, never dropped silently. */
  skipped: { line: number; text: string }[];
  /** A recognised closing line ("India is rated 'Repressed' by the CIVICUS Monitor."), not an entry. */
  closingLine?: string;
}

export interface ParseOptions {
  /** The language problems are written in (dates in any of our languages are read regardless). */
  lang?: ChronologyLanguage;
  /** Today in the case's zone; entries after it are flagged. */
  today?: IsoDate;
  /** Closing lines configured for the country, recognised in addition to the CIVICUS rating line. */
  closingLines?: string[];
  /** The defenders in Vigil whose names are looked for. */
  people?: KnownPerson[];
  /** The defender whose case the text is imported into. */
  defenderId?: string;
  /** The co-accused in that case: an entry about one of them belongs in it, as theirs. */
  coAccusedIds?: string[];
}

type Reading = Omit<ParsedChronology, 'entries'> & {
  entries: (Omit<ParsedEntry, 'id' | 'people' | 'personId'> & { about: About })[];
};

export function parseChronology(text: string, options: ParseOptions = {}): ParsedChronology {
  const lang = options.lang ?? 'en';
  const all = units(text);
  // A chronology sets its dates off with a colon ("22 November 2021: …"); anything else is read
  // sentence by sentence, wherever its dates are.
  const chronology = all.some((unit) => {
    const head = readDateHead(unit.text);
    return head?.kind === 'date' && head.listed;
  });
  const reading = chronology ? asChronology(all, options) : asStatement(all, options);

  const counts = new Map<number, number>();
  const warnings: ImportWarning[] = [...reading.warnings];
  const entries = reading.entries.map(({ about, ...entry }): ParsedEntry => {
    const count = (counts.get(entry.line) ?? 0) + 1;
    counts.set(entry.line, count);
    const id = count === 1 ? String(entry.line) : `${entry.line}.${count}`;
    const { people, personId, warning } = whom(about, options);
    if (warning) {
      warnings.push({ line: entry.line, entry: id, ...warning });
    }
    return { id, ...entry, people, personId };
  });
  // Notes the readers attached to an entry by its position in the list.
  warnings.forEach((warning) => {
    if (warning.entry?.startsWith('#')) {
      const entry = entries[Number(warning.entry.slice(1))];
      warning.entry = entry.id;
      warning.line = entry.line;
    }
  });

  if (chronology) {
    warnings.push(...orderWarnings(entries, lang));
  }
  warnings.push(...custodyWarnings(entries, lang));
  if (options.today) {
    const today = options.today;
    for (const entry of entries.filter((e) => e.occurredOn > today)) {
      warnings.push({
        line: entry.line,
        entry: entry.id,
        kind: 'future-date',
        problem: `${formatDate(entry.occurredOn, entry.precision, lang)} is after today`,
        params: { date: { on: entry.occurredOn, precision: entry.precision } },
      });
    }
  }
  if (entries.length === 0) {
    warnings.push({
      line: 1,
      kind: 'no-entries',
      problem: 'No dated entries were found ("22 November 2021: …", "On 3 May 2022, …")',
      params: {},
    });
  }
  warnings.sort((a, b) => a.line - b.line);
  return { ...reading, entries, warnings };
}

function asChronology(all: Unit[], options: ParseOptions): Reading {
  const read = readChronology(all, options.closingLines);
  const people = options.people ?? [];
  const inFull = namedInFull(
    read.drafts.map((draft) => draft.parts.join(' ')).join(' '),
    people,
    options.defenderId,
  );
  return {
    ...read,
    skipped: [],
    entries: read.drafts.map((draft) => {
      const description = draft.parts.join('\n\n');
      const type = classify(description);
      const mentions = findPeople(description, people, options.defenderId, inFull);
      const about: About = mentions.some((mention) => mention.ids.length > 1)
        ? 'unsure'
        : mentions.length > 0
          ? { ids: [...new Set(mentions.flatMap((mention) => mention.ids))] }
          : 'unnamed';
      return {
        line: draft.line,
        occurredOn: draft.occurredOn,
        precision: draft.precision,
        kind: type,
        type,
        description,
        ...typeFields(type, description),
        about,
        detected: detect(description, draft.occurredOn, draft.precision),
      };
    }),
  };
}

function asStatement(all: Unit[], options: ParseOptions): Reading {
  const closingLines = options.closingLines ?? [];
  const closing = all.find((unit) => isClosingLine(unit.text, closingLines));
  const paragraphs: Paragraph[] = [];
  for (const unit of all.filter((unit) => unit !== closing)) {
    const last = paragraphs[paragraphs.length - 1] as
      (Paragraph & { starts: [number, number][] }) | undefined;
    if (unit.paragraph || !last) {
      const starts: [number, number][] = [[0, unit.line]];
      paragraphs.push({
        text: unit.text,
        starts,
        lineAt: (offset) => starts.filter(([at]) => at <= offset).at(-1)?.[1] ?? unit.line,
      } as Paragraph & { starts: [number, number][] });
    } else {
      last.starts.push([last.text.length + 1, unit.line]);
      last.text += ` ${unit.text}`;
    }
  }
  const read = readStatement(
    paragraphs,
    options.people ?? [],
    options.lang ?? 'en',
    options.today,
    options.defenderId,
  );
  const warnings: ImportWarning[] = read.impossible.map(({ line, written }) => ({
    line,
    kind: 'impossible-date',
    problem: `"${written}" is not a real date`,
    params: { written },
  }));
  const entries = read.entries.map((entry, index) => {
    const type = eventTypeOf(entry.kind);
    warnings.push(...entry.notes.map((note) => ({ line: entry.line, entry: `#${index}`, ...note })));
    const hearingKind = ['hearing', 'custody_order', 'court', 'appeal_decision'].includes(entry.kind);
    const detected = detect(entry.sentence, entry.occurredOn, entry.precision);
    return {
      line: entry.line,
      occurredOn: entry.occurredOn,
      precision: entry.precision,
      ...(entry.endedOn ? { endedOn: entry.endedOn } : {}),
      kind: entry.kind,
      type,
      description: entry.sentence,
      ...typeFields(type, entry.sentence),
      about: entry.about,
      // Each record belongs to the fact that makes it: charges to the charging, an order and a
      // court date to the hearing.
      detected: {
        ...(entry.kind === 'custody_order' ? pick(detected, ['custodyDays', 'custodyKind', 'until']) : {}),
        ...(['charges', 'charge_sheet'].includes(entry.kind) && detected.charges
          ? { charges: detected.charges }
          : {}),
        ...(hearingKind ? hearingOf(entry, detected) : {}),
      },
    };
  });
  return {
    profile: [],
    skipped: read.skipped,
    entries,
    warnings,
    ...(closing ? { closingLine: closing.text } : {}),
  };
}

/** The hearing a hearing sentence reports, and the next date it announces, in any of our languages. */
function hearingOf(entry: StatementEntry, detected: Detected): Pick<Detected, 'hearing' | 'nextHearing'> {
  const found = pick(detected, ['hearing', 'nextHearing']);
  if (!found.hearing && entry.kind === 'hearing' && entry.precision === 'day') {
    found.hearing = { on: entry.occurredOn };
  }
  if (!found.nextHearing && entry.nextHearingOn && entry.nextHearingOn > entry.occurredOn) {
    found.nextHearing = { on: entry.nextHearingOn };
  }
  return found;
}

const pick = <T extends object, K extends keyof T>(value: T, keys: K[]): Partial<Pick<T, K>> =>
  Object.fromEntries(
    keys.filter((key) => value[key] !== undefined).map((key) => [key, value[key]]),
  ) as Partial<Pick<T, K>>;

/** The fields an event of this type carries that the text gives. */
function typeFields(type: EventType, text: string): Pick<ParsedEntry, 'bailConditions' | 'sentenceTerm'> {
  if (type === 'bail_granted') {
    const conditions = bailConditions(text);
    return conditions.length > 0 ? { bailConditions: conditions } : {};
  }
  if (type === 'sentence') {
    const term = sentenceTerm(text, countOf);
    return term ? { sentenceTerm: term } : {};
  }
  return {};
}

/** Whom an entry is proposed for, and what to tell the caseworker when it is not the case's defender. */
function whom(
  about: About,
  options: ParseOptions,
): {
  people: string[];
  personId: string | null;
  warning?: Pick<ImportWarning, 'kind' | 'problem' | 'params'>;
} {
  const defenderId = options.defenderId ?? null;
  const nameOf = (id: string) => options.people?.find((person) => person.id === id)?.names[0] ?? id;
  if (about === 'unnamed') {
    return { people: [], personId: defenderId };
  }
  if (about === 'unsure') {
    return {
      people: [],
      personId: null,
      warning: {
        kind: 'person-unsure',
        problem: 'the text does not make clear whom this is about: choose the person, or leave it out',
        params: {},
      },
    };
  }
  if (defenderId === null || about.ids.includes(defenderId)) {
    return { people: about.ids, personId: defenderId };
  }
  const coAccused = about.ids.find((id) => options.coAccusedIds?.includes(id));
  if (coAccused !== undefined) {
    return { people: about.ids, personId: coAccused };
  }
  return {
    people: about.ids,
    personId: about.ids[0],
    warning: {
      kind: 'other-person',
      problem:
        `about ${about.ids.map(nameOf).join(' and ')}, not ${nameOf(defenderId)}: left out of this case ` +
        'unless you choose this case’s defender (import it into their own case instead)',
      params: { people: about.ids.map(nameOf), defender: nameOf(defenderId) },
    },
  };
}
