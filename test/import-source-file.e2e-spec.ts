import { Case } from '../src/cases/case.entity';
import { Defender } from '../src/defenders/defender.entity';
import { CaseEvent } from '../src/events/event.entity';
import { makeCase, makeDefender } from './factories/cases';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { signInToWeb, WebAgent } from './support/web-session';

// A file as the source of an import: sent with the preview page's confirm form, attached to every
// entry the import creates (or the ticked ones), checked from its content like any document.

const TEXT = [
  'On 3 March 2024, police arrested Anouk Verbeek at her home in Utrecht.',
  '',
  'On 5 March 2024, a court ordered Anouk Verbeek held in pre-trial detention.',
].join('\n');

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

describe('a file as the source of an import', () => {
  let t: TestApp;
  let anouk: Defender;
  let caseworker: WebAgent;

  const emptyCase = (): Promise<Case> =>
    makeCase(t.dataSource, { defenderId: anouk.id, arrestedOn: null, detentionStatus: 'not_detained' });
  const eventsOf = (caseId: string) =>
    t.dataSource.getRepository(CaseEvent).find({ where: { caseId }, order: { occurredOn: 'ASC' } });
  const countDocuments = async (): Promise<number> =>
    ((await t.dataSource.query('SELECT count(*)::int AS n FROM entry_documents')) as { n: number }[])[0].n;
  const confirmWithFile = (caseId: string, content: Buffer, fileName: string) =>
    caseworker.agent
      .post(`/cases/${caseId}/chronology/import/confirm`)
      .field('_csrf', caseworker.csrf)
      .field('text', TEXT)
      .field('visibility', 'public')
      .field('sourceAll.citation', 'Verbeek family statement, 6 March 2024')
      .field('sourceFileFor', 'all')
      .attach('sourceFile', content, fileName);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-15T09:00:00Z' });
    anouk = await makeDefender(t.dataSource, { fullName: 'Anouk Verbeek' });
    caseworker = await signInToWeb(t, t.users.caseworker);
  });

  afterAll(async () => {
    await t.close();
  });

  it('attaches a PDF given on the preview page to every entry the import creates, with the citation', async () => {
    const kase = await emptyCase();
    await caseworker.agent
      .post(`/cases/${kase.id}/chronology/import`)
      .type('form')
      .send({ _csrf: caseworker.csrf, text: TEXT, visibility: 'public' })
      .expect(200);
    await confirmWithFile(kase.id, PDF, 'family statement.pdf').expect(303);
    const events = await eventsOf(kase.id);
    expect(events.map((event) => event.occurredOn)).toEqual(['2024-03-03', '2024-03-05']);
    for (const event of events) {
      const listed = await t
        .http()
        .get(`/api/events/${event.id}/documents`)
        .set(bearer(t.users.viewer))
        .expect(200);
      expect(
        (listed.body as { fileName: string; mediaType: string; citation: string }[]).map((document) => [
          document.fileName,
          document.mediaType,
          document.citation,
        ]),
      ).toEqual([['family statement.pdf', 'application/pdf', 'Verbeek family statement, 6 March 2024']]);
    }
  });

  it('attaches the file to the ticked entries only when it is their source', async () => {
    const kase = await emptyCase();
    await caseworker.agent
      .post(`/cases/${kase.id}/chronology/import/confirm`)
      .field('_csrf', caseworker.csrf)
      .field('text', TEXT)
      .field('visibility', 'public')
      .field('sourceChosen.citation', 'Detention order of 5 March')
      .field('sourceChosen.entries', '3')
      .field('sourceFileFor', 'chosen')
      .attach('sourceFile', PDF, 'order.pdf')
      .expect(303);
    const [arrest, detention] = await eventsOf(kase.id);
    const citations = async (eventId: string) =>
      (
        (await t.http().get(`/api/events/${eventId}/documents`).set(bearer(t.users.viewer)).expect(200))
          .body as { citation: string }[]
      ).map((document) => document.citation);
    expect(await citations(arrest.id)).toEqual([]);
    expect(await citations(detention.id)).toEqual(['Detention order of 5 March']);
  });

  it('seals the file of a confidential import and shows it to caseworkers only', async () => {
    const kase = await emptyCase();
    await caseworker.agent
      .post(`/cases/${kase.id}/chronology/import/confirm`)
      .field('_csrf', caseworker.csrf)
      .field('text', TEXT)
      .field('visibility', 'confidential')
      .field('sourceAll.citation', 'Lawyer’s notes, not for publication')
      .attach('sourceFile', PDF, 'lawyer notes.pdf')
      .expect(303);
    const [arrest] = await eventsOf(kase.id);
    const [stored] = (await t.dataSource.query(
      `SELECT position($2::bytea IN content) > 0 AS clear, file_name ~ '^vigil-sealed:' AS "nameSealed",
              citation ~ '^vigil-sealed:' AS "citationSealed"
         FROM entry_documents WHERE entry_id = $1`,
      [arrest.id, PDF],
    )) as { clear: boolean; nameSealed: boolean; citationSealed: boolean }[];
    expect(stored).toEqual({ clear: false, nameSealed: true, citationSealed: true });
    const listed = await t
      .http()
      .get(`/api/events/${arrest.id}/documents`)
      .set(bearer(t.users.caseworker))
      .expect(200);
    expect((listed.body as { fileName: string }[]).map((document) => document.fileName)).toEqual([
      'lawyer notes.pdf',
    ]);
    await t.http().get(`/api/events/${arrest.id}/documents`).set(bearer(t.users.viewer)).expect(404);
  });

  it('refuses an HTML page named .pdf beside the file field and saves nothing', async () => {
    const kase = await emptyCase();
    const documentsBefore = await countDocuments();
    const refused = await confirmWithFile(
      kase.id,
      Buffer.from('<!doctype html><html><body>not a court order</body></html>'),
      'order.pdf',
    ).expect(400);
    expect(refused.text).toMatch(/id="f-source-file-error">[^<]*this file’s content is none of them/);
    expect(await eventsOf(kase.id)).toEqual([]);
    expect(await countDocuments()).toBe(documentsBefore);
  });
});
