import type { FieldProblem } from '../common/domain-error';
import { FormSpec, readForm } from './forms';

// The import page's form: the text, the general choices, the two sources and, on the preview, the
// caseworker's corrections of each entry ('keep.lines.<n>.<field>'), in the DTO's shape. A correction
// the import refuses is left out and shown beside its entry, so the rest of the preview still stands.

// What a caseworker may correct on each entry of the preview, as the form names it.
const ENTRY_FIELDS: FormSpec = {
  line: 'int',
  entry: 'optional',
  skip: 'choice',
  occurredOn: 'dateAsKnown',
  precision: 'optional',
  endedOn: 'date',
  type: 'optional',
  sentenceTerm: 'term',
  personId: 'optional',
};
const MAX_ENTRY_CHOICES = 5000;

/** The import form's fields, the preview's per-entry corrections and its two sources, in the DTO's shape. */
export function readImportForm(body: Record<string, unknown>, confirm: boolean) {
  const spec: FormSpec = {
    text: 'text',
    visibility: 'optional',
    'keep.custodyOrders': 'flag',
    'keep.charges': 'flag',
    'keep.hearings': 'flag',
    'sourceAll.citation': 'optional',
    'sourceAll.url': 'optional',
    'sourceChosen.citation': 'optional',
    'sourceChosen.url': 'optional',
    'sourceChosen.entries': 'list',
  };
  const indices = new Set(
    Object.keys(body).flatMap((key) => /^keep\.lines\.(\d{1,4})\./.exec(key)?.[1] ?? []),
  );
  for (const index of [...indices].filter((value) => Number(value) < MAX_ENTRY_CHOICES)) {
    for (const [field, kind] of Object.entries(ENTRY_FIELDS)) {
      spec[`keep.lines.${index}.${field}`] = kind;
    }
  }
  const { sourceAll, sourceChosen, ...plain } = readForm(body, spec, 'create') as Record<string, unknown> & {
    sourceAll?: { citation?: string; url?: string };
    sourceChosen?: { citation?: string; url?: string; entries?: string[] };
  };
  // A source block left blank is no source; the chosen one applies to the ticked entries only.
  const sources = [
    ...(sourceAll?.citation || sourceAll?.url ? [sourceAll] : []),
    ...(sourceChosen?.citation || sourceChosen?.url
      ? [{ ...sourceChosen, entries: sourceChosen.entries ?? [] }]
      : []),
  ];
  const keep = plain.keep as { lines?: unknown[] } | undefined;
  if (keep?.lines) {
    keep.lines = keep.lines.filter(Boolean);
  }
  return { ...plain, ...(sources.length > 0 ? { sources } : {}), ...(confirm ? { confirm: true } : {}) };
}

const LINE_FIELD = /^keep\.lines\.(\d{1,4})\.(\w+)$/;

// The corrections that go with a refused one: a date with its precision; a person with the choice
// to keep the entry (keeping someone else's entry is what is refused). An unknown entry has none.
const LEFT_OUT_WITH: Record<string, string[]> = {
  occurredOn: ['occurredOn', 'precision'],
  precision: ['occurredOn', 'precision'],
  personId: ['personId', 'skip'],
  line: Object.keys(ENTRY_FIELDS),
  entry: Object.keys(ENTRY_FIELDS),
};

/** True when every problem is about an entry's correction, so the preview can stand without them. */
export const onlyEntryProblems = (problems: FieldProblem[]): boolean =>
  problems.length > 0 && problems.every((problem) => LINE_FIELD.test(problem.field));

/** The form without the corrections the problems are about (and those that go with them). */
export function withoutRefusedCorrections(
  body: Record<string, unknown>,
  problems: FieldProblem[],
): Record<string, unknown> {
  const left = new Set(
    problems.flatMap((problem) => {
      const [, index, field] = LINE_FIELD.exec(problem.field) ?? [];
      return index === undefined
        ? []
        : (LEFT_OUT_WITH[field] ?? [field]).map((name) => `keep.lines.${index}.${name}`);
    }),
  );
  return Object.fromEntries(Object.entries(body).filter(([name]) => !left.has(name)));
}
