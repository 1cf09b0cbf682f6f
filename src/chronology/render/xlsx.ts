import { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { neutraliseFormula } from '../../common/csv';
import { ChronologyDocument } from '../chronology-document';
import { splitIsoDate } from '../date-phrases';
import { chronologyRows, CSV_COLUMNS } from './csv';
import { authorOf } from './layout';

// The CSV's rows as an Excel workbook, for spreadsheets that guess a CSV's encoding wrong
// (LibreOffice reads it as Windows-1252 despite the byte-order mark, garbling Cyrillic): text is
// stored as Unicode whatever the reader's locale, `date` is a real date cell (the first day of its
// month or year when only those are known, as `precision` says) with `date_text` beside it, and
// every text cell is neutralised as the CSV's are, so nothing typed can become a formula.

type ExcelJs = typeof import('exceljs');

// Required on the first XLSX export, not at start, as docx and pdfkit are: most api processes never
// write a workbook.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the lazy load described above
const excelJs = (): ExcelJs => require('exceljs');

const WIDTHS: Record<(typeof CSV_COLUMNS)[number], number> = {
  date: 12,
  precision: 10,
  date_text: 22,
  kind: 14,
  label: 20,
  text: 80,
  case: 24,
  sources: 40,
  visibility: 12,
};

const asDate = (iso: string): Date => {
  const { year, month, day } = splitIsoDate(iso);
  return new Date(Date.UTC(year, month - 1, day));
};

export async function renderXlsx(doc: ChronologyDocument, out: Writable): Promise<void> {
  const { stream } = excelJs();
  const workbook = new stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: true });
  workbook.creator = authorOf(doc);
  workbook.created = doc.generatedAt;
  workbook.title = doc.title;
  const sheet = workbook.addWorksheet('Chronology', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = CSV_COLUMNS.map((key) => ({
    header: key,
    key,
    width: WIDTHS[key],
    style:
      key === 'date' ? { numFmt: 'yyyy-mm-dd' } : key === 'text' ? { alignment: { wrapText: true } } : {},
  }));
  sheet.getRow(1).font = { bold: true };
  for (const row of chronologyRows(doc)) {
    const cells: Record<string, string | Date> = {};
    for (const key of CSV_COLUMNS) {
      cells[key] = neutraliseFormula(row[key]);
    }
    cells.date = asDate(row.date);
    sheet.addRow(cells).commit();
  }
  sheet.commit();
  const done = finished(out);
  await workbook.commit();
  await done;
}
