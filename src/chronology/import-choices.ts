import { LASTING_TYPES } from '../cases/detention-model';
import type { FieldProblem } from '../common/domain-error';
import type { IsoDate } from '../common/entry';
import { normaliseEventDate } from '../events/event-date';
import { eventFieldProblems } from '../events/event-fields';
import type { ImportKeepDto, ImportLineChoiceDto, ImportSourceDto } from './dto/import-chronology.dto';
import { BLOCKING_WARNINGS, ParsedChronology, ParsedEntry } from './import-parser';

// The caseworker's decisions on a preview — keep or skip, corrected date, type and person,
// sources for all or some entries — applied to what the parser read, and what must be settled
// before anything is saved. Pure: the service reads the text and writes the result.

export interface EntryChoice {
  skip: boolean;
  custodyOrder: boolean;
  charges: boolean;
  hearings: boolean;
}

export interface PreviewEntry extends ParsedEntry {
  /** What confirming would write for this entry besides its event. */
  keep: EntryChoice;
  /** What the caseworker corrected, by field name. */
  corrected: string[];
  sources: { citation: string | null; url: string | null }[];
  /** The participant it is saved for; null when it concerns everyone in the case (participants.ts). */
  participantId: string | null;
}

export interface ImportPreview extends Omit<ParsedChronology, 'entries'> {
  entries: PreviewEntry[];
  /** The defenders the entries name or may be given to, for the person choice. */
  people: { id: string; name: string }[];
  /** The defender of the case imported into; with its co-accused, entries about anyone else are left out. */
  defenderId: string;
  /** True when confirming would be refused until the text (or the choices) change. */
  blocking: boolean;
}

const LASTING: readonly string[] = LASTING_TYPES;

/** The choice for an entry: by its id, or by its line for the first entry of the line. */
function choiceFor(entry: ParsedEntry, keep: ImportKeepDto): { choice?: ImportLineChoiceDto; index: number } {
  const index = (keep.lines ?? []).findIndex((choice) =>
    choice.entry !== undefined ? choice.entry === entry.id : String(choice.line) === entry.id,
  );
  return { choice: index >= 0 ? keep.lines?.[index] : undefined, index };
}

export function resolveChoices(
  parsed: ParsedChronology,
  defenderId: string,
  keep: ImportKeepDto = {},
  sources: ImportSourceDto[] = [],
  coAccusedIds: readonly string[] = [],
): { entries: PreviewEntry[]; problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const inCase = [defenderId, ...coAccusedIds];
  const entries = parsed.entries.map((parsedEntry): PreviewEntry => {
    const { choice, index } = choiceFor(parsedEntry, keep);
    const field = (name: string) => `keep.lines.${index}.${name}`;
    const entry: PreviewEntry = {
      ...parsedEntry,
      corrected: [],
      keep: { skip: false, custodyOrder: false, charges: false, hearings: false },
      sources: [],
      participantId: null,
    };
    if (choice?.occurredOn !== undefined || choice?.precision !== undefined) {
      const precision = choice.precision ?? entry.precision;
      // A day narrowed to its month or year is cut to it ("2022-05-03" as a month is 2022-05).
      const written = choice.occurredOn ?? entry.occurredOn;
      const cut =
        precision === 'month' ? written.slice(0, 7) : precision === 'year' ? written.slice(0, 4) : written;
      const date = normaliseEventDate(cut, precision);
      if ('problem' in date) {
        problems.push({ field: field('occurredOn'), problem: date.problem });
      } else {
        correct(entry, 'occurredOn', date.date);
        correct(entry, 'precision', precision);
      }
    }
    if (choice?.type !== undefined) {
      correct(entry, 'type', choice.type);
    }
    if (choice?.endedOn !== undefined) {
      correct(entry, 'endedOn', choice.endedOn);
    }
    if (choice?.sentenceTerm !== undefined) {
      correct(entry, 'sentenceTerm', choice.sentenceTerm);
    }
    if (choice?.personId !== undefined) {
      correct(entry, 'personId', choice.personId);
    }
    const day = entry.precision === 'day';
    const { detected } = entry;
    const hasCustody = day && (detected.custodyDays !== undefined || detected.until !== undefined);
    // Someone else's entry is never written into this case, whatever else was chosen.
    // Whom it concerns is unsure (null): kept, so that saving asks.
    const elsewhere = entry.personId !== null && !inCase.includes(entry.personId);
    if (elsewhere && choice?.skip === false) {
      problems.push({
        field: field('personId'),
        problem:
          'this entry is about someone who is not in this case: choose someone who is, or import it into their case',
      });
    }
    entry.participantId = elsewhere ? null : participantFor(entry, inCase);
    entry.keep = {
      skip: choice?.skip ?? elsewhere,
      custodyOrder: hasCustody && (choice?.custodyOrder ?? keep.custodyOrders ?? false),
      charges: (detected.charges?.length ?? 0) > 0 && (choice?.charges ?? keep.charges ?? false),
      hearings:
        (Boolean(detected.hearing && day) || Boolean(detected.nextHearing)) &&
        (choice?.hearings ?? keep.hearings ?? false),
    };
    entry.sources = sources
      .filter((source) => source.entries === undefined || source.entries.includes(entry.id))
      .map((source) => ({ citation: source.citation ?? null, url: source.url ?? null }));
    return entry;
  });
  (keep.lines ?? []).forEach((choice, index) => {
    const id = choice.entry ?? String(choice.line);
    if (!entries.some((entry) => entry.id === id)) {
      problems.push(
        choice.entry === undefined
          ? { field: `keep.lines.${index}.line`, problem: `no entry starts on line ${choice.line}` }
          : { field: `keep.lines.${index}.entry`, problem: `no entry ${id} in the preview` },
      );
    }
  });
  sources.forEach((source, index) => {
    for (const id of source.entries ?? []) {
      if (!entries.some((entry) => entry.id === id)) {
        problems.push({ field: `sources.${index}.entries`, problem: `no entry ${id} in the preview` });
      }
    }
  });
  return { entries, problems };
}

