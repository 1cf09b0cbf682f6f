import { parse as parseCsv } from 'csv-parse/sync';
import JSZip from 'jszip';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import * as nodeIcal from 'node-ical';
import { buildDocument } from '../build-document';
import { ChronologyRecord, DocumentInput } from '../chronology-records';
import { ChronologyDocument, ExportFormat } from '../chronology-document';
import { ChronologyLanguage } from '../date-phrases';
import { RENDERERS } from './renderers';

const CASE_ID = '11111111-1111-4111-8111-111111111111';
const created = new Date('2026-01-01T00:00:00Z');

const records: ChronologyRecord[] = [
  {
    kind: 'event',
    id: 'e0000000-0000-4000-8000-000000000001',
    caseId: CASE_ID,
    visibility: 'public',
    createdAt: created,
    occurredOn: '2020-10-01',
    precision: 'month',
    type: 'raid',
    title: null,
    description: 'Nine simultaneous raids on <homes> & offices.',
    sources: [{ citation: 'CIVICUS Monitor', url: 'https://monitor.civicus.org/a?b=1&c=2' }],
  },
  {
    kind: 'event',
    id: 'e0000000-0000-4000-8000-000000000002',
    caseId: CASE_ID,
    visibility: 'public',
    createdAt: created,
    occurredOn: '2021-11-22',
    precision: 'day',
    type: 'arrest',
    title: null,
    description: 'Arrested by the NIA in Srinagar.\n\nAccording to the arrest memo, he faces charges.',
    sources: [{ citation: 'CIVICUS Monitor', url: 'https://monitor.civicus.org/a?b=1&c=2' }],
  },
  {
    kind: 'charge',
    id: 'c0000000-0000-4000-8000-000000000001',
    caseId: CASE_ID,
    visibility: 'public',
    createdAt: created,
    law: 'Indian Penal Code',
    section: '121A',
    offence: null,
    broughtOn: '2021-11-22',
    status: 'alleged',
  },
  {
    kind: 'charge',
    id: 'c0000000-0000-4000-8000-000000000002',
    caseId: CASE_ID,
    visibility: 'public',
    createdAt: created,
    law: 'Indian Penal Code',
    section: '120B',
    offence: null,
    broughtOn: '2021-11-22',
    status: 'alleged',
  },
  {
    kind: 'custody_order',
    id: 'd0000000-0000-4000-8000-000000000001',
    caseId: CASE_ID,
    visibility: 'public',
    createdAt: created,
    custodyKind: 'judicial',
    orderedOn: '2025-12-25',
    days: 30,
    until: null,
    court: null,
  },
  {
    kind: 'hearing',
    id: 'a0000000-0000-4000-8000-000000000001',
    caseId: CASE_ID,
    visibility: 'public',
    createdAt: created,
    scheduledLocal: '2026-01-20T10:30:00',
    scheduledAt: new Date('2026-01-20T05:00:00Z'),
    timeKnown: true,
    court: 'NIA Special Court',
    judge: 'Judge Singh',
    purpose: 'Custody extension',
    status: 'scheduled',
    outcome: null,
    updatedAt: new Date('2026-01-02T00:00:00Z'),
  },
  {
    kind: 'hearing',
    id: 'a0000000-0000-4000-8000-000000000002',
    caseId: CASE_ID,
    visibility: 'public',
    createdAt: created,
    scheduledLocal: '2026-02-10T00:00:00',
    scheduledAt: new Date('2026-02-09T18:30:00Z'),
    timeKnown: false,
    court: 'NIA Special Court',
    judge: null,
    purpose: null,
    status: 'scheduled',
    outcome: null,
    updatedAt: new Date('2026-01-02T00:00:00Z'),
  },
  {
    kind: 'event',
    id: 'e0000000-0000-4000-8000-000000000003',
    caseId: CASE_ID,
    visibility: 'confidential',
    createdAt: created,
    occurredOn: '2021-12-01',
    precision: 'day',
    type: 'health',
    title: null,
    description: 'SECRET-HEALTH-NOTE',
    sources: [],
  },
];

