import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { csvStringifier } from '../../common/csv';
import { ChronologyDocument } from '../chronology-document';
import { formatDate } from '../date-phrases';

// One row per chronology entry, for spreadsheets. A byte-order mark tells Excel the file is UTF-8
// (otherwise Cyrillic and curly quotes arrive garbled); column names stay English and stable. Cells
// that a spreadsheet would run as a formula are written as text (csvStringifier).
export const CSV_COLUMNS = [
  'date',
  'precision',
  'date_text',
  'kind',
  'label',
  'text',
  'case',
  'sources',
  'visibility',
] as const;

/** The rows of the CSV and the XLSX: one per entry, the same cells in both. */
export function* chronologyRows(
  doc: ChronologyDocument,
): Generator<Record<(typeof CSV_COLUMNS)[number], string>> {
  const sources = new Map(doc.sources.map((source) => [source.number, source]));
  for (const entry of doc.entries) {
    yield {
      date: entry.occurredOn,
      precision: entry.precision,
      date_text: formatDate(entry.occurredOn, entry.precision, doc.lang),
      kind: entry.kind,
      label: entry.label,
      text: entry.text,
      case: entry.caseLabel,
      sources: entry.sources
        .map((number) => sources.get(number))
        .map((source) => [source?.citation, source?.url].filter(Boolean).join(' '))
        .join(' | '),
      visibility: entry.visibility,
    };
  }
}

export const renderCsv = (doc: ChronologyDocument, out: Writable): Promise<void> =>
  pipeline(
    Readable.from(chronologyRows(doc)),
    csvStringifier({ header: true, columns: [...CSV_COLUMNS], bom: true }),
    out,
  );
