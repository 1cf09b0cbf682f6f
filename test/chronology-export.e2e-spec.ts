import { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Case } from '../src/cases/case.entity';
import { EXPORT_FORMATS } from '../src/chronology/chronology-document';
import { makeCase, makeDefender } from './factories/cases';
import { makeCharge, makeCustodyOrder, makeEvent, makeHearing } from './factories/entries';
import {
  bodyBytes,
  calendarEvents,
  csvRows,
  docxText,
  pdfToText,
  rawBody,
  readableText,
} from './support/chronology-readers';
import { bearer, startTestApp, TestApp, TestUser } from './support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

// Marker words planted in entries of each visibility; an export may carry only those it allows.
const PUBLIC = ['PUBLICRAID', 'PUBLICCOURT', 'PUBLICLAW'];
const INTERNAL = ['INTERNALNOTE', 'INTERNALCOURT', 'INTERNALLAW', 'INTERNALSOURCE'];
const CONFIDENTIAL = [
  'CONFIDENTIALHEALTH',
  'CONFIDENTIALSOURCE',
  'CONFIDENTIALCOURT',
  'CONFIDENTIALLAW',
  'CONFIDENTIALCUSTODYCOURT',
  // The end of the confidential custody order: the summary must not reveal it either.
  '3 March 2026',
];
// Defender contacts are confidential fields; no export carries them at any level.
const CONTACTS = ['CONTACTSISTER', '+91-98-CONTACT', 'lawyer-contact@example.org'];

const EXPECTED_TYPES: Record<string, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  json: 'application/json; charset=utf-8',
  ics: 'text/calendar; charset=utf-8',
  timelinejs: 'application/json; charset=utf-8',
};

