import { Document, Packer, Paragraph } from 'docx';
import JSZip from 'jszip';
import { makeCase } from './factories/cases';
import { makeEvent } from './factories/entries';
import { bearer, startTestApp, TestApp, TestUser } from './support/test-app';
import { signInToWeb } from './support/web-session';

// Files on entries (issue 14, item 7): checked from their content, served only to readers of the
// entry, audited when downloaded, listed on the case page. The case and its files are invented.
describe('documents on entries', () => {
  let t: TestApp;
  let caseId: string;
  let publicEvent: string;
  let confidentialEvent: string;

  const pdf = Buffer.from(
    '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    'latin1',
  );

  beforeAll(async () => {
    t = await startTestApp();
    const kase = await makeCase(t.dataSource, {
      title: 'Rabat blog case',
      country: 'MA',
      timezone: 'Africa/Casablanca',
    });
    caseId = kase.id;
    publicEvent = (
      await makeEvent(t.dataSource, kase, { type: 'charge_sheet', description: 'Charge sheet filed' })
    ).id;
    confidentialEvent = (
      await makeEvent(t.dataSource, kase, {
        type: 'statement',
        description: "Lawyer's note on the defence",
        visibility: 'confidential',
      })
    ).id;
  });
  afterAll(() => t.close());

  const upload = (entryPath: string, user: TestUser, file: Buffer, name: string, citation?: string) => {
    const request = t.http().post(`/api/${entryPath}/documents`).set(bearer(user)).attach('file', file, name);
    return citation ? request.field('citation', citation) : request;
  };
  const storedCount = async () =>
    Number((await t.dataSource.query('SELECT count(*) FROM entry_documents'))[0].count);

  it('stores a PDF on an entry and gives it back, byte for byte, as a download', async () => {
    const created = await upload(
      `events/${publicEvent}`,
      t.users.caseworker,
      pdf,
      'Charge sheet.pdf',
      'Charge sheet of 2 May',
    ).expect(201);
    expect(created.body).toMatchObject({
      entryKind: 'event',
      entryId: publicEvent,
      caseId,
      fileName: 'Charge sheet.pdf',
      mediaType: 'application/pdf',
      size: pdf.length,
      citation: 'Charge sheet of 2 May',
    });
    expect(created.body).not.toHaveProperty('content');
    const listed = await t
      .http()
      .get(`/api/events/${publicEvent}/documents`)
      .set(bearer(t.users.viewer))
      .expect(200);
    expect(listed.body.map((d: { id: string }) => d.id)).toEqual([created.body.id]);

    const download = await t
      .http()
      .get(`/api/documents/${created.body.id}`)
      .set(bearer(t.users.viewer))
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe('attachment; filename="Charge sheet.pdf"');
    expect(download.headers['x-content-type-options']).toBe('nosniff');
  });

  it('audits every download with who downloaded what', async () => {
    const { body } = await upload(`events/${publicEvent}`, t.users.caseworker, pdf, 'order.pdf').expect(201);
    await t.http().get(`/api/documents/${body.id}`).set(bearer(t.users.viewer)).expect(200);
    const audit = await t
      .http()
      .get(`/api/audit?entity=document&entityId=${body.id}&action=read`)
      .set(bearer(t.users.admin))
      .expect(200);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actorId: t.users.viewer.id,
        action: 'read',
        context: expect.objectContaining({ caseId, entryId: publicEvent, via: 'download' }),
      }),
    ]);
  });

  it('checks the type from the content, not the name', async () => {
    const before = await storedCount();
    const html = await upload(
      `events/${publicEvent}`,
      t.users.caseworker,
      Buffer.from('<html><script>x</script>'),
      'order.pdf',
    ).expect(400);
    expect(html.body.details).toEqual([
      { field: 'file', problem: expect.stringContaining('content is none of them') },
    ]);
    const zip = new JSZip();
    zip.file('notes.txt', 'a zip, not a Word document');
    await upload(
      `events/${publicEvent}`,
      t.users.caseworker,
      await zip.generateAsync({ type: 'nodebuffer' }),
      'x.docx',
    ).expect(400);
    expect(await storedCount()).toBe(before);

    const docx = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Statement')] }] }),
    );
    const word = await upload(`events/${publicEvent}`, t.users.caseworker, docx, 'statement.bin').expect(201);
    expect(word.body).toMatchObject({
      fileName: 'statement.docx',
      mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    });
  });

  it('answers 400 next to the field for a missing file, a too long citation or a file over 25 MB', async () => {
    const missing = await t
      .http()
      .post(`/api/events/${publicEvent}/documents`)
      .set(bearer(t.users.caseworker))
      .field('citation', 'x'.repeat(501))
      .expect(400);
    expect(missing.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['citation', 'file']);
    const huge = Buffer.concat([pdf, Buffer.alloc(25 * 1024 * 1024)]);
    const tooLarge = await upload(`events/${publicEvent}`, t.users.caseworker, huge, 'huge.pdf').expect(400);
    expect(tooLarge.body.details).toEqual([{ field: 'file', problem: 'must be 25 MB or smaller' }]);
  });

  it("serves a confidential entry's files only to those who may read it, and follows the entry's visibility", async () => {
    const { body } = await upload(
      `events/${confidentialEvent}`,
      t.users.caseworker,
      pdf,
      'strategy.pdf',
    ).expect(201);
    await t.http().get(`/api/documents/${body.id}`).set(bearer(t.users.viewer)).expect(404);
    await t.http().get(`/api/events/${confidentialEvent}/documents`).set(bearer(t.users.viewer)).expect(404);
    await t.http().get(`/api/documents/${body.id}`).set(bearer(t.users.caseworker)).expect(200);
    await t
      .http()
      .patch(`/api/events/${confidentialEvent}`)
      .set(bearer(t.users.caseworker))
      .send({ visibility: 'internal' })
      .expect(200);
    await t.http().get(`/api/documents/${body.id}`).set(bearer(t.users.viewer)).expect(200);
    await t
      .http()
      .patch(`/api/events/${confidentialEvent}`)
      .set(bearer(t.users.caseworker))
      .send({ visibility: 'confidential' })
      .expect(200);
    await t.http().get(`/api/documents/${body.id}`).set(bearer(t.users.viewer)).expect(404);
  });

  it('lets only caseworkers upload and delete, audited, and removes files with their entry', async () => {
    await upload(`events/${publicEvent}`, t.users.viewer, pdf, 'x.pdf').expect(403);
    await t.http().post(`/api/events/${publicEvent}/documents`).attach('file', pdf, 'x.pdf').expect(401);
    const { body } = await upload(`events/${publicEvent}`, t.users.caseworker, pdf, 'remove me.pdf').expect(
      201,
    );
    await t.http().delete(`/api/documents/${body.id}`).set(bearer(t.users.viewer)).expect(403);
    await t.http().delete(`/api/documents/${body.id}`).set(bearer(t.users.caseworker)).expect(204);
    await t.http().get(`/api/documents/${body.id}`).set(bearer(t.users.caseworker)).expect(404);
    const audit = await t
      .http()
      .get(`/api/audit?entity=document&entityId=${body.id}`)
      .set(bearer(t.users.admin))
      .expect(200);
    expect(audit.body.items.map((row: { action: string }) => row.action).sort()).toEqual([
      'create',
      'delete',
    ]);

    const doomed = await makeEvent(
      t.dataSource,
      { id: caseId, timezone: 'Africa/Casablanca' },
      { type: 'raid' },
    );
    await upload(`events/${doomed.id}`, t.users.caseworker, pdf, 'raid.pdf').expect(201);
    await t.http().delete(`/api/events/${doomed.id}`).set(bearer(t.users.caseworker)).expect(204);
    const left = await t.dataSource.query('SELECT count(*) FROM entry_documents WHERE entry_id = $1', [
      doomed.id,
    ]);
    expect(Number(left[0].count)).toBe(0);
  });

  it('on the pages: uploads with the form, lists files on the case page to those who may read them', async () => {
    const caseworker = await signInToWeb(t, t.users.caseworker);
    const path = `/events/${publicEvent}/documents`;
    const csrf = await caseworker.csrfOn(path);
    await caseworker.agent.post(path).attach('file', pdf, 'hearing notice.pdf').expect(403);
    const saved = await caseworker.agent
      .post(path)
      .field('_csrf', csrf)
      .field('citation', 'Notice of hearing')
      .attach('file', pdf, 'hearing notice.pdf')
      .expect(303);
    expect(saved.headers.location).toBe(`${path}?notice=document-added`);
    const refused = await caseworker.agent
      .post(path)
      .field('_csrf', csrf)
      .attach('file', Buffer.from('plain text'), 'notes.pdf')
      .expect(400);
    expect(refused.text).toContain('content is none of them');

    await upload(`events/${confidentialEvent}`, t.users.caseworker, pdf, 'witness list.pdf').expect(201);
    const viewer = await signInToWeb(t, t.users.viewer);
    const casePage = await viewer.agent.get(`/cases/${caseId}`).expect(200);
    expect(casePage.text).toContain('hearing notice.pdf');
    expect(casePage.text).not.toContain('witness list.pdf');
    const own = await caseworker.agent.get(`/cases/${caseId}`).expect(200);
    expect(own.text).toContain('witness list.pdf');
  });

  it('lists files among the sources of an export, only where the entry is in it', async () => {
    const sourcesOf = async (visibility: string, user: TestUser) => {
      const response = await t
        .http()
        .get(`/api/cases/${caseId}/chronology?format=json&visibility=${visibility}`)
        .set(bearer(user))
        .expect(200);
      return JSON.stringify(JSON.parse(response.text).sources ?? JSON.parse(response.text));
    };
    await upload(
      `events/${publicEvent}`,
      t.users.caseworker,
      pdf,
      'bail order.pdf',
      'Bail order of 9 June',
    ).expect(201);
    await upload(`events/${confidentialEvent}`, t.users.caseworker, pdf, 'defence plan.pdf').expect(201);
    const publicSources = await sourcesOf('public', t.users.viewer);
    expect(publicSources).toContain('Bail order of 9 June — bail order.pdf');
    expect(publicSources).not.toContain('defence plan.pdf');
    expect(await sourcesOf('all', t.users.caseworker)).toContain('defence plan.pdf');
  });
});
