import { parse as parseCsv } from 'csv-parse/sync';
import JSZip from 'jszip';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import * as nodeIcal from 'node-ical';
import type { Visibility } from '../../common/entry';
import { buildDocument } from '../build-document';
import { ChargeRecord, ChronologyRecord, DocumentInput, HearingRecord } from '../chronology-records';
import { ChronologyDocument, ExportFormat, ExportVisibility } from '../chronology-document';
import { RENDERERS } from './renderers';

// A file made at `internal` or `all` says so on every entry and event that is not public, not only at
// its top: pages, calendar events and timeline slides get separated from the first page. And a line
// made of several charges is as restricted as the most restricted of them.

const CASE_ID = '11111111-1111-4111-8111-111111111111';
const created = new Date('2026-01-01T00:00:00Z');

const charge = (id: string, section: string, visibility: Visibility): ChargeRecord => ({
  kind: 'charge',
  id,
  caseId: CASE_ID,
  visibility,
  createdAt: created,
  law: 'Indian Penal Code',
  section,
  offence: null,
  broughtOn: '2021-11-22',
  status: 'alleged',
});

const hearing = (id: string, day: string, court: string, visibility: Visibility): HearingRecord => ({
  kind: 'hearing',
  id,
  caseId: CASE_ID,
  visibility,
  createdAt: created,
  scheduledLocal: `${day}T10:30:00`,
  scheduledAt: new Date(`${day}T05:00:00Z`),
  timeKnown: true,
  court,
  judge: null,
  purpose: null,
  status: 'scheduled',
  outcome: null,
  updatedAt: null,
});

const records: ChronologyRecord[] = [
  {
    kind: 'event',
    id: 'e0000000-0000-4000-8000-000000000001',
    caseId: CASE_ID,
    visibility: 'public',
    createdAt: created,
    occurredOn: '2021-11-22',
    precision: 'day',
    type: 'arrest',
    title: null,
    description: 'Arrested by the NIA in Srinagar.',
    sources: [],
  },
  // One public, one internal and one confidential charge of one day: read as one line.
  charge('c0000000-0000-4000-8000-000000000001', '121A', 'public'),
  charge('c0000000-0000-4000-8000-000000000002', '120B', 'internal'),
  charge('c0000000-0000-4000-8000-000000000003', '124A', 'confidential'),
  {
    kind: 'event',
    id: 'e0000000-0000-4000-8000-000000000002',
    caseId: CASE_ID,
    visibility: 'confidential',
    createdAt: created,
    occurredOn: '2021-12-01',
    precision: 'day',
    type: 'health',
    title: null,
    description: 'Health note.',
    sources: [],
  },
  hearing('a0000000-0000-4000-8000-000000000001', '2026-01-20', 'Public Court', 'public'),
  hearing('a0000000-0000-4000-8000-000000000002', '2026-01-21', 'Internal Court', 'internal'),
  hearing('a0000000-0000-4000-8000-000000000003', '2026-01-22', 'Secret Court', 'confidential'),
];

const documentAt = (visibility: ExportVisibility): ChronologyDocument => {
  const input: DocumentInput = {
    lang: 'en',
    visibility,
    now: new Date('2026-01-15T09:00:00Z'),
    defender: {
      id: 'f0000000-0000-4000-8000-000000000001',
      fullName: 'Khurram Parvez',
      otherNames: [],
      profession: null,
      affiliations: [],
      bio: null,
      country: 'IN',
    },
    cases: [
      {
        id: CASE_ID,
        title: 'NIA case',
        caseNumber: null,
        court: null,
        timezone: 'Asia/Kolkata',
        arrestedOn: '2021-11-22',
        arrestedOnPrecision: 'day',
        releasedOn: null,
      },
    ],
    records,
    narratedBy: new Map(),
    closingLine: null,
  };
  return buildDocument(input);
};

async function render(format: ExportFormat, doc: ChronologyDocument): Promise<string> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  await RENDERERS[format].render(doc, sink);
  const file = Buffer.concat(chunks);
  if (format === 'pdf') {
    const directory = mkdtempSync(join(tmpdir(), 'vigil-pdf-'));
    try {
      writeFileSync(join(directory, 'export.pdf'), file);
      return execFileSync('pdftotext', ['-enc', 'UTF-8', join(directory, 'export.pdf'), '-'], {
        encoding: 'utf8',
      }).replace(/\s+/g, ' ');
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }
  if (format === 'docx') {
    const zip = await JSZip.loadAsync(file);
    return ((await zip.file('word/document.xml')?.async('string')) ?? '').replace(/<[^>]+>/g, '');
  }
  const text = file.toString('utf8');
  return format === 'html' ? text.replace(/<[^>]+>/g, '') : text;
}