/**
 * Whom in the case an entry is saved for: in a case of one, nobody in particular (it concerns
 * everyone); with co-accused, the one participant it names or the caseworker chose, and everyone
 * when it names nobody or several of them.
 */
function participantFor(entry: PreviewEntry, inCase: readonly string[]): string | null {
  if (inCase.length < 2 || entry.personId === null) {
    return null;
  }
  if (entry.corrected.includes('personId')) {
    return entry.personId;
  }
  const named = entry.people.filter((id) => inCase.includes(id));
  return named.length === 1 ? named[0] : null;
}

function correct<K extends keyof PreviewEntry>(entry: PreviewEntry, key: K, value: PreviewEntry[K]): void {
  if (entry[key] !== value) {
    entry[key] = value;
    entry.corrected.push(key);
  }
}

/** What must be settled before confirming: unreadable lines, people unsure, fields an event cannot have. */
export function blockingProblems(preview: Omit<ImportPreview, 'blocking'>, today: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = preview.warnings
    .filter((warning) => BLOCKING_WARNINGS.includes(warning.kind))
    .map((warning) => ({ field: 'text', problem: `line ${warning.line}: ${warning.problem}` }));
  const byId = new Map(preview.entries.map((entry) => [entry.id, entry]));
  for (const warning of preview.warnings) {
    const entry = warning.entry === undefined ? undefined : byId.get(warning.entry);
    if (!entry || entry.keep.skip) {
      continue;
    }
    if (warning.kind === 'custody-end-before-order' && entry.keep.custodyOrder) {
      problems.push({
        field: 'keep',
        problem: `line ${warning.line}: ${warning.problem}; correct the text or do not keep this custody order`,
      });
    }
    if (warning.kind === 'person-unsure' && entry.personId === null) {
      problems.push({
        field: 'keep',
        problem: `entry ${entry.id} (line ${entry.line}): choose whom it is about, or leave it out`,
      });
    }
  }
  for (const entry of preview.entries.filter((e) => !e.keep.skip)) {
    const fields = eventFieldProblems(
      {
        type: entry.type,
        occurredOn: entry.occurredOn,
        endedOn: LASTING.includes(entry.type) ? (entry.endedOn ?? null) : null,
        sentenceTerm: entry.type === 'sentence' ? (entry.sentenceTerm ?? null) : null,
      },
      today,
    );
    problems.push(
      ...fields.map((problem) => ({
        field: `entries.${entry.id}.${problem.field}`,
        problem: problem.problem,
      })),
    );
  }
  return problems;
}
