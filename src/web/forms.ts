import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, FieldProblem } from '../common/domain-error';
import type { DatePrecision } from '../common/entry';
import { fieldProblems } from '../common/validation';
import { CSRF_FIELD } from './csrf';
import { zoneFromTyped } from './country-zones';
import { readPlainDate, readPlainDateAsKnown } from './plain-date';
import { readPlainDuration, splitDurations } from './plain-duration';
import { readPlainTerm } from './plain-term';

// HTML forms post flat strings; the services take the API's DTOs. These turn one into the other and
// validate with the very DTO classes the API validates with, so a page shows the API's own problems.

/**
 * text: a string as typed (trimmed); blank stays blank so the DTO names what is missing.
 * optional: blank means "none" (left out when creating, null when editing).
 * int: a whole number; anything else is passed on for the DTO to refuse.
 * lines: one item per line, blank lines dropped.
 * list / numbers: items separated by commas or spaces ("a, b" or "30 100 150"); blank is "none".
 * flag: a checkbox.
 * choice: a yes/no select that may also be left blank ("as the default says").
 * date: a day as people write it ("20 November 2024", "20/11/2024", "٢٠ نوفمبر ٢٠٢٤"), passed on as
 *   ISO; blank is "none" as for optional; what cannot be read is a problem of its own (READ_PROBLEMS).
 * dateAsKnown: as date, but a month or a year alone is read too ("May 2022", "2022"), passed on as the
 *   event API takes them, YYYY-MM or YYYY; the precision is chosen beside it and checked by the service.
 * duration: one length of time as people say it ("3 days", "P3D"), passed on as ISO; blank is "none".
 * term: a sentence's term or a penalty as people say it ("15 ans", "2 years and 6 months", "à
 *   perpétuité"), passed on as the API stores it (P15Y, P2Y6M, life, death); blank is "none".
 * zone: an IANA time zone, chosen or typed as a city ("Baku" is Asia/Baku); a non-blank `<name>Typed`
 *   field wins over the choice. What names no zone is passed on for the DTO to refuse.
 * offsets: reminder offsets, from ticked boxes (ISO values) and a free field `<name>Other` of lengths
 *   as people say them ("3 days, 12 hours"); ISO durations, duplicates dropped; blank is "none".
 */
export type FieldKind =
  | 'text'
  | 'optional'
  | 'int'
  | 'lines'
  | 'list'
  | 'numbers'
  | 'flag'
  | 'choice'
  | 'date'
  | 'dateAsKnown'
  | 'duration'
  | 'term'
  | 'zone'
  | 'offsets';
export type FormSpec = Record<string, FieldKind>;
export type FormMode = 'create' | 'update';

type Plain = Record<string, unknown>;

/**
 * The problems found while reading a form (a date that is no date), kept on the form object so that
 * validateAs shows them together with the DTO's: a page lists all its problems at once. A symbol, so
 * that it is never a field, yet spreading the form ({ ...readForm(…), defenderId }) keeps it.
 */
export const READ_PROBLEMS = Symbol('problems found while reading the form');
type ReadForm = Plain & { [READ_PROBLEMS]?: FieldProblem[] };

/** Problems a date field can have; the pages word them with what was typed (problem-words.ts). */
export const UNREADABLE_DATE = 'could not be read as a date';
export const IMPOSSIBLE_DATE = 'is not a day of the calendar';
/** Followed by the piece of the free field that was not a length of time. */
export const UNREADABLE_OFFSET = 'could not be read as a length of time: ';
/** Followed by the term as typed. */
export const UNREADABLE_TERM = 'could not be read as a term: ';

/** How much of an ISO date says a date known to the day (2022-05-03), the month (2022-05) or the year. */
const ISO_LENGTH: Record<DatePrecision, number> = { day: 10, month: 7, year: 4 };

/** The ISO offsets of the ticked boxes and the free field, and the pieces that could not be read. */
function readOffsets(ticked: unknown, other: unknown): { offsets: string[]; unread: string[] } {
  const boxes = (Array.isArray(ticked) ? ticked : [ticked])
    .filter((value): value is string => typeof value === 'string')
    // A client that posts one text field ("P7D, P1D PT2H", as the API's lists are written) still works.
    .flatMap((value) => value.split(/[\s,;]+/))
    .filter((value) => value !== '');
  const pieces = [...boxes, ...(typeof other === 'string' ? splitDurations(other) : [])];
  const offsets = pieces.map((piece) => readPlainDuration(piece));
  return {
    offsets: [...new Set(offsets.filter((offset): offset is string => offset !== undefined))],
    unread: pieces.filter((_, index) => offsets[index] === undefined),
  };
}

function setPath(target: Plain, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  keys.slice(0, -1).forEach((key, index) => {
    // 'contacts.0.name' builds an array of objects; 'custodyExtension.days' an object.
    node = (node[key] ??= /^\d+$/.test(keys[index + 1]) ? [] : {}) as Plain;
  });
  node[keys[keys.length - 1]] = value;
}

/** A value that could not be read, and the problem to show for it. */
class Unread {
  constructor(readonly problem: string) {}
}

