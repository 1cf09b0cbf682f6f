import { parse as parseCsv } from 'csv-parse/sync';
import JSZip from 'jszip';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import * as nodeIcal from 'node-ical';
import type { Response } from 'supertest';

// Exports read back the way their users' tools would read them: PDF text through poppler's
// pdftotext, DOCX through its XML, CSV through a CSV parser, calendars through a calendar parser.

/** supertest parser that keeps any body as raw bytes (the response is a Node stream underneath). */
export const rawBody = (response: unknown, callback: (error: Error | null, body: Buffer) => void): void => {
  const stream = response as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(Buffer.from(chunk)));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
};

export const bodyBytes = (response: Response): Buffer => response.body as Buffer;

export function pdfToText(pdf: Buffer): string {
  const directory = mkdtempSync(join(tmpdir(), 'vigil-export-'));
  try {
    writeFileSync(join(directory, 'export.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(directory, 'export.pdf'), '-'], {
      encoding: 'utf8',
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

export async function docxText(docx: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(docx);
  const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
  return xml
    .replace(/<w:p[ >]/g, '\n$&')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

export const csvRows = (csv: Buffer): Record<string, string>[] =>
  parseCsv(csv, { bom: true, columns: true }) as Record<string, string>[];

/** A workbook's first sheet as exceljs reads it: the header row's names → each later row's cell values. */
export async function xlsxRows(xlsx: Buffer): Promise<Record<string, ExcelJS.CellValue>[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).map((value) => String(value ?? ''));
  const rows: Record<string, ExcelJS.CellValue>[] = [];
  sheet.eachRow((row, number) => {
    if (number > 1) {
      const values = row.values as ExcelJS.CellValue[];
      rows.push(
        Object.fromEntries(header.map((name, index) => [name, values[index]]).filter(([name]) => name)),
      );
    }
  });
  return rows;
}

export function calendarEvents(ics: Buffer): nodeIcal.VEvent[] {
  return Object.values(nodeIcal.sync.parseICS(ics.toString('utf8'))).filter(
    (item): item is nodeIcal.VEvent => item?.type === 'VEVENT',
  );
}

/** A VEVENT as a second, independent parser (Debian's python3-icalendar) reads it. */
export interface PythonEvent {
  uid: string;
  dtstart: string;
  dtend: string | null;
  sequence: number;
  summary: string;
  location: string | null;
}

const PYTHON_ICALENDAR = `
import icalendar, json, sys
calendar = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
def when(prop):
    return None if prop is None else prop.dt.isoformat()
print(json.dumps({
    'name': str(calendar.get('NAME', '')),
    'calname': str(calendar.get('X-WR-CALNAME', '')),
    'events': [{
        'uid': str(event['UID']), 'dtstart': when(event.get('DTSTART')), 'dtend': when(event.get('DTEND')),
        'sequence': int(event.get('SEQUENCE', 0)), 'summary': str(event.get('SUMMARY', '')),
        'location': None if event.get('LOCATION') is None else str(event['LOCATION']),
    } for event in calendar.walk('VEVENT')],
}))
`;

/** The calendar as python icalendar reads it (Debian's /usr/bin/python3: the package is installed for it). */
export function pythonCalendar(ics: Buffer): { name: string; calname: string; events: PythonEvent[] } {
  return JSON.parse(
    execFileSync('/usr/bin/python3', ['-c', PYTHON_ICALENDAR], { input: ics, encoding: 'utf8' }),
  ) as { name: string; calname: string; events: PythonEvent[] };
}

/** Everything a reader of the export could see, as one string with spaces for line breaks, whatever the format. */
export async function readableText(format: string, body: Buffer): Promise<string> {
  return (await rawText(format, body)).replace(/\s+/g, ' ');
}

async function rawText(format: string, body: Buffer): Promise<string> {
  switch (format) {
    case 'md':
    case 'html':
      return body.toString('utf8');
    case 'pdf':
      return pdfToText(body);
    case 'docx':
      return docxText(body);
    case 'csv':
      return csvRows(body)
        .map((row) => Object.values(row).join('\n'))
        .join('\n');
    case 'xlsx':
      return (await xlsxRows(body))
        .map((row) =>
          Object.values(row)
            .map((value) => (value instanceof Date ? value.toISOString() : String(value)))
            .join('\n'),
        )
        .join('\n');
    case 'json':
    case 'timelinejs':
      return JSON.stringify(JSON.parse(body.toString('utf8')));
    case 'ics':
      return calendarEvents(body)
        .map((event) =>
          [event.summary, event.description, event.location, event.uid]
            .map((value) => String(value ?? ''))
            .join('\n'),
        )
        .join('\n');
    default:
      throw new Error(`No reader for ${format}`);
  }
}