describe('chronology export', () => {
  let t: TestApp;
  let nia: Case;
  let psa: Case;
  let defenderId: string;

  const download = (path: string, user: TestUser) =>
    t.http().get(path).set(bearer(user)).buffer(true).parse(rawBody);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-15T09:00:00Z' });
    const khurram = await makeDefender(t.dataSource, {
      fullName: 'Khurram Parvez',
      profession: 'human rights defender',
      affiliations: ['Jammu and Kashmir Coalition of Civil Society'],
      contacts: [
        { name: 'CONTACTSISTER', relation: 'sister', phone: '+91-98-CONTACT' },
        { name: 'Lawyer', relation: 'lawyer', email: 'lawyer-contact@example.org' },
      ],
    });
    defenderId = khurram.id;
    psa = await makeCase(t.dataSource, {
      defenderId,
      title: 'PSA detention',
      arrestedOn: '2016-09-01',
      arrestedOnPrecision: 'month',
      releasedOn: '2016-11-30',
      detentionStatus: 'released',
      status: 'closed',
    });
    nia = await makeCase(t.dataSource, { defenderId, title: 'NIA case', arrestedOn: '2021-11-22' });

    await makeEvent(t.dataSource, psa, {
      occurredOn: '2016-09-01',
      precision: 'month',
      type: 'arrest',
      description: 'Arrested under the PSA a day after a PSAMARK travel ban.',
    });
    await makeEvent(t.dataSource, nia, {
      occurredOn: '2021-11-22',
      type: 'raid',
      description: 'PUBLICRAID: the NIA raided his home and arrested him.',
      sources: [{ citation: 'CIVICUS Monitor', url: 'https://monitor.civicus.org/explore/india' }],
    });
    await makeEvent(t.dataSource, nia, {
      occurredOn: '2021-12-01',
      type: 'other',
      visibility: 'internal',
      description: 'INTERNALNOTE: the lawyer is preparing a bail plea.',
      sources: [{ citation: 'INTERNALSOURCE call notes' }],
    });
    await makeEvent(t.dataSource, nia, {
      occurredOn: '2021-12-02',
      type: 'health',
      visibility: 'confidential',
      description: 'CONFIDENTIALHEALTH: he told his family about his health.',
      sources: [{ citation: 'CONFIDENTIALSOURCE family' }],
    });
    await makeCharge(t.dataSource, nia, { law: 'PUBLICLAW Act', section: '18B', broughtOn: '2021-11-22' });
    await makeCharge(t.dataSource, nia, {
      law: 'INTERNALLAW Act',
      section: '5',
      broughtOn: '2021-11-23',
      visibility: 'internal',
    });
    await makeCharge(t.dataSource, nia, {
      law: 'CONFIDENTIALLAW Act',
      section: '9',
      broughtOn: null,
      visibility: 'confidential',
    });
    await makeHearing(t.dataSource, nia, {
      scheduledLocal: '2026-02-10T10:30:00',
      court: 'PUBLICCOURT Delhi',
    });
    await makeHearing(t.dataSource, nia, {
      scheduledLocal: '2026-01-20T10:30:00',
      court: 'INTERNALCOURT Delhi',
      visibility: 'internal',
    });
    await makeHearing(t.dataSource, nia, {
      scheduledLocal: '2026-01-16T11:00:00',
      court: 'CONFIDENTIALCOURT Delhi',
      visibility: 'confidential',
    });
    await makeCustodyOrder(t.dataSource, nia, { orderedOn: '2025-12-25', days: 40, court: 'Public court' });
    await makeCustodyOrder(t.dataSource, nia, {
      orderedOn: '2026-01-02',
      days: null,
      until: '2026-03-03',
      court: 'CONFIDENTIALCUSTODYCOURT',
      visibility: 'confidential',
    });
  });

  afterAll(async () => {
    await t.close();
  });

  describe.each(EXPORT_FORMATS)('format %s', (format) => {
    it('downloads with its content type and a file name', async () => {
      const response = await download(
        `/api/cases/${nia.id}/chronology?format=${format}`,
        t.users.viewer,
      ).expect(200);
      expect(response.headers['content-type']).toBe(EXPECTED_TYPES[format]);
      const extension = format === 'timelinejs' ? 'timeline.json' : format;
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="khurram-parvez-nia-case-chronology-2026-01-15.${extension}"`,
      );
      expect(bodyBytes(response).length).toBeGreaterThan(0);
    });

    it('a public export carries public entries only: nothing internal, confidential or from the contacts', async () => {
      const response = await download(
        `/api/cases/${nia.id}/chronology?format=${format}`,
        t.users.caseworker,
      ).expect(200);
      const text = await readableText(format, bodyBytes(response));
      for (const marker of [...INTERNAL, ...CONFIDENTIAL, ...CONTACTS]) {
        expect({ marker, found: text.includes(marker) }).toEqual({ marker, found: false });
      }
      const expected = format === 'ics' ? ['PUBLICCOURT'] : PUBLIC;
      for (const marker of expected) {
        expect({ marker, found: text.includes(marker) }).toEqual({ marker, found: true });
      }
    });

    it('an internal export adds internal entries, still nothing confidential', async () => {
      const response = await download(
        `/api/cases/${nia.id}/chronology?format=${format}&visibility=internal`,
        t.users.caseworker,
      ).expect(200);
      const text = await readableText(format, bodyBytes(response));
      for (const marker of [...CONFIDENTIAL, ...CONTACTS]) {
        expect({ marker, found: text.includes(marker) }).toEqual({ marker, found: false });
      }
      expect(text).toContain('INTERNALCOURT');
    });

    it('refuses internal and all to viewers', async () => {
      for (const visibility of ['internal', 'all']) {
        const response = await t
          .http()
          .get(`/api/cases/${nia.id}/chronology?format=${format}&visibility=${visibility}`)
          .set(bearer(t.users.viewer))
          .expect(403);
        expect(response.body.message).toMatch(/caseworker/);
      }
    });
  });

  it('an "all" export, for a caseworker or admin, carries confidential entries but never the contacts', async () => {
    const response = await download(
      `/api/cases/${nia.id}/chronology?format=md&visibility=all`,
      t.users.admin,
    ).expect(200);
    const text = bodyBytes(response).toString('utf8');
    expect(text).toContain('CONFIDENTIALHEALTH');
    expect(text).toContain('CONFIDENTIALCOURT');
    expect(text).toContain('CONFIDENTIAL — includes confidential entries. Do not share.');
    for (const marker of CONTACTS) {
      expect(text).not.toContain(marker);
    }
  });

  it('writes the public Markdown as statements do, with the summary from public records only', async () => {
    const response = await download(`/api/cases/${nia.id}/chronology?format=md`, t.users.viewer).expect(200);
    const text = bodyBytes(response).toString('utf8');
    expect(text).toContain('# Khurram Parvez: chronology');
    expect(text).toContain('*Human rights defender; Jammu and Kashmir Coalition of Civil Society*');
    expect(text).toContain('- **Charges:** PUBLICLAW Act: 18B');
    expect(text).toContain('- **Current custody:** Judicial custody, until 3 February 2026');
    expect(text).toContain('- **Days detained:** 1515 (since 22 November 2021)');
    expect(text).toContain('- **Next hearing:** 10 February 2026, 10:30 IST — PUBLICCOURT Delhi');
    expect(text).toContain('22 November 2021: PUBLICRAID: the NIA raided his home and arrested him. [1]');
    expect(text).toContain('22 November 2021: Charged under Section 18B of the PUBLICLAW Act.');
    expect(text).toContain('25 December 2025: Judicial custody for 40 days.');
    expect(text).toContain('1. CIVICUS Monitor, <https://monitor.civicus.org/explore/india>');
    expect(text).not.toContain('PSAMARK');
  });

  it('PDF: text read back by pdftotext, Russian included', async () => {
    const response = await download(
      `/api/cases/${nia.id}/chronology?format=pdf&lang=ru`,
      t.users.viewer,
    ).expect(200);
    const text = pdfToText(bodyBytes(response)).replace(/\s+/g, ' ');
    expect(text).toContain('Khurram Parvez: хронология');
    expect(text).toContain('22 ноября 2021 г.: PUBLICRAID: the NIA raided his home and arrested him.');
    expect(text).toContain('Следующее заседание: 10 февраля 2026 г., 10:30 IST — PUBLICCOURT Delhi');
  });

  it('DOCX, CSV, JSON and TimelineJS read back by their parsers', async () => {
    const docx = await download(`/api/cases/${nia.id}/chronology?format=docx&lang=es`, t.users.viewer).expect(
      200,
    );
    expect(await docxText(bodyBytes(docx))).toContain(
      '22 de noviembre de 2021: PUBLICRAID: the NIA raided his home and arrested him. [1]',
    );

    const csv = await download(`/api/cases/${nia.id}/chronology?format=csv`, t.users.viewer).expect(200);
    const rows = csvRows(bodyBytes(csv));
    // The first event is the case's arrest, written by the factory as the API writes it.
    expect(rows.map((row) => [row.date, row.kind])).toEqual([
      ['2021-11-22', 'event'],
      ['2021-11-22', 'event'],
      ['2021-11-22', 'charge'],
      ['2025-12-25', 'custody_order'],
      ['2026-02-10', 'hearing'],
    ]);

    const json = await download(`/api/cases/${nia.id}/chronology?format=json`, t.users.viewer).expect(200);
    const parsed = JSON.parse(bodyBytes(json).toString('utf8'));
    expect(parsed.entries.map((entry: { date: string }) => entry.date)).toEqual([
      '2021-11-22',
      '2021-11-22',
      '2021-11-22',
      '2025-12-25',
      '2026-02-10',
    ]);
    expect(parsed.defender).not.toHaveProperty('contacts');

    const timeline = await download(
      `/api/cases/${nia.id}/chronology?format=timelinejs`,
      t.users.viewer,
    ).expect(200);
    const slides = JSON.parse(bodyBytes(timeline).toString('utf8'));
    expect(slides.title.text.headline).toBe('Khurram Parvez: chronology');
    expect(slides.events[1]).toMatchObject({
      start_date: { year: 2021, month: 11, day: 22, display_date: '22 November 2021' },
      text: { headline: 'PUBLICRAID: the NIA raided his home and arrested him' },
    });
  });

  it('iCalendar: the public hearing, in UTC, with a UID that is the hearing’s', async () => {
    const response = await download(`/api/cases/${nia.id}/chronology?format=ics`, t.users.viewer).expect(200);
    const events = calendarEvents(bodyBytes(response));
    expect(events).toHaveLength(1);
    expect(events[0].uid).toMatch(/^hearing-[0-9a-f-]{36}@vigil$/);
    expect((events[0].start as Date).toISOString()).toBe('2026-02-10T05:00:00.000Z');
    expect(events[0].location).toBe('PUBLICCOURT Delhi');
  });

  it('limits entries to from/to and refuses a range that ends before it starts', async () => {
    const response = await download(
      `/api/cases/${nia.id}/chronology?format=csv&from=2025-01-01&to=2025-12-31`,
      t.users.viewer,
    ).expect(200);
    expect(csvRows(bodyBytes(response)).map((row) => row.date)).toEqual(['2025-12-25']);
    const bad = await t
      .http()
      .get(`/api/cases/${nia.id}/chronology?from=2025-12-31&to=2025-01-01`)
      .set(bearer(t.users.viewer))
      .expect(400);
    expect(bad.body.details).toEqual([{ field: 'to', problem: 'must not be before from (2025-12-31)' }]);
  });

  it('refuses unknown formats, languages and visibilities with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['format=xls', 'format'],
      ['lang=de', 'lang'],
      ['visibility=secret', 'visibility'],
      ['from=2022-02-30', 'from'],
    ]) {
      const response = await t
        .http()
        .get(`/api/cases/${nia.id}/chronology?${query}`)
        .set(bearer(t.users.viewer))
        .expect(400);
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toEqual([field]);
    }
  });

  it('answers 404 for an unknown case or defender and 401 without a token', async () => {
    await t.http().get(`/api/cases/${UNKNOWN_ID}/chronology`).set(bearer(t.users.viewer)).expect(404);
    await t.http().get(`/api/defenders/${UNKNOWN_ID}/chronology`).set(bearer(t.users.viewer)).expect(404);
    await t.http().get(`/api/cases/${nia.id}/chronology`).expect(401);
  });

  it('merges all of a defender’s cases at the defender level', async () => {
    const response = await download(
      `/api/defenders/${defenderId}/chronology?format=md`,
      t.users.viewer,
    ).expect(200);
    const text = bodyBytes(response).toString('utf8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="khurram-parvez-chronology-2026-01-15.md"',
    );
    expect(text).toContain('### PSA detention');
    expect(text).toContain('### NIA case');
    // Every entry names its case after its date.
    const psaLine = text.indexOf('In September 2016 (PSA detention): Arrested under the PSA');
    const niaLine = text.indexOf('22 November 2021 (NIA case): PUBLICRAID');
    expect(psaLine).toBeGreaterThan(0);
    expect(niaLine).toBeGreaterThan(psaLine);
    for (const marker of [...INTERNAL, ...CONFIDENTIAL, ...CONTACTS]) {
      expect(text).not.toContain(marker);
    }
    const timeline = await download(
      `/api/defenders/${defenderId}/chronology?format=timelinejs`,
      t.users.viewer,
    ).expect(200);
    const groups = JSON.parse(bodyBytes(timeline).toString('utf8')).events.map(
      (event: { group: string }) => event.group,
    );
    expect(new Set(groups)).toEqual(new Set(['PSA detention', 'NIA case']));
  });

  it('ends with the country’s closing line, set by an admin, in the export’s language', async () => {
    const line = "India is rated 'Repressed' by the CIVICUS Monitor.";
    await t
      .http()
      .put('/api/chronology/closing-lines/IN/en')
      .set(bearer(t.users.caseworker))
      .send({ text: line })
      .expect(403);
    await t
      .http()
      .put('/api/chronology/closing-lines/in/en')
      .set(bearer(t.users.admin))
      .send({ text: line })
      .expect(200);
    const listed = await t
      .http()
      .get('/api/chronology/closing-lines')
      .set(bearer(t.users.viewer))
      .expect(200);
    expect(listed.body).toMatchObject({ total: 1, items: [{ country: 'IN', language: 'en', text: line }] });

    const english = await download(`/api/cases/${nia.id}/chronology?format=md`, t.users.viewer).expect(200);
    expect(bodyBytes(english).toString('utf8')).toContain(`\n${line}\n`);
    const russian = await download(
      `/api/cases/${nia.id}/chronology?format=md&lang=ru`,
      t.users.viewer,
    ).expect(200);
    expect(bodyBytes(russian).toString('utf8')).not.toContain(line);

    await t
      .http()
      .put('/api/chronology/closing-lines/IND/en')
      .set(bearer(t.users.admin))
      .send({ text: line })
      .expect(400);
    await t
      .http()
      .put('/api/chronology/closing-lines/IN/de')
      .set(bearer(t.users.admin))
      .send({ text: line })
      .expect(400);
    await t
      .http()
      .put('/api/chronology/closing-lines/IN/en')
      .set(bearer(t.users.admin))
      .send({ text: ' ' })
      .expect(400);
    await t.http().delete('/api/chronology/closing-lines/IN/en').set(bearer(t.users.admin)).expect(204);
    await t.http().delete('/api/chronology/closing-lines/IN/en').set(bearer(t.users.admin)).expect(404);
    const audited = await t.dataSource
      .getRepository(AuditEntry)
      .findBy({ entity: 'chronology_closing_line' });
    expect(audited.map((entry) => entry.action).sort()).toEqual(['create', 'delete']);
  });

  it('writes an audit row for every export: who, what, format, visibility and language', async () => {
    const before = await t.dataSource.getRepository(AuditEntry).countBy({ action: 'export' });
    await download(
      `/api/cases/${nia.id}/chronology?format=pdf&visibility=internal&lang=fr`,
      t.users.caseworker,
    ).expect(200);
    await download(`/api/defenders/${defenderId}/chronology?format=csv`, t.users.viewer).expect(200);
    const rows = await t.dataSource
      .getRepository(AuditEntry)
      .find({ where: { action: 'export' }, order: { id: 'DESC' }, take: 2 });
    expect(await t.dataSource.getRepository(AuditEntry).countBy({ action: 'export' })).toBe(before + 2);
    expect(rows[1]).toMatchObject({
      actorId: t.users.caseworker.id,
      actorEmail: t.users.caseworker.email,
      entity: 'case',
      entityId: nia.id,
      context: { format: 'pdf', visibility: 'internal', lang: 'fr', from: null, to: null, entries: 8 },
    });
    expect(rows[0]).toMatchObject({
      actorId: t.users.viewer.id,
      entity: 'defender',
      entityId: defenderId,
      context: { format: 'csv', visibility: 'public', lang: 'en' },
    });
    // A refused export leaves no trace of data leaving.
    await t
      .http()
      .get(`/api/cases/${nia.id}/chronology?visibility=all`)
      .set(bearer(t.users.viewer))
      .expect(403);
    expect(await t.dataSource.getRepository(AuditEntry).countBy({ action: 'export' })).toBe(before + 2);
  });

  it('reads a 2,000-entry chronology with as many queries as a one-entry one (no query per entry)', async () => {
    const noEntries = { arrestedOn: null, detentionStatus: 'not_detained' } as const;
    const big = await makeCase(t.dataSource, { defenderId, title: 'Long case', ...noEntries });
    await t.dataSource.query(
      `INSERT INTO events (case_id, occurred_on, precision, type, description, visibility)
       SELECT $1, date '2020-01-01' + n, 'day', 'court', 'Hearing number ' || n || ' held.', 'public'
         FROM generate_series(1, 2000) n`,
      [big.id],
    );
    await t.dataSource.query(
      `INSERT INTO event_sources (event_id, position, citation)
       SELECT id, 0, 'Source for ' || description FROM events WHERE case_id = $1`,
      [big.id],
    );
    const small = await makeCase(t.dataSource, { defenderId, title: 'Short case', ...noEntries });
    await makeEvent(t.dataSource, small, { description: 'The only entry.' });

    const queriesFor = async (caseId: string): Promise<{ queries: number; text: string }> => {
      const spy = jest.spyOn(PostgresQueryRunner.prototype, 'query');
      try {
        const response = await download(`/api/cases/${caseId}/chronology?format=pdf`, t.users.viewer).expect(
          200,
        );
        return { queries: spy.mock.calls.length, text: pdfToText(bodyBytes(response)) };
      } finally {
        spy.mockRestore();
      }
    };
    const one = await queriesFor(small.id);
    const many = await queriesFor(big.id);
    expect(many.queries).toBe(one.queries);
    const text = many.text.replace(/\s+/g, ' ');
    expect(text).toContain('2 January 2020: Hearing number 1 held. [1]');
    expect(text).toContain('23 June 2025: Hearing number 2000 held. [2000]');
  }, 60_000);

  it('orders a public defender-level export by the arrests it shows, not by a confidential one', async () => {
    const defender = await makeDefender(t.dataSource, { fullName: 'Order Witness' });
    // Created first, its only arrest confidential and the earlier of the two.
    const secret = await makeCase(t.dataSource, {
      defenderId: defender.id,
      title: 'Quiet case',
      arrestedOn: null,
      detentionStatus: 'not_detained',
    });
    await t
      .http()
      .post(`/api/cases/${secret.id}/events`)
      .set(bearer(t.users.caseworker))
      .send({
        type: 'arrest',
        occurredOn: '2019-04-01',
        precision: 'day',
        description: 'Arrested',
        visibility: 'confidential',
        sources: [],
      })
      .expect(201);
    await makeCase(t.dataSource, { defenderId: defender.id, title: 'Open case', arrestedOn: '2020-06-01' });
    const headings = async (visibility: string, user: TestUser) =>
      bodyBytes(
        await download(
          `/api/defenders/${defender.id}/chronology?format=md&visibility=${visibility}`,
          user,
        ).expect(200),
      )
        .toString('utf8')
        .split('\n')
        .filter((line) => line.startsWith('### '));
    expect(await headings('all', t.users.caseworker)).toEqual(['### Quiet case', '### Open case']);
    // Ordered by the stored arrest date, the public export would put the quiet case first.
    expect(await headings('public', t.users.viewer)).toEqual(['### Open case', '### Quiet case']);
  });

  it('documents its routes in the OpenAPI description', async () => {
    const openApi = await t.http().get('/docs-json').expect(200);
    expect(Object.keys(openApi.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/cases/{id}/chronology',
        '/api/defenders/{id}/chronology',
        '/api/cases/{id}/chronology/import',
        '/api/chronology/closing-lines',
        '/api/chronology/closing-lines/{country}/{lang}',
      ]),
    );
    const parameters = openApi.body.paths['/api/cases/{id}/chronology'].get.parameters.map(
      (parameter: { name: string }) => parameter.name,
    );
    expect(parameters).toEqual(expect.arrayContaining(['format', 'lang', 'visibility', 'from', 'to']));
  });
});
