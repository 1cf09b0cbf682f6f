import { AuthService } from '../src/auth/auth.service';
import { Case } from '../src/cases/case.entity';
import { CustodyOrder } from '../src/custody/custody-order.entity';
import { Defender } from '../src/defenders/defender.entity';
import { Hearing } from '../src/hearings/hearing.entity';
import { makeCase, makeDefender } from './factories/cases';
import { bearer, startTestApp, TestApp } from './support/test-app';
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

  describe('a case', () => {
    let nia: Case;
    let hearingId: string;

    beforeAll(async () => {
      nia = await makeCase(t.dataSource, {
        defenderId: defender.id,
        title: 'NIA case',
        arrestedOn: '2021-11-22',
        timezone: 'Asia/Kolkata',
      });
      const api = (path: string, body: object) =>
        t.http().post(path).set(bearer(t.users.caseworker)).send(body).expect(201);
      await api(`/api/cases/${nia.id}/custody-orders`, {
        kind: 'judicial',
        orderedOn: '2022-02-12',
        days: 40,
      });
      await api(`/api/cases/${nia.id}/events`, {
        occurredOn: '2021-11-22',
        precision: 'day',
        type: 'arrest',
        description: 'Arrested by the NIA in Srinagar.',
        visibility: 'public',
        sources: [],
      });
      await api(`/api/cases/${nia.id}/events`, {
        occurredOn: '2021-12-01',
        precision: 'day',
        type: 'family_visit_denied',
        description: 'A confidential note about the family.',
        visibility: 'confidential',
        sources: [],
      });
      const hearing = await api(`/api/cases/${nia.id}/hearings`, {
        scheduledAt: '2022-03-24T10:30',
        court: 'NIA Special Court, New Delhi',
      });
      hearingId = hearing.body.id;
    });

    it('shows the custody clock in words and flags a hearing with no outcome', async () => {
      // 24 March 2022 in New Delhi, after the 10:30 hearing: 122 days since 22 November 2021.
      t.clock.set('2022-03-24T09:00:00Z');
      const page = await viewer.agent.get(`/cases/${nia.id}`).expect(200);
      expect(page.text).toContain('In custody 122 days; judicial custody ends today.');
      expect(page.text).toContain('Outcome not logged');
      expect(page.text).toContain('24 March 2022, 10:30 IST');
    });

    it('never shows viewers confidential entries, and badges every entry with its visibility', async () => {
      const asViewer = await viewer.agent.get(`/cases/${nia.id}`).expect(200);
      expect(asViewer.text).toContain('Arrested by the NIA in Srinagar.');
      expect(asViewer.text).not.toContain('A confidential note about the family.');
      expect(asViewer.text).toContain('badge-public');
      expect(asViewer.text).not.toContain('Add event');
      expect(asViewer.text).not.toContain('/hearings/' + hearingId + '/outcome');
      const asCaseworker = await caseworker.agent.get(`/cases/${nia.id}`).expect(200);
      expect(asCaseworker.text).toContain('A confidential note about the family.');
      expect(asCaseworker.text).toContain('badge-confidential');
    });

    it('refuses the outcome form to viewers and without the CSRF token', async () => {
      await viewer.agent.get(`/hearings/${hearingId}/outcome`).expect(403);
      await caseworker.agent
        .post(`/hearings/${hearingId}/outcome`)
        .type('form')
        .send({ result: 'Judicial custody extended' })
        .expect(403);
      expect(
        (await t.dataSource.getRepository(Hearing).findOneByOrFail({ id: hearingId })).outcome,
      ).toBeNull();
    });

    it("shows the outcome's problems next to the fields and writes nothing", async () => {
      const page = await caseworker.agent
        .post(`/hearings/${hearingId}/outcome`)
        .type('form')
        .send({
          _csrf: caseworker.csrf,
          result: '',
          'custodyExtension.kind': 'judicial',
          'custodyExtension.days': '0',
          nextDate: '2022-03-20',
          nextTime: '10:30',
        })
        .expect(400);
      expect(page.text).toMatch(/id="f-result-error"[^>]*>.*Result must not be blank/s);
      expect(page.text).toMatch(
        /id="f-custodyExtension-days-error"[^>]*>.*Extended by \(days\) must not be less than 1/s,
      );
      expect(page.text).toContain('value="2022-03-20"');
      const afterHearing = await caseworker.agent
        .post(`/hearings/${hearingId}/outcome`)
        .type('form')
        .send({ _csrf: caseworker.csrf, result: 'Adjourned', nextDate: '2022-03-20', nextTime: '10:30' })
        .expect(400);
      expect(afterHearing.text).toMatch(/id="f-nextHearingAt-error"[^>]*>.*must be after this hearing/s);
      expect(
        (await t.dataSource.getRepository(Hearing).findOneByOrFail({ id: hearingId })).outcome,
      ).toBeNull();
      expect(await t.dataSource.getRepository(CustodyOrder).countBy({ caseId: nia.id })).toBe(1);
    });

    it('saves the outcome, the custody extension and the next hearing in one post', async () => {
      await caseworker.agent
        .post(`/hearings/${hearingId}/outcome`)
        .type('form')
        .send({
          _csrf: caseworker.csrf,
          result: 'Judicial custody extended',
          status: 'held',
          'custodyExtension.kind': 'judicial',
          'custodyExtension.days': '50',
          'custodyExtension.until': '',
          nextDate: '2022-05-13',
          nextTime: '10:30',
          'nextHearing.purpose': 'Charge sheet',
          notes: '',
        })
        .expect(303)
        // Nobody watches this case (made straight in the database): the confirmation says so.
        .expect('Location', `/cases/${nia.id}?notice=outcome-saved-unheard`);
      const hearing = await t.dataSource.getRepository(Hearing).findOneByOrFail({ id: hearingId });
      expect(hearing).toMatchObject({ status: 'held', outcome: 'Judicial custody extended' });
      const order = await t.dataSource.getRepository(CustodyOrder).findOneByOrFail({ hearingId });
      expect(order).toMatchObject({ kind: 'judicial', orderedOn: '2022-03-24', days: 50 });
      const next = await t.dataSource.getRepository(Hearing).findOneByOrFail({
        caseId: nia.id,
        scheduledLocal: '2022-05-13T10:30:00' as never,
      });
      expect(next.purpose).toBe('Charge sheet');
      const page = await caseworker.agent.get(`/cases/${nia.id}?notice=outcome-saved`).expect(200);
      expect(page.text).toContain('Outcome saved.');
      expect(page.text).toContain('In custody 122 days; judicial custody ends in 50 days (13 May 2022).');
      expect(page.text).toContain('13 May 2022, 10:30 IST');
    });

    it('adds entries through their forms and shows each refusal beside its field', async () => {
      const blank = await caseworker.agent
        .post(`/cases/${nia.id}/charges`)
        .type('form')
        .send({ _csrf: caseworker.csrf, law: ' ', section: '18B', status: 'alleged', visibility: 'public' })
        .expect(400);
      expect(blank.text).toMatch(/id="f-law-error"[^>]*>.*Law must not be blank/s);
      await caseworker.agent
        .post(`/cases/${nia.id}/charges`)
        .type('form')
        .send({
          _csrf: caseworker.csrf,
          law: 'Unlawful Activities (Prevention) Act 1967',
          section: '18B',
          status: 'alleged',
          visibility: 'public',
          broughtOn: '2021-11-22',
        })
        .expect(303);
      const badHearing = await caseworker.agent
        .post(`/cases/${nia.id}/hearings`)
        .type('form')
        .send({ _csrf: caseworker.csrf, scheduledDate: '', scheduledTime: '', visibility: 'public' })
        .expect(400);
      expect(badHearing.text).toMatch(/id="f-scheduledAt-error"/);
      const badEvent = await caseworker.agent
        .post(`/cases/${nia.id}/events`)
        .type('form')
        .send({
          _csrf: caseworker.csrf,
          occurredOn: '2020-10',
          precision: 'month',
          type: 'raid',
          description: 'Raids in Srinagar.',
          visibility: 'public',
          'sources.0.url': 'not a url',
        })
        .expect(400);
      expect(badEvent.text).toMatch(/id="f-sources-0-url-error"[^>]*>.*must be an http\(s\) URL/s);
      await caseworker.agent
        .post(`/cases/${nia.id}/events`)
        .type('form')
        .send({
          _csrf: caseworker.csrf,
          occurredOn: '2020-10',
          precision: 'month',
          type: 'raid',
          description: 'Raids in Srinagar.',
          visibility: 'public',
          'sources.0.citation': 'A news report',
          'sources.0.url': '',
        })
        .expect(303);
      const page = await viewer.agent.get(`/cases/${nia.id}`).expect(200);
      expect(page.text).toContain('Unlawful Activities (Prevention) Act 1967, s. 18B');
      expect(page.text).toContain('October 2020');
      expect(page.text).toContain('A news report');
      // The UAPA charge brings its statutory limit: a charge sheet due 90 days after arrest, 180 if extended.
      expect(page.text).toContain(
        'Running: due on 21 May 2022 (58 days left) if a court renewed it; the first period ended on 20 February 2022.',
      );
    });

    it('reschedules and cancels a hearing through its form, and saves other fields without rescheduling', async () => {
      const held = await t.dataSource.getRepository(Hearing).findOneByOrFail({ id: hearingId });
      await caseworker.agent
        .post(`/hearings/${hearingId}`)
        .type('form')
        .send({
          _csrf: caseworker.csrf,
          scheduledDate: '2022-03-24',
          scheduledTime: '10:30',
          court: 'NIA Special Court, Patiala House, New Delhi',
          visibility: 'public',
        })
        .expect(303);
      const renamed = await t.dataSource.getRepository(Hearing).findOneByOrFail({ id: hearingId });
      expect(renamed).toMatchObject({ court: 'NIA Special Court, Patiala House, New Delhi', status: 'held' });
      expect(renamed.scheduledAt).toEqual(held.scheduledAt);

      const next = await t.dataSource.getRepository(Hearing).findOneByOrFail({
        caseId: nia.id,
        status: 'scheduled',
      });
      const form = await caseworker.agent.get(`/hearings/${next.id}/edit`).expect(200);
      expect(form.text).toContain('value="13 May 2022"');
      expect(form.text).toContain('value="2022-05-13"'); // the calendar beside it
      expect(form.text).toContain('value="10:30"');
      const gap = await caseworker.agent
        .post(`/hearings/${next.id}`)
        .type('form')
        .send({
          _csrf: caseworker.csrf,
          scheduledDate: 'not a date',
          scheduledTime: '',
          visibility: 'public',
        })
        .expect(400);
      expect(gap.text).toMatch(/id="f-scheduledAt-error"/);
      await caseworker.agent
        .post(`/hearings/${next.id}`)
        .type('form')
        .send({
          _csrf: caseworker.csrf,
          scheduledDate: '2022-05-16',
          scheduledTime: '11:00',
          visibility: 'public',
          status: 'scheduled',
        })
        .expect(303);
      expect(
        (await t.dataSource.getRepository(Hearing).findOneByOrFail({ id: next.id })).scheduledLocal,
      ).toBe('2022-05-16T11:00:00');
      await caseworker.agent
        .post(`/hearings/${next.id}`)
        .type('form')
        .send({
          _csrf: caseworker.csrf,
          scheduledDate: '2022-05-16',
          scheduledTime: '11:00',
          visibility: 'public',
          status: 'cancelled',
        })
        .expect(303);
      expect((await t.dataSource.getRepository(Hearing).findOneByOrFail({ id: next.id })).status).toBe(
        'cancelled',
      );
    });

    it("creates a case with the API's date rules, and edits it without its detention, which entries tell", async () => {
      const refused = await caseworker.agent
        .post('/cases')
        .type('form')
        .send({
          _csrf: caseworker.csrf,
          defenderId: nia.defenderId,
          title: 'Released before arrested',
          country: 'IN',
          timezone: 'Asia/Kolkata',
          status: 'charged',
          detentionStatus: 'released',
          arrestedOn: '2021-11-22',
          arrestedOnPrecision: 'day',
          releasedOn: '2021-11-01',
        })
        .expect(400);
      expect(refused.text).toMatch(
        /id="f-releasedOn-error"[^>]*>.*Released on must not be before the arrest date \(2021-11-22\)/s,
      );
      const form = await caseworker.agent.get(`/cases/${nia.id}/edit`).expect(200);
      expect(form.text).not.toContain('name="releasedOn"');
      expect(form.text).toContain('Detention, arrest and release come from the case’s entries');
      await caseworker.agent
        .post(`/cases/${nia.id}`)
        .type('form')
        .send({
          _csrf: caseworker.csrf,
          title: 'NIA case RC-30/2021',
          country: 'IN',
          timezone: 'Asia/Kolkata',
          status: 'charged',
        })
        .expect(303);
      expect(await t.dataSource.getRepository(Case).findOneByOrFail({ id: nia.id })).toMatchObject({
        title: 'NIA case RC-30/2021',
        detentionStatus: 'in_custody',
      });
    });
  });

  describe('the chronology page', () => {
    let chronologyCase: Case;

    beforeAll(async () => {
      chronologyCase = await makeCase(t.dataSource, { defenderId: defender.id, title: 'Chronology case' });
      const api = (path: string, body: object) =>
        t.http().post(path).set(bearer(t.users.caseworker)).send(body).expect(201);
      await api(`/api/cases/${chronologyCase.id}/events`, {
        occurredOn: '2021-11-22',
        precision: 'day',
        type: 'arrest',
        description: 'Arrested after a raid lasting fourteen hours.',
        visibility: 'public',
        sources: [],
      });
      await api(`/api/cases/${chronologyCase.id}/events`, {
        occurredOn: '2021-11-23',
        precision: 'day',
        type: 'other',
        description: 'A confidential lead.',
        visibility: 'confidential',
        sources: [],
      });
    });

    it('offers viewers public exports only, and caseworkers every format at every visibility', async () => {
      const asViewer = await viewer.agent.get(`/cases/${chronologyCase.id}/chronology`).expect(200);
      expect(asViewer.text).toContain('format=pdf&amp;visibility=public');
      expect(asViewer.text).not.toContain('visibility=internal');
      expect(asViewer.text).not.toContain('Import from statement text');
      const asCaseworker = await caseworker.agent
        .get(`/cases/${chronologyCase.id}/chronology?lang=fr`)
        .expect(200);
      for (const format of ['md', 'html', 'pdf', 'docx', 'csv', 'xlsx', 'json', 'ics', 'timelinejs']) {
        for (const visibility of ['public', 'internal', 'all']) {
          expect(asCaseworker.text).toContain(`format=${format}&amp;visibility=${visibility}&amp;lang=fr`);
        }
      }
    });

    it('downloads an export through the session, audited, with confidential entries only when asked for', async () => {
      const publicMd = await viewer.agent
        .get(`/cases/${chronologyCase.id}/chronology/export?format=md&visibility=public&lang=en`)
        .expect(200);
      expect(publicMd.headers['content-disposition']).toMatch(/attachment; filename=".*\.md"/);
      expect(publicMd.text).toContain('22 November 2021');
      expect(publicMd.text).not.toContain('A confidential lead.');
      await viewer.agent
        .get(`/cases/${chronologyCase.id}/chronology/export?format=md&visibility=all`)
        .expect(403);
      const all = await caseworker.agent
        .get(`/cases/${chronologyCase.id}/chronology/export?format=md&visibility=all`)
        .expect(200);
      expect(all.text).toContain('A confidential lead.');
      const audited = (await t.dataSource.query(
        `SELECT actor_email, context FROM audit_log WHERE action = 'export' AND entity_id = $1 ORDER BY id`,
        [chronologyCase.id],
      )) as { actor_email: string; context: Record<string, unknown> }[];
      expect(audited.map((row) => row.actor_email)).toEqual(['viewer@example.org', 'caseworker@example.org']);
    });

    it("takes a long pasted chronology (beyond body-parser's 100 kB default) to the preview", async () => {
      const line = (day: number) =>
        `${day} March 2022: ${'A long account of what happened in court that day, as statements write it. '.repeat(20)}`;
      const text = Array.from({ length: 100 }, (_, index) => line((index % 28) + 1)).join('\n\n');
      expect(text.length).toBeGreaterThan(150_000);
      const preview = await caseworker.agent
        .post(`/cases/${chronologyCase.id}/chronology/import`)
        .type('form')
        .send({ _csrf: caseworker.csrf, text, visibility: 'public' })
        .expect(200);
      expect(preview.text).toContain('100 entries read from the text');
    });

    it('previews an import with its warnings, writes nothing until confirmed, then writes it all', async () => {
      const text = [
        '12 February 2022: The court extended his judicial custody for a further 40 days.',
        '',
        '24 January 2021: Judicial custody extended for 40 days.',
        '',
        '24 March 2022: An NIA Court extended his judicial custody for 50 days.',
      ].join('\n');
      await viewer.agent
        .post(`/cases/${chronologyCase.id}/chronology/import`)
        .type('form')
        .send({ _csrf: viewer.csrf, text })
        .expect(403);
      const preview = await caseworker.agent
        .post(`/cases/${chronologyCase.id}/chronology/import`)
        .type('form')
        .send({ _csrf: caseworker.csrf, text, visibility: 'public', 'keep.custodyOrders': 'on' })
        .expect(200);
      expect(preview.text).toContain('Check the import');
      expect(preview.text).toMatch(/Line 3: [^<]*order/);
      expect(preview.text).toContain('3 entries read from the text');
      const countEvents = async () =>
        Number(
          (
            await t.dataSource.query(`SELECT count(*) AS n FROM events WHERE case_id = $1`, [
              chronologyCase.id,
            ])
          )[0].n,
        );
      // The case's arrest (written with the case) and the two events above.
      expect(await countEvents()).toBe(3);

      const blank = await caseworker.agent
        .post(`/cases/${chronologyCase.id}/chronology/import`)
        .type('form')
        .send({ _csrf: caseworker.csrf, text: '   ', visibility: 'public' })
        .expect(400);
      expect(blank.text).toMatch(/id="f-text-error"[^>]*>.*Chronology text must not be blank/s);

      await caseworker.agent
        .post(`/cases/${chronologyCase.id}/chronology/import/confirm`)
        .type('form')
        .send({ _csrf: caseworker.csrf, text, visibility: 'public', 'keep.custodyOrders': 'on' })
        .expect(303)
        .expect('Location', `/cases/${chronologyCase.id}?notice=import-saved`);
      expect(await countEvents()).toBe(6);
      const orders = await t.dataSource.getRepository(CustodyOrder).findBy({ caseId: chronologyCase.id });
      expect(orders.map((order) => order.days).sort()).toEqual([40, 40, 50]);
    });
  });

  describe('settings', () => {
    let watched: Case;

    beforeAll(async () => {
      watched = await makeCase(t.dataSource, { defenderId: defender.id, title: 'Watched case' });
    });

    it('lets anyone watch, mute and stop watching a case for themselves', async () => {
      const page = await viewer.agent.get(`/settings/cases/${watched.id}`).expect(200);
      expect(page.text).toContain('You do not watch this case');
      expect(page.text).not.toContain('People outside Vigil');
      await viewer.agent
        .post(`/settings/cases/${watched.id}/watch`)
        .type('form')
        .send({ _csrf: viewer.csrf })
        .expect(303);
      await viewer.agent
        .post(`/settings/cases/${watched.id}/watch`)
        .type('form')
        .send({ _csrf: viewer.csrf, muted: 'true' })
        .expect(303);
      const watchers = await t.dataSource.query(
        'SELECT user_id, muted FROM case_watchers WHERE case_id = $1',
        [watched.id],
      );
      expect(watchers).toEqual([{ user_id: t.users.viewer.id, muted: true }]);
      expect((await viewer.agent.get(`/settings/cases/${watched.id}`).expect(200)).text).toContain('muted');
      await viewer.agent
        .post(`/settings/cases/${watched.id}/watch`)
        .type('form')
        .send({ _csrf: viewer.csrf, watch: 'stop' })
        .expect(303);
      expect(
        await t.dataSource.query('SELECT 1 FROM case_watchers WHERE case_id = $1', [watched.id]),
      ).toEqual([]);
    });

    it('lets caseworkers add and remove external recipients, with problems beside the fields', async () => {
      await viewer.agent
        .post(`/settings/cases/${watched.id}/recipients`)
        .type('form')
        .send({ _csrf: viewer.csrf, name: 'Counsel', email: 'counsel@example.org', language: 'en' })
        .expect(403);
      const bad = await caseworker.agent
        .post(`/settings/cases/${watched.id}/recipients`)
        .type('form')
        .send({ _csrf: caseworker.csrf, name: 'Counsel', email: 'not an email', language: 'en' })
        .expect(400);
      expect(bad.text).toMatch(/id="f-email-error"[^>]*>.*Email must be an email/s);
      await caseworker.agent
        .post(`/settings/cases/${watched.id}/recipients`)
        .type('form')
        .send({ _csrf: caseworker.csrf, name: 'Counsel', email: 'Counsel@Example.org', language: 'fr' })
        .expect(303);
      const page = await caseworker.agent.get(`/settings/cases/${watched.id}`).expect(200);
      expect(page.text).toContain('counsel@example.org');
      const [{ id }] = await t.dataSource.query('SELECT id FROM case_recipients WHERE case_id = $1', [
        watched.id,
      ]);
      await caseworker.agent
        .post(`/settings/cases/${watched.id}/recipients/${id}/delete`)
        .type('form')
        .send({ _csrf: caseworker.csrf })
        .expect(303);
      expect(
        await t.dataSource.query('SELECT 1 FROM case_recipients WHERE case_id = $1', [watched.id]),
      ).toEqual([]);
    });

    it("sets a case's own reminder policy, blank fields following the global one", async () => {
      const bad = await caseworker.agent
        .post(`/settings/cases/${watched.id}/policy`)
        .type('form')
        .send({ _csrf: caseworker.csrf, hearingOffsets: 'P7D', hearingOffsetsOther: 'a fortnight' })
        .expect(400);
      expect(bad.text).toMatch(
        /id="f-hearingOffsets-error"[^>]*>.*We could not read “a fortnight” as a length of time\./s,
      );
      await caseworker.agent
        .post(`/settings/cases/${watched.id}/policy`)
        .type('form')
        .send({
          _csrf: caseworker.csrf,
          hearingOffsets: 'PT2H',
          hearingOffsetsOther: '2 days, an hour',
          milestoneDays: '',
          milestonesYearly: '',
        })
        .expect(303);
      const page = await viewer.agent.get(`/settings/cases/${watched.id}`).expect(200);
      expect(page.text).toMatch(/Before each hearing<\/dt><dd>2 hours, 2 days, 1 hour</);
    });

    it('shows admins the global policy, the users and the queue link; others none of it', async () => {
      const asCaseworker = await caseworker.agent.get('/settings').expect(200);
      expect(asCaseworker.text).not.toContain('Reminder policy');
      expect(asCaseworker.text).not.toContain('/admin/queues');
      await caseworker.agent
        .post('/settings/reminders')
        .type('form')
        .send({ _csrf: caseworker.csrf, hearingOffsets: 'P1D' })
        .expect(403);
      const asAdmin = await admin.agent.get('/settings').expect(200);
      expect(asAdmin.text).toContain('Reminder policy');
      expect(asAdmin.text).toContain('href="/admin/queues"');
      expect(asAdmin.text).toContain('viewer@example.org');
      await admin.agent
        .post('/settings/reminders')
        .type('form')
        .send({
          _csrf: admin.csrf,
          hearingOffsets: 'P7D, P1D, PT2H',
          custodyOffsets: 'P3D, P1D',
          statutoryOffsets: 'P14D, P3D',
          milestoneDays: '30, 100, 150, 365',
          milestonesYearly: 'true',
        })
        .expect(303);
    });

    it('lets admins add users (problems beside the fields, the password never echoed) and deactivate them', async () => {
      const bad = await admin.agent
        .post('/settings/users')
        .type('form')
        .send({
          _csrf: admin.csrf,
          name: 'New Caseworker',
          email: 'new-cw@example.org',
          password: 'short',
          role: 'caseworker',
        })
        .expect(400);
      expect(bad.text).toMatch(
        /id="f-password-error"[^>]*>.*Password must be longer than or equal to 12 characters/s,
      );
      expect(bad.text).not.toContain('value="short"');
      await admin.agent
        .post('/settings/users')
        .type('form')
        .send({
          _csrf: admin.csrf,
          name: 'New Caseworker',
          email: 'new-cw@example.org',
          password: 'a long enough password',
          role: 'caseworker',
        })
        .expect(303);
      const [created] = await t.dataSource.query(
        `SELECT id, role, active FROM users WHERE email = 'new-cw@example.org'`,
      );
      expect(created).toMatchObject({ role: 'caseworker', active: true });
      await admin.agent
        .post(`/settings/users/${created.id}/active`)
        .type('form')
        .send({ _csrf: admin.csrf, active: 'false' })
        .expect(303);
      const [after] = await t.dataSource.query(`SELECT active FROM users WHERE id = $1`, [created.id]);
      expect(after.active).toBe(false);
    });
  });

  it('opens the queue dashboard to an admin signed in to the web pages, and to nobody else', async () => {
    const board = await admin.agent.get('/admin/queues').expect(200);
    expect(board.headers['content-type']).toMatch(/html/);
    await caseworker.agent.get('/admin/queues').expect(403);
    await t.http().get('/admin/queues').expect(401);
  });

  it("accepts a web session for the queue dashboard only from Vigil's own pages", async () => {
    const auth = t.app.get(AuthService);
    const request = (cookie: string, method = 'GET', origin?: string) =>
      ({
        method,
        headers: { host: 'vigil.test', ...(origin ? { origin } : {}) },
        cookies: { vigil_session: cookie },
      }) as never;
    const token = admin.sessionToken;
    expect((await auth.authenticateBearerOrSession(request(token)))?.role).toBe('admin');
    expect((await auth.authenticateBearerOrSession(request(token, 'POST', 'http://vigil.test')))?.role).toBe(
      'admin',
    );
    expect(
      await auth.authenticateBearerOrSession(request(token, 'POST', 'https://evil.example')),
    ).toBeUndefined();
    expect(await auth.authenticateBearerOrSession(request(token, 'PUT'))).toBeUndefined();
    expect(await auth.authenticateBearerOrSession(request('forged'))).toBeUndefined();
  });

  it('shows the queue dashboard link to admins only', async () => {
    expect((await admin.agent.get('/').expect(200)).text).toContain('href="/admin/queues"');
    expect((await caseworker.agent.get('/').expect(200)).text).not.toContain('href="/admin/queues"');
  });

  describe('the dashboard', () => {
    it('lists hearings ahead, hearings without an outcome, custody ending and defenders in custody by country', async () => {
      t.clock.set('2022-05-08T06:00:00Z');
      // Sessions last twelve hours by the same clock: sign in again on the new day.
      const [caseworker, viewer] = await Promise.all([
        signInToWeb(t, t.users.caseworker),
        signInToWeb(t, t.users.viewer),
      ]);
      const other = await makeCase(t.dataSource, {
        title: 'Dashboard case',
        country: 'BY',
        timezone: 'Europe/Minsk',
        arrestedOn: '2022-01-10',
      });
      const api = (path: string, body: object) =>
        t.http().post(path).set(bearer(t.users.caseworker)).send(body).expect(201);
      await api(`/api/cases/${other.id}/custody-orders`, {
        kind: 'pre_trial',
        orderedOn: '2022-04-10',
        days: 30,
      });
      await api(`/api/cases/${other.id}/hearings`, {
        scheduledAt: '2022-05-03T09:00',
        court: 'Minsk City Court',
      });
      await api(`/api/cases/${other.id}/hearings`, {
        scheduledAt: '2022-05-12T14:00',
        court: 'Minsk City Court',
      });
      await api(`/api/cases/${other.id}/hearings`, {
        scheduledAt: '2022-05-13T11:00',
        court: 'A confidential hearing',
        visibility: 'confidential',
      });

      const section = (html: string, id: string) =>
        new RegExp(`<section[^>]*aria-labelledby="${id}"[\\s\\S]*?</section>`).exec(html)?.[0] ?? '';
      const asCaseworker = await caseworker.agent.get('/').expect(200);
      const upcoming = section(asCaseworker.text, 'upcoming-heading');
      expect(upcoming).toContain('12 May 2022, 14:00');
      expect(upcoming).toContain('Minsk City Court');
      expect(upcoming).toContain('A confidential hearing');
      const awaiting = section(asCaseworker.text, 'awaiting-heading');
      expect(awaiting).toContain('3 May 2022, 09:00');
      expect(awaiting).toContain('Log the outcome');
      const custody = section(asCaseworker.text, 'custody-heading');
      expect(custody).toContain('pre-trial detention ends in 2 days (10 May 2022)');
      const countries = section(asCaseworker.text, 'country-heading');
      expect(countries).toContain('Belarus</a>: 1 defender');
      expect(countries).toContain('India</a>: 1 defender');

      const asViewer = await viewer.agent.get('/').expect(200);
      expect(section(asViewer.text, 'upcoming-heading')).toContain('12 May 2022, 14:00');
      expect(section(asViewer.text, 'upcoming-heading')).not.toContain('A confidential hearing');
      expect(section(asViewer.text, 'awaiting-heading')).not.toContain('Log the outcome');
    });

    it('lists a case whose release is confidential under custody ending to a viewer, as held', async () => {
      t.clock.set('2022-05-08T06:00:00Z');
      const [caseworker, viewer] = await Promise.all([
        signInToWeb(t, t.users.caseworker),
        signInToWeb(t, t.users.viewer),
      ]);
      const kase = await makeCase(t.dataSource, {
        title: 'Quietly bailed case',
        country: 'KZ',
        timezone: 'Asia/Almaty',
        arrestedOn: '2022-01-12',
      });
      const api = (path: string, body: object) =>
        t.http().post(path).set(bearer(t.users.caseworker)).send(body).expect(201);
      await api(`/api/cases/${kase.id}/custody-orders`, {
        kind: 'pre_trial',
        orderedOn: '2022-04-12',
        days: 30,
      });
      await api(`/api/cases/${kase.id}/events`, {
        type: 'bail_granted',
        occurredOn: '2022-05-01',
        precision: 'day',
        description: 'Bailed',
        visibility: 'confidential',
        sources: [],
      });
      const custody = async (session: Awaited<ReturnType<typeof signInToWeb>>) =>
        (
          new RegExp('<section[^>]*aria-labelledby="custody-heading"[\\s\\S]*?</section>').exec(
            (await session.agent.get('/').expect(200)).text,
          )?.[0] ?? ''
        ).includes('Quietly bailed case');
      // The viewer's page says the defender is held: its custody panel must not leave the case out.
      expect(await custody(viewer)).toBe(true);
      expect(await custody(caseworker)).toBe(false);
    });
  });
});