describe('a line of charges brought together', () => {
  const chargeLines = (doc: ChronologyDocument) => doc.entries.filter((entry) => entry.kind === 'charge');

  it('carries the most restrictive visibility of the charges it holds', () => {
    expect(chargeLines(documentAt('public')).map((e) => [e.text, e.visibility])).toEqual([
      ['Charged under Section 121A of the Indian Penal Code.', 'public'],
    ]);
    expect(chargeLines(documentAt('internal')).map((e) => [e.text, e.visibility])).toEqual([
      ['Charged under Sections 121A and 120B of the Indian Penal Code.', 'internal'],
    ]);
    expect(chargeLines(documentAt('all')).map((e) => [e.text, e.visibility])).toEqual([
      ['Charged under Sections 121A, 120B and 124A of the Indian Penal Code.', 'confidential'],
    ]);
  });

  it('says so in CSV and JSON rows', async () => {
    const rows = parseCsv(await render('csv', documentAt('internal')), {
      bom: true,
      columns: true,
    }) as Record<string, string>[];
    expect(rows.find((row) => row.kind === 'charge')?.visibility).toBe('internal');
    const json = JSON.parse(await render('json', documentAt('all'))) as {
      entries: { kind: string; visibility: string }[];
    };
    expect(json.entries.find((entry) => entry.kind === 'charge')?.visibility).toBe('confidential');
  });
});

describe('marking what is not public', () => {
  it.each(['md', 'html', 'pdf', 'docx'] as const)(
    'marks each confidential and internal entry in %s, and no public one',
    async (format) => {
      const text = (await render(format, documentAt('all'))).replace(/&#39;|&quot;/g, '');
      expect(text).toContain('[CONFIDENTIAL] 1 December 2021');
      expect(text).toContain('[CONFIDENTIAL] 22 November 2021: Charged under Sections 121A, 120B and 124A');
      expect(text).toContain('[INTERNAL] 21 January 2026');
      expect(text).toContain('[CONFIDENTIAL] 22 January 2026');
      expect(text).not.toMatch(/\] 22 November 2021: Arrested/);
      expect(text).not.toMatch(/\] 20 January 2026/);
      const publicText = await render(format, documentAt('public'));
      expect(publicText).not.toContain('[CONFIDENTIAL]');
      expect(publicText).not.toContain('[INTERNAL]');
    },
  );

  it('gives iCalendar events a CLASS and a marked summary, and the calendar the notice', async () => {
    const ics = await render('ics', documentAt('all'));
    const events = Object.values(nodeIcal.sync.parseICS(ics)).filter(
      (item): item is nodeIcal.VEvent => item?.type === 'VEVENT',
    );
    const byCourt = (court: string) => events.find((event) => event.location === court);
    expect(byCourt('Secret Court')).toMatchObject({
      class: 'CONFIDENTIAL',
      summary: '[CONFIDENTIAL] Hearing: Khurram Parvez — Secret Court',
    });
    expect(byCourt('Internal Court')).toMatchObject({
      class: 'PRIVATE',
      summary: '[INTERNAL] Hearing: Khurram Parvez — Internal Court',
    });
    expect(byCourt('Public Court')?.summary).toBe('Hearing: Khurram Parvez — Public Court');
    expect(ics.replace(/\r?\n[ \t]/g, '')).toContain(
      'X-WR-CALDESC:CONFIDENTIAL — includes confidential entries. Do not share.',
    );
    expect(await render('ics', documentAt('public'))).not.toMatch(/CLASS:|CONFIDENTIAL|INTERNAL/);
  });

  it('puts the notice in the TimelineJS title slide and marks each slide that is not public', async () => {
    const timeline = JSON.parse(await render('timelinejs', documentAt('internal'))) as {
      title: { text: { text: string } };
      events: { text: { headline: string } }[];
    };
    expect(timeline.title.text.text).toContain(
      'INTERNAL — includes entries marked internal. Not for publication.',
    );
    expect(timeline.events.map((event) => event.text.headline)).toEqual([
      'Arrested by the NIA in Srinagar',
      '[INTERNAL] Charged under Sections 121A and 120B of the Indian Penal Code',
      'Hearing at the Public Court',
      '[INTERNAL] Hearing at the Internal Court',
    ]);
    const open = JSON.parse(await render('timelinejs', documentAt('public'))) as {
      title: { text: { text: string } };
    };
    expect(open.title.text.text).not.toContain('INTERNAL');
  });
});
