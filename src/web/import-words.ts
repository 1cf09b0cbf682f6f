import type { ImportWarning, ParsedEntry, WarningParams } from '../chronology/import-parser';
import type { FieldProblem } from '../common/domain-error';
import type { Language } from '../i18n/languages';
import { listOf, MessageKey, translate } from '../i18n/translate';
import { formatDay } from './format';
import { problemInWords } from './problem-words';

// The importer words its warnings, and why it refuses to save, in English for API clients; the
// preview page says each in the reader's language: a warning by its kind, with the dates and names it
// carries written as the page writes them, and a refusal by the warning or the field it is about.

const inWords = (value: WarningParams[string], language: Language): string | number => {
  if (Array.isArray(value)) {
    return listOf(language, value);
  }
  return typeof value === 'object' ? formatDay(value.on, value.precision, language) : value;
};

/** An import warning, as the preview page shows it. */
export function importWarningInWords(
  warning: Pick<ImportWarning, 'kind' | 'params'>,
  language: Language,
): string {
  const values = Object.fromEntries(
    Object.entries(warning.params).map(([name, value]) => [name, inWords(value, language)]),
  );
  return translate(language, `importWarning.${warning.kind}` satisfies MessageKey, values);
}

const ON_LINE = /^line (\d+): /;
const PERSON_UNSURE = /^entry (\S+) \(line (\d+)\): choose whom it is about/;
const ENTRY_FIELD = /^entries\.(.+)\.(\w+)$/;

/**
 * Why saving an import was refused (blockingProblems in chronology/import-choices.ts), as the preview
 * page says it: by the warning it repeats, or by the entry's field, labelled as the page labels it.
 */
export function importRefusalInWords(
  refusal: FieldProblem,
  preview: { warnings: ImportWarning[]; entries: Pick<ParsedEntry, 'id' | 'line'>[] },
  language: Language,
  labels: Record<string, string> = {},
): string {
  const person = PERSON_UNSURE.exec(refusal.problem);
  if (person) {
    return translate(language, 'importPreview.refusedPerson', { entry: person[1], line: Number(person[2]) });
  }
  const onLine = ON_LINE.exec(refusal.problem);
  const line = Number(onLine?.[1]);
  const warning = onLine
    ? preview.warnings.find(
        (w) => w.line === line && refusal.problem.startsWith(`line ${line}: ${w.problem}`),
      )
    : undefined;
  if (warning) {
    const words = importWarningInWords(warning, language);
    return warning.kind === 'custody-end-before-order'
      ? translate(language, 'importPreview.refusedCustody', { line, warning: words })
      : translate(language, 'importPreview.lineSays', { line, text: words });
  }
  const entryField = ENTRY_FIELD.exec(refusal.field);
  if (entryField) {
    const [, id, field] = entryField;
    const words = problemInWords(refusal.problem, field, labels[field] ?? field, language);
    const entry = preview.entries.find((candidate) => candidate.id === id);
    return entry ? translate(language, 'importPreview.lineSays', { line: entry.line, text: words }) : words;
  }
  return problemInWords(refusal.problem, refusal.field, labels[refusal.field] ?? refusal.field, language);
}