function readValue(raw: unknown, kind: Exclude<FieldKind, 'offsets' | 'zone'>, mode: FormMode): unknown {
  if (kind === 'flag') {
    return raw === 'on' || raw === 'true' || raw === '1';
  }
  const text = typeof raw === 'string' ? raw.trim() : Array.isArray(raw) ? raw.join('\n').trim() : '';
  switch (kind) {
    case 'text':
      return raw === undefined ? undefined : text;
    case 'optional':
      return text === '' ? (mode === 'update' ? null : undefined) : text;
    case 'int':
      if (text === '') {
        return mode === 'update' ? null : undefined;
      }
      return /^-?\d+$/.test(text) ? Number(text) : text;
    case 'lines':
      return text
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '');
    case 'list':
    case 'numbers': {
      if (text === '') {
        return mode === 'update' ? null : undefined;
      }
      const items = text.split(/[\s,;]+/).filter((item) => item !== '');
      return kind === 'numbers' ? items.map((item) => (/^\d+$/.test(item) ? Number(item) : item)) : items;
    }
    case 'choice':
      if (text === 'true' || text === 'false') {
        return text === 'true';
      }
      return text === '' ? (mode === 'update' ? null : undefined) : text;
    case 'date': {
      if (text === '') {
        return mode === 'update' ? null : undefined;
      }
      const reading = readPlainDate(text);
      if ('date' in reading) {
        return reading.date;
      }
      return new Unread(reading.problem === 'impossible' ? IMPOSSIBLE_DATE : UNREADABLE_DATE);
    }
    case 'dateAsKnown': {
      if (text === '') {
        return mode === 'update' ? null : undefined;
      }
      const reading = readPlainDateAsKnown(text);
      if ('date' in reading) {
        return reading.date.slice(0, ISO_LENGTH[reading.precision]);
      }
      return new Unread(reading.problem === 'impossible' ? IMPOSSIBLE_DATE : UNREADABLE_DATE);
    }
    case 'duration':
      if (text === '') {
        return mode === 'update' ? null : undefined;
      }
      return readPlainDuration(text) ?? new Unread(`${UNREADABLE_OFFSET}${text}`);
    case 'term':
      if (text === '') {
        return mode === 'update' ? null : undefined;
      }
      return readPlainTerm(text) ?? new Unread(`${UNREADABLE_TERM}${text}`);
  }
}

/** The DTO-shaped object a form describes; fields the spec does not name are dropped, never passed on. */
export function readForm(body: unknown, spec: FormSpec, mode: FormMode): Plain {
  const form = (body ?? {}) as Plain;
  const result: ReadForm = {};
  const problems: FieldProblem[] = [];
  for (const [name, kind] of Object.entries(spec)) {
    if (kind === 'offsets') {
      const { offsets, unread } = readOffsets(form[name], form[`${name}Other`]);
      problems.push(...unread.map((piece) => ({ field: name, problem: `${UNREADABLE_OFFSET}${piece}` })));
      if (unread.length === 0 && offsets.length > 0) {
        setPath(result, name, offsets);
      } else if (unread.length === 0 && mode === 'update') {
        setPath(result, name, null);
      }
      continue;
    }
    if (kind === 'zone') {
      const typed = typeof form[`${name}Typed`] === 'string' ? (form[`${name}Typed`] as string).trim() : '';
      const text = typed !== '' ? typed : form[name];
      if (typeof text === 'string') {
        setPath(result, name, zoneFromTyped(text) ?? text.trim());
      }
      continue;
    }
    const value = readValue(form[name], kind, mode);
    if (value instanceof Unread) {
      // Left out, so the DTO does not add "must not be blank" to "could not be read".
      problems.push({ field: name, problem: value.problem });
    } else if (value !== undefined) {
      setPath(result, name, value);
    }
  }
  if (problems.length > 0) {
    result[READ_PROBLEMS] = problems;
  }
  return result;
}

/** Rows of a repeated group ('contacts.0.name', 'contacts.1.name', ...) that were left wholly blank are dropped. */
export function filledRows<T extends object>(rows: unknown): T[] {
  return (Array.isArray(rows) ? rows : []).filter(
    (row): row is T => typeof row === 'object' && row !== null && Object.keys(row).length > 0,
  );
}

/**
 * The values to put back in a form after a failed submit: what the user typed, minus the token.
 * Boxes ticked under one name (offsets) come back as one list, "PT2H, P7D".
 */
export function typedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries((body ?? {}) as Plain)) {
    if (name !== CSRF_FIELD && typeof value === 'string') {
      values[name] = value;
    } else if (
      name !== CSRF_FIELD &&
      Array.isArray(value) &&
      value.every((item) => typeof item === 'string')
    ) {
      values[name] = value.join(', ');
    }
  }
  return values;
}

/**
 * Validates like the API's global ValidationPipe and throws the same DomainError with details per
 * field, together with the problems met while reading the form (a field that could not be read has
 * only that problem).
 */
export async function validateAs<T extends object>(dto: new () => T, plain: Plain): Promise<T> {
  const instance = plainToInstance(dto, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  const unread = (plain as ReadForm)[READ_PROBLEMS] ?? [];
  if (errors.length > 0 || unread.length > 0) {
    const unreadFields = new Set(unread.map((problem) => problem.field));
    const details = [...unread, ...fieldProblems(errors).filter((detail) => !unreadFields.has(detail.field))];
    throw new DomainError('VALIDATION', details.map((detail) => detail.problem).join('; '), details);
  }
  return instance;
}
