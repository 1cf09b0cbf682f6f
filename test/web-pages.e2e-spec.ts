import { Defender } from '../src/defenders/defender.entity';
import { makeCase, makeDefender } from './factories/cases';
import { startTestApp, TestApp } from './support/test-app';
import { signInToWeb, WebAgent } from './support/web-session';

describe('web pages: roles, forms and field errors', () => {
  let t: TestApp;
  let admin: WebAgent;
  let caseworker: WebAgent;
  let viewer: WebAgent;
  let defender: Defender;

  beforeAll(async () => {
    t = await startTestApp({ now: '2022-03-24T04:00:00Z' });
    [admin, caseworker, viewer] = await Promise.all([
      signInToWeb(t, t.users.admin),
      signInToWeb(t, t.users.caseworker),
      signInToWeb(t, t.users.viewer),
    ]);
    defender = await makeDefender(t.dataSource, {
      fullName: 'Khurram Parvez',
      otherNames: ['Khurram Pervez'],
      contacts: [{ name: 'Family Member', relation: 'wife', phone: '+91 00000 11111' }],
    });
  });
  afterAll(() => t.close());

  describe('defenders', () => {
    it('lists and searches defenders for every role', async () => {
      const found = await viewer.agent.get('/defenders?q=pervez').expect(200);
      expect(found.text).toContain('Khurram Parvez');
      const none = await viewer.agent.get('/defenders?q=nobody-by-this-name').expect(200);
      expect(none.text).not.toContain('Khurram Parvez');
      expect(none.text).toContain('No defenders match');
    });

    it('shows a bad filter next to its field instead of failing', async () => {
      const page = await viewer.agent.get('/defenders?country=india').expect(200);
      expect(page.text).toMatch(/class="field-error"[^>]*>.*Country must be two upper-case letters/s);
    });

    it('hides contacts and edit links from viewers and shows them to caseworkers', async () => {
      const asViewer = await viewer.agent.get(`/defenders/${defender.id}`).expect(200);
      expect(asViewer.text).not.toContain('Family Member');
      expect(asViewer.text).not.toContain('+91 00000 11111');
      expect(asViewer.text).not.toContain('Edit profile');
      expect(asViewer.text).not.toContain('Add a case');
      const asCaseworker = await caseworker.agent.get(`/defenders/${defender.id}`).expect(200);
      expect(asCaseworker.text).toContain('Family Member');
      expect(asCaseworker.text).toContain('Edit profile');
    });

    it('refuses the edit forms and their posts to viewers', async () => {
      await viewer.agent.get('/defenders/new').expect(403);
      await viewer.agent.get(`/defenders/${defender.id}/edit`).expect(403);
      await viewer.agent
        .post('/defenders')
        .type('form')
        .send({ _csrf: viewer.csrf, fullName: 'Someone', country: 'IN' })
        .expect(403);
      expect(await t.dataSource.getRepository(Defender).countBy({ fullName: 'Someone' })).toBe(0);
    });

    it("shows the API's problems next to the fields and keeps what was typed", async () => {
      const page = await caseworker.agent
        .post('/defenders')
        .type('form')
        .send({
          _csrf: caseworker.csrf,
          fullName: '  ',
          country: 'XX',
          profession: 'journalist',
          'contacts.0.email': 'not-an-email',
          'contacts.0.name': 'A',
          'contacts.0.relation': 'lawyer',
        })
        .expect(400);
      expect(page.text).toMatch(/id="f-fullName-error"[^>]*>.*Full name must not be blank/s);
      expect(page.text).toMatch(/id="f-country-error"/);
      expect(page.text).toMatch(/id="f-contacts-0-email-error"[^>]*>.*Email must be an email/s);
      expect(page.text).toContain('aria-invalid="true"');
      expect(page.text).toContain('value="journalist"');
    });

    it('creates and edits a defender through the forms, contacts included', async () => {
      const created = await caseworker.agent
        .post('/defenders')
        .type('form')
        .send({
          _csrf: caseworker.csrf,
          fullName: 'Germain Rukuki',
          otherNames: 'G. Rukuki\n',
          country: 'BI',
          'contacts.0.name': 'A lawyer',
          'contacts.0.relation': 'lawyer',
          'contacts.1.name': '',
        })
        .expect(303);
      const id = /\/defenders\/([0-9a-f-]{36})/.exec(created.headers.location)![1];
      const saved = await t.dataSource.getRepository(Defender).findOneByOrFail({ id });
      expect(saved).toMatchObject({ fullName: 'Germain Rukuki', otherNames: ['G. Rukuki'], country: 'BI' });
      expect(saved.contacts).toEqual([{ name: 'A lawyer', relation: 'lawyer' }]);

      const form = await caseworker.agent.get(`/defenders/${id}/edit`).expect(200);
      expect(form.text).toContain('value="A lawyer"');
      await caseworker.agent
        .post(`/defenders/${id}`)
        .type('form')
        .send({
          _csrf: caseworker.csrf,
          fullName: 'Germain Rukuki',
          country: 'BI',
          profession: 'activist',
          'contacts.0.name': '',
        })
        .expect(303);
      const edited = await t.dataSource.getRepository(Defender).findOneByOrFail({ id });
      expect(edited).toMatchObject({ profession: 'activist', otherNames: [], contacts: [] });
    });

    it("lists a defender's cases on their page", async () => {
      await makeCase(t.dataSource, { defenderId: defender.id, title: 'NIA case RC-30/2021' });
      const page = await viewer.agent.get(`/defenders/${defender.id}`).expect(200);
      expect(page.text).toContain('NIA case RC-30/2021');
    });

    it('answers 404 and 400 as pages', async () => {
      const missing = await viewer.agent.get('/defenders/00000000-0000-4000-8000-000000000000').expect(404);
      expect(missing.headers['content-type']).toMatch(/html/);
      expect(missing.text).toContain('Not found');
      await viewer.agent.get('/defenders/not-a-uuid').expect(400);
    });
  });

  it('shows the queue dashboard link to admins only', async () => {
    expect((await admin.agent.get('/').expect(200)).text).toContain('href="/admin/queues"');
    expect((await caseworker.agent.get('/').expect(200)).text).not.toContain('href="/admin/queues"');
  });
});