const input = (lang: ChronologyLanguage = 'en'): DocumentInput => ({
  lang,
  visibility: 'public',
  now: new Date('2026-01-15T09:00:00Z'),
  defender: {
    id: 'f0000000-0000-4000-8000-000000000001',
    fullName: 'Khurram Parvez',
    otherNames: [],
    profession: 'human rights defender',
    affiliations: ['JKCCS'],
    bio: null,
    country: 'IN',
  },
  cases: [
    {
      id: CASE_ID,
      title: 'NIA case',
      caseNumber: 'RC-30/2021/NIA/DLI',
      court: 'NIA Special Court',
      timezone: 'Asia/Kolkata',
      arrestedOn: '2021-11-22',
      arrestedOnPrecision: 'day',
      releasedOn: null,
    },
  ],
  records,
  narratedBy: new Map(),
  closingLine: "India is rated 'Repressed' by the CIVICUS Monitor.",
});

async function render(format: ExportFormat, doc: ChronologyDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      chunks.push(Buffer.from(chunk));
      callback();
    },
  });
  await RENDERERS[format].render(doc, sink);
  return Buffer.concat(chunks);
}

function pdfText(pdf: Buffer): string {
  const directory = mkdtempSync(join(tmpdir(), 'vigil-pdf-'));
  try {
    writeFileSync(join(directory, 'export.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(directory, 'export.pdf'), '-'], {
      encoding: 'utf8',
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe('building the chronology document', () => {
  const doc = buildDocument(input());

  it('leaves out what the export’s visibility does not allow', () => {
    expect(JSON.stringify(doc)).not.toContain('SECRET-HEALTH-NOTE');
  });

  it('writes entries as statements do and joins charges of one day into one line', () => {
    expect(doc.entries.map((entry) => `${entry.lead}: ${entry.text}`)).toEqual([
      'In October 2020: Nine simultaneous raids on <homes> & offices.',
      '22 November 2021: Arrested by the NIA in Srinagar.\n\nAccording to the arrest memo, he faces charges.',
      '22 November 2021: Charged under Sections 121A and 120B of the Indian Penal Code.',
      '25 December 2025: Judicial custody for 30 days.',
      '20 January 2026: Hearing at the NIA Special Court at 10:30 IST; custody extension.',
      '10 February 2026: Hearing at the NIA Special Court.',
    ]);
    expect(doc.sources).toEqual([
      { number: 1, citation: 'CIVICUS Monitor', url: 'https://monitor.civicus.org/a?b=1&c=2' },
    ]);
  });

  it('summarises the case: charges by law, custody, days detained, next hearing', () => {
    expect(doc.cases[0]).toMatchObject({
      charges: [{ law: 'Indian Penal Code', sections: ['120B', '121A'] }],
      currentCustody: { kind: 'judicial', orderedOn: '2025-12-25', endsOn: '2026-01-24' },
      daysDetained: 1515,
      nextHearing: { local: '2026-01-20T10:30:00', court: 'NIA Special Court' },
    });
  });

  it('folds a record into the event that tells it, while that event is shown', () => {
    const narratedBy = new Map([
      ['custody_order:d0000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000002'],
    ]);
    expect(buildDocument({ ...input(), narratedBy }).entries.map((entry) => entry.kind)).not.toContain(
      'custody_order',
    );
    const hidden = new Map([
      ['custody_order:d0000000-0000-4000-8000-000000000001', 'e0000000-0000-4000-8000-000000000003'],
    ]);
    expect(buildDocument({ ...input(), narratedBy: hidden }).entries.map((entry) => entry.kind)).toContain(
      'custody_order',
    );
  });

  it('writes a hearing as one sentence: where and when, then purpose, status and outcome as clauses', () => {
    const hearing = (
      overrides: Partial<Extract<ChronologyRecord, { kind: 'hearing' }>>,
    ): ChronologyRecord => ({
      ...(records[5] as Extract<ChronologyRecord, { kind: 'hearing' }>),
      ...overrides,
    });
    const lines = (lang: ChronologyLanguage, record: ChronologyRecord): string[] =>
      buildDocument({ ...input(lang), records: [record] }).entries.map(
        (entry) => `${entry.lead}: ${entry.text}`,
      );
    const held = hearing({
      scheduledLocal: '2022-01-21T00:00:00',
      scheduledAt: new Date('2022-01-20T18:30:00Z'),
      timeKnown: false,
      purpose: null,
      status: 'held',
      outcome: 'Custody extended by 50 days.',
    });
    expect(lines('en', held)).toEqual([
      '21 January 2022: Hearing at the NIA Special Court; custody extended by 50 days.',
    ]);
    expect(lines('ru', held)).toEqual([
      '21 января 2022 г.: Судебное заседание — NIA Special Court; custody extended by 50 days.',
    ]);
    expect(lines('en', hearing({ status: 'cancelled', purpose: 'NIA remand' }))).toEqual([
      '20 January 2026: Hearing at the NIA Special Court at 10:30 IST; NIA remand; cancelled.',
    ]);
    expect(lines('fr', hearing({ status: 'adjourned', court: null }))).toEqual([
      '20 janvier 2026: Audience, 10:30 IST\u00a0; custody extension\u00a0; reportée.',
    ]);
  });

  it.each(['en', 'ru', 'fr', 'es'] as const)(
    'ends a %s custody line that ends with a date with one full stop',
    (lang) => {
      const order = {
        ...(records[4] as Extract<ChronologyRecord, { kind: 'custody_order' }>),
        until: '2026-03-03',
      };
      const [entry] = buildDocument({ ...input(lang), records: [order] }).entries;
      expect(entry.text).toMatch(/[^.]\.$/);
      if (lang === 'ru') {
        expect(entry.text).toBe('Содержание под стражей по решению суда на 30 дней, до 3 марта 2026 г.');
      }
    },
  );

  it('limits entries to the dates asked for but keeps the summary whole', () => {
    const limited = buildDocument({ ...input(), from: '2021-01-01', to: '2021-12-31' });
    expect(limited.entries.map((entry) => entry.occurredOn)).toEqual(['2021-11-22', '2021-11-22']);
    expect(limited.cases[0].nextHearing).not.toBeNull();
  });
});

describe('the summary line on the detention', () => {
  it('states it in every human-readable format and language, from the detention history', async () => {
    const line = 'In pre-trial detention since 22 November 2021 (1,515 days)';
    const doc = buildDocument(input());
    expect(doc.cases[0].detention).toBe(line);
    expect((await render('md', doc)).toString('utf8')).toContain(`- **Detention:** ${line}`);
    expect((await render('html', doc)).toString('utf8')).toContain(line);
    expect(JSON.parse((await render('json', doc)).toString('utf8')).cases[0].detention).toBe(line);
    expect(JSON.parse((await render('timelinejs', doc)).toString('utf8')).title.text.text).toContain(line);
    expect(pdfText(await render('pdf', buildDocument(input('ru')))).replace(/\s+/g, ' ')).toContain(
      'Предварительное заключение с 22 ноября 2021 г. (1 515 дней)',
    );
    const zip = await JSZip.loadAsync(await render('docx', buildDocument(input('fr'))));
    expect(((await zip.file('word/document.xml')?.async('string')) ?? '').replace(/<[^>]+>/g, '')).toContain(
      'En détention provisoire depuis le 22 novembre 2021 (1\u202f515 jours)',
    );
    expect(buildDocument(input('es')).cases[0].detention).toBe(
      'En prisión preventiva desde el 22 de noviembre de 2021 (1515 días)',
    );
  });
});

describe('a next hearing whose time is not known', () => {
  // Only the day-only hearing of 10 February is ahead.
  const doc = buildDocument({
    ...input(),
    now: new Date('2026-01-21T09:30:00Z'),
  });
  // A clock time of midnight, not the seconds of another time ("09:00:00").
  const midnight = /(?<![0-9:])00:00/;

  it('is printed as its day in every format, never at 00:00', async () => {
    expect(doc.cases[0].nextHearing).toMatchObject({ local: '2026-02-10T00:00:00', timeKnown: false });
    for (const format of ['md', 'html', 'csv', 'json', 'ics', 'timelinejs'] as const) {
      expect([format, (await render(format, doc)).toString('utf8')]).not.toEqual([
        format,
        expect.stringMatching(midnight),
      ]);
    }
    expect(pdfText(await render('pdf', doc))).not.toMatch(midnight);
    const zip = await JSZip.loadAsync(await render('docx', doc));
    expect((await zip.file('word/document.xml')?.async('string')) ?? '').not.toMatch(midnight);
    const json = JSON.parse((await render('json', doc)).toString('utf8'));
    expect(json.cases[0].nextHearing).toMatchObject({ local: '2026-02-10', instant: null, timeKnown: false });
  });
});

describe('rendering each format, read back by an independent reader', () => {
  const doc = buildDocument(input());

  it('Markdown', async () => {
    const text = (await render('md', doc)).toString('utf8');
    expect(text).toContain('# Khurram Parvez: chronology');
    expect(text).toContain('In October 2020: Nine simultaneous raids on \\<homes\\> & offices. [1]');
    expect(text).toContain(
      '22 November 2021: Arrested by the NIA in Srinagar.\n\nAccording to the arrest memo, he faces charges. [1]',
    );
    expect(text).toContain('- **Charges:** Indian Penal Code: 120B, 121A');
    expect(text).toContain('1. CIVICUS Monitor, <https://monitor.civicus.org/a?b=1&c=2>');
    expect(text).toContain("India is rated 'Repressed' by the CIVICUS Monitor.");
  });

  it('HTML, with every piece of text escaped', async () => {
    const html = (await render('html', doc)).toString('utf8');
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    expect(html).toContain('Nine simultaneous raids on &lt;homes&gt; &amp; offices.');
    expect(html).not.toContain('<homes>');
    expect(html).toContain('href="https://monitor.civicus.org/a?b=1&amp;c=2"');
  });

  it('PDF, with Cyrillic text intact', async () => {
    const pdf = await render('pdf', buildDocument(input('ru')));
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(pdf).replace(/\s+/g, ' ');
    expect(text).toContain('Khurram Parvez: хронология');
    expect(text).toContain('В октябре 2020 г.: Nine simultaneous raids');
    expect(text).toContain('22 ноября 2021 г.: Arrested by the NIA in Srinagar.');
    expect(text).toContain('Обвинение по статьям 121A и 120B (Indian Penal Code).');
    expect(text).toContain('Содержание под стражей по решению суда на 30 дней.');
  });

  it('DOCX, whose XML holds the entries', async () => {
    const zip = await JSZip.loadAsync(await render('docx', buildDocument(input('fr'))));
    const xml = await zip.file('word/document.xml')?.async('string');
    const text = (xml ?? '').replace(/<[^>]+>/g, '');
    expect(text).toContain('En octobre 2020\u00a0: Nine simultaneous raids on &lt;homes&gt; &amp; offices.');
    expect(text).toContain('22 novembre 2021\u00a0: Arrested by the NIA in Srinagar.');
    expect(text).toContain('Résumé de l’affaire');
  });

  it('CSV, one row per entry', async () => {
    const csv = await render('csv', buildDocument(input('es')));
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const rows = parseCsv(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(6);
    expect(rows[1]).toMatchObject({
      date: '2021-11-22',
      precision: 'day',
      date_text: '22 de noviembre de 2021',
      kind: 'event',
      text: 'Arrested by the NIA in Srinagar.\n\nAccording to the arrest memo, he faces charges.',
      sources: 'CIVICUS Monitor https://monitor.civicus.org/a?b=1&c=2',
      visibility: 'public',
    });
    expect(rows[0].date_text).toBe('octubre de 2020');
  });

  it('JSON', async () => {
    const json = JSON.parse((await render('json', doc)).toString('utf8'));
    expect(json).toMatchObject({ format: 'vigil-chronology', version: 1, lang: 'en', visibility: 'public' });
    expect(json.entries).toHaveLength(6);
    expect(json.entries[0]).toMatchObject({
      date: '2020-10-01',
      precision: 'month',
      dateText: 'October 2020',
    });
    expect(json.cases[0].charges).toEqual([{ law: 'Indian Penal Code', sections: ['120B', '121A'] }]);
    const empty = JSON.parse((await render('json', { ...doc, entries: [] })).toString('utf8'));
    expect(empty.entries).toEqual([]);
  });

  it('iCalendar: hearings in UTC with stable UIDs, all-day when the time is unknown', async () => {
    const ics = (await render('ics', doc)).toString('utf8');
    const events = Object.values(nodeIcal.sync.parseICS(ics)).filter(
      (item): item is nodeIcal.VEvent => item?.type === 'VEVENT',
    );
    expect(events).toHaveLength(2);
    const timed = events.find((event) => event.uid === 'hearing-a0000000-0000-4000-8000-000000000001@vigil');
    expect(timed).toMatchObject({
      summary: 'Hearing: Khurram Parvez — NIA Special Court',
      location: 'NIA Special Court',
    });
    expect((timed?.start as Date).toISOString()).toBe('2026-01-20T05:00:00.000Z');
    expect(ics).toContain('DTSTART:20260120T050000Z');
    expect(ics).toContain('DTSTART;VALUE=DATE:20260210');
  });

  it('TimelineJS: a cancelled hearing is marked in its title; an event’s own title is its slide’s', async () => {
    const [first, , , , , hearing] = records;
    const cancelled = buildDocument({
      ...input('ru'),
      records: [
        { ...(first as Extract<ChronologyRecord, { kind: 'event' }>), title: 'Обыски в Сринагаре' },
        { ...(hearing as Extract<ChronologyRecord, { kind: 'hearing' }>), status: 'cancelled' },
      ],
    });
    const timeline = JSON.parse((await render('timelinejs', cancelled)).toString('utf8'));
    expect(timeline.events.map((event: { text: { headline: string; text: string } }) => event.text)).toEqual([
      {
        headline: 'Обыски в Сринагаре',
        text: expect.stringContaining('<p class="vigil-sources">Источники: [1] <a href='),
      },
      {
        headline: '[ОТМЕНЕНО] Судебное заседание — NIA Special Court',
        text: '<p>Судебное заседание — NIA Special Court, 10:30 IST; custody extension; отменено.</p>',
      },
    ]);
  });

  it('TimelineJS JSON in its documented shape', async () => {
    const timeline = JSON.parse((await render('timelinejs', doc)).toString('utf8'));
    expect(timeline.title.text.headline).toBe('Khurram Parvez: chronology');
    expect(timeline.events).toHaveLength(6);
    expect(timeline.events[0]).toEqual({
      unique_id: 'event-e0000000-0000-4000-8000-000000000001',
      start_date: { year: 2020, month: 10, display_date: 'In October 2020' },
      text: {
        headline: 'Nine simultaneous raids on &lt;homes&gt; &amp; offices',
        text: '<p>Nine simultaneous raids on &lt;homes&gt; &amp; offices.</p><p class="vigil-sources">Sources: [1] <a href="https://monitor.civicus.org/a?b=1&amp;c=2">CIVICUS Monitor</a></p>',
      },
    });
    // Each slide says what happened, not what kind of record it is.
    expect(timeline.events.map((event: { text: { headline: string } }) => event.text.headline)).toEqual([
      'Nine simultaneous raids on &lt;homes&gt; &amp; offices',
      'Arrested by the NIA in Srinagar',
      'Charged under Sections 121A and 120B of the Indian Penal Code',
      'Judicial custody for 30 days',
      'Hearing at the NIA Special Court',
      'Hearing at the NIA Special Court',
    ]);
    for (const event of timeline.events) {
      expect(typeof event.start_date.year).toBe('number');
      expect(typeof event.text.headline).toBe('string');
    }
  });
});
