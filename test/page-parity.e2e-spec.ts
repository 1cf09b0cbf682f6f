import { Case } from '../src/cases/case.entity';
import { Defender } from '../src/defenders/defender.entity';
import { makeCase, makeDefender } from './factories/cases';
import { makeCharge, makeEvent, makeHearing } from './factories/entries';
import { startTestApp, TestApp } from './support/test-app';
import { signInToWeb, WebAgent } from './support/web-session';

// What the API does, the pages do too: calendar feeds, a defender's chronology, deleting cases and
// defenders, an unknown page path, and a long timeline read a page at a time.

describe('pages do what the API does', () => {
  let t: TestApp;
  let caseworker: WebAgent;
  let viewer: WebAgent;

  beforeAll(async () => {
    t = await startTestApp({ now: '2022-08-01T06:00:00Z' });
    [caseworker, viewer] = await Promise.all([
      signInToWeb(t, t.users.caseworker),
      signInToWeb(t, t.users.viewer),
    ]);
  });
  afterAll(() => t.close());

  const auditOf = async (entity: string, entityId: string) =>
    (
      (await t.dataSource.query(
        'SELECT action, actor_email FROM audit_log WHERE entity = $1 AND entity_id = $2 ORDER BY at, id',
        [entity, entityId],
      )) as { action: string; actor_email: string }[]
    ).map((row) => `${row.action} by ${row.actor_email}`);

  describe('calendar feeds', () => {
    let kase: Case;

    beforeAll(async () => {
      kase = await makeCase(t.dataSource, { title: 'Feed case' });
      await makeHearing(t.dataSource, kase, { scheduledLocal: '2022-09-05T10:30:00', court: 'Feed court' });
    });

    it('makes a feed of one case whose address works in the calendar, until it is revoked on the page', async () => {
      const form = await caseworker.agent.get(`/account/feeds?caseId=${kase.id}`).expect(200);
      expect(form.text).toContain('this case only: Feed case');

      const made = await caseworker.agent
        .post('/account/feeds')
        .type('form')
        .send({ _csrf: caseworker.csrf, scope: 'case', caseId: kase.id })
        .expect(200);
      const url = /id="feed-url" readonly value="([^"]+)"/.exec(made.text)?.[1];
      expect(url).toMatch(/\/calendar\/[A-Za-z0-9_-]{43}\.ics$/);
      const calendarPath = new URL(url!).pathname;
      const calendar = await t.http().get(calendarPath).expect(200);
      expect(calendar.headers['content-type']).toContain('text/calendar');
      expect(calendar.text).toContain('Feed court');

      // The address is shown once: the list names the feed's case, never its address.
      const list = await caseworker.agent.get('/account/feeds').expect(200);
      expect(list.text).not.toContain(calendarPath);
      const feedId = new RegExp(
        `href="/cases/${kase.id}">Feed case</a>[\\s\\S]*?/account/feeds/([0-9a-f-]{36})/revoke`,
      ).exec(list.text)?.[1];
      expect(feedId).toBeDefined();
      expect(list.text).toContain('Active');

      const revoked = await caseworker.agent
        .post(`/account/feeds/${feedId}/revoke`)
        .type('form')
        .send({ _csrf: caseworker.csrf })
        .expect(303);
      expect(revoked.headers.location).toBe('/account/feeds?notice=feed-revoked');
      await t.http().get(calendarPath).expect(404);
      const after = await caseworker.agent.get(revoked.headers.location).expect(200);
      expect(after.text).toContain('Feed revoked: its address no longer works.');
      expect(after.text).toMatch(/Revoked on/);
      expect(await auditOf('calendar_feed', feedId!)).toEqual([
        `create by ${t.users.caseworker.email}`,
        `delete by ${t.users.caseworker.email}`,
      ]);
    });

    it('makes a feed of every watched case by default, with a copy button that only the script shows', async () => {
      const made = await viewer.agent
        .post('/account/feeds')
        .type('form')
        .send({ _csrf: viewer.csrf, scope: 'watched' })
        .expect(200);
      expect(made.text).toMatch(/<input type="text" id="feed-url" readonly value="http[^"]+\.ics"/);
      expect(made.text).toMatch(
        /<button type="button"[^>]*data-copy="feed-url"[^>]*hidden>Copy the address<\/button>/,
      );
      const script = await t.http().get('/assets/vigil.js').expect(200);
      expect(script.text).toContain("querySelectorAll('[data-copy]')");
      const [feed] = (await t.dataSource.query('SELECT case_id FROM calendar_feeds WHERE user_id = $1', [
        t.users.viewer.id,
      ])) as { case_id: string | null }[];
      expect(feed.case_id).toBeNull();
    });

    it('refuses a case id that is no uuid beside the form, and does not let anyone revoke a feed of someone else', async () => {
      const refused = await caseworker.agent
        .post('/account/feeds')
        .type('form')
        .send({ _csrf: caseworker.csrf, scope: 'case', caseId: 'not-a-case' })
        .expect(400);
      expect(refused.text).toMatch(/data-error-summary[\s\S]*caseId must be a UUID/);
      const [{ id }] = (await t.dataSource.query('SELECT id FROM calendar_feeds WHERE user_id = $1', [
        t.users.viewer.id,
      ])) as { id: string }[];
      await caseworker.agent
        .post(`/account/feeds/${id}/revoke`)
        .type('form')
        .send({ _csrf: caseworker.csrf })
        .expect(404);
    });
  });

  describe("a defender's chronology", () => {
    let defender: Defender;
    let confidentialId: string;

    beforeAll(async () => {
      defender = await makeDefender(t.dataSource, { fullName: 'Two Cases Defender' });
      const first = await makeCase(t.dataSource, {
        defenderId: defender.id,
        title: 'First case',
        arrestedOn: '2020-01-10',
      });
      const second = await makeCase(t.dataSource, {
        defenderId: defender.id,
        title: 'Second case',
        arrestedOn: '2021-03-02',
      });
      await makeEvent(t.dataSource, first, {
        occurredOn: '2020-06-01',
        type: 'other',
        description: 'Bail refused in the first',
      });
      await makeEvent(t.dataSource, second, {
        occurredOn: '2021-05-01',
        type: 'other',
        description: 'Raid told in the second',
      });
      ({ id: confidentialId } = await makeEvent(t.dataSource, first, {
        occurredOn: '2021-07-01',
        type: 'other',
        description: 'Confidential note in the first',
        visibility: 'confidential',
      }));
    });

    it('merges every case of the defender in date order, each entry labelled with its case', async () => {
      const page = await viewer.agent.get(`/defenders/${defender.id}/chronology`).expect(200);
      expect(page.text).toContain('Chronology of Two Cases Defender');
      const list =
        /<ol class="timeline" id="defender-chronology">([\s\S]*?)<\/ol>/.exec(page.text)?.[1] ?? '';
      const entries = list.split('<li>').slice(1);
      const labelled = (text: string) => entries.find((entry) => entry.includes(text)) ?? '';
      expect(labelled('Bail refused in the first')).toContain('Case: First case');
      expect(labelled('Raid told in the second')).toContain('Case: Second case');
      expect(list.indexOf('Bail refused in the first')).toBeLessThan(list.indexOf('Raid told in the second'));
      // A viewer reads no confidential entry; a caseworker does.
      expect(page.text).not.toContain('Confidential note in the first');
      const asCaseworker = await caseworker.agent.get(`/defenders/${defender.id}/chronology`).expect(200);
      expect(asCaseworker.text).toContain('Confidential note in the first');
      const reads = (await t.dataSource.query(
        `SELECT actor_email, context->>'via' AS via FROM audit_log WHERE action = 'read' AND entity_id = $1`,
        [confidentialId],
      )) as { actor_email: string; via: string }[];
      expect(reads).toEqual([{ actor_email: t.users.caseworker.email, via: 'page' }]);
      // Its exports, as on a case's chronology page: public only for a viewer.
      expect(page.text).toContain(
        `href="/defenders/${defender.id}/chronology/export?format=docx&amp;visibility=public&amp;lang=en"`,
      );
      expect(page.text).not.toContain('visibility=all');
      expect(asCaseworker.text).toContain('visibility=all');
    });

    it("downloads the defender's chronology from the page, audited as the API's export is", async () => {
      const exported = await viewer.agent
        .get(`/defenders/${defender.id}/chronology/export?format=md&visibility=public&lang=en`)
        .expect(200);
      expect(exported.headers['content-disposition']).toMatch(
        /attachment; filename="two-cases-defender-chronology-2022-08-01\.md"/,
      );
      expect(exported.text).toContain('Raid told in the second');
      expect(await auditOf('defender', defender.id)).toContain(`export by ${t.users.viewer.email}`);
      await viewer.agent
        .get(`/defenders/${defender.id}/chronology/export?format=md&visibility=all`)
        .expect(403);
    });
  });

  describe('deleting cases and defenders', () => {
    it('refuses to delete a defender while a case would lose them, deletes the case, then the defender', async () => {
      const defender = await makeDefender(t.dataSource, { fullName: 'Deletable Defender' });
      const kase = await makeCase(t.dataSource, { defenderId: defender.id, title: 'Case to delete' });
      await makeCharge(t.dataSource, kase);

      const refusedPage = await caseworker.agent.get(`/defenders/${defender.id}/delete`).expect(200);
      expect(refusedPage.text).toMatch(/id="delete-refused"[\s\S]*Deletable Defender cannot be deleted/);
      expect(refusedPage.text).toContain('1 case where they are the defender');
      expect(refusedPage.text).not.toContain(`action="/defenders/${defender.id}/delete"`);
      const refused = await caseworker.agent
        .post(`/defenders/${defender.id}/delete`)
        .type('form')
        .send({ _csrf: caseworker.csrf })
        .expect(409);
      expect(refused.text).toContain('Deletable Defender cannot be deleted');
      expect(await t.dataSource.getRepository(Defender).countBy({ id: defender.id })).toBe(1);

      const confirmCase = await caseworker.agent.get(`/cases/${kase.id}/delete`).expect(200);
      expect(confirmCase.text).toContain('Delete the case “Case to delete”?');
      expect(confirmCase.text).toMatch(/id="deleted-with"[\s\S]*1 charge[\s\S]*0 hearings[\s\S]*1 event/);
      const deletedCase = await caseworker.agent
        .post(`/cases/${kase.id}/delete`)
        .type('form')
        .send({ _csrf: caseworker.csrf })
        .expect(303);
      expect(deletedCase.headers.location).toBe(`/defenders/${defender.id}?notice=case-deleted`);
      expect(await t.dataSource.getRepository(Case).countBy({ id: kase.id })).toBe(0);
      expect(await auditOf('case', kase.id)).toContain(`delete by ${t.users.caseworker.email}`);

      const confirmDefender = await caseworker.agent.get(`/defenders/${defender.id}/delete`).expect(200);
      expect(confirmDefender.text).not.toContain('delete-refused');
      const deleted = await caseworker.agent
        .post(`/defenders/${defender.id}/delete`)
        .type('form')
        .send({ _csrf: caseworker.csrf })
        .expect(303);
      expect(deleted.headers.location).toBe('/defenders?notice=defender-deleted');
      expect(await t.dataSource.getRepository(Defender).countBy({ id: defender.id })).toBe(0);
      expect(await auditOf('defender', defender.id)).toEqual([`delete by ${t.users.caseworker.email}`]);
    });

    it('offers deleting to caseworkers only', async () => {
      const kase = await makeCase(t.dataSource, { title: 'Kept case' });
      await viewer.agent.get(`/cases/${kase.id}/delete`).expect(403);
      await viewer.agent
        .post(`/cases/${kase.id}/delete`)
        .type('form')
        .send({ _csrf: viewer.csrf })
        .expect(403);
      expect(await t.dataSource.getRepository(Case).countBy({ id: kase.id })).toBe(1);
      const asViewer = await viewer.agent.get(`/cases/${kase.id}`).expect(200);
      expect(asViewer.text).not.toContain(`/cases/${kase.id}/delete`);
      const asCaseworker = await caseworker.agent.get(`/cases/${kase.id}`).expect(200);
      expect(asCaseworker.text).toContain(`href="/cases/${kase.id}/delete"`);
    });
  });

  describe('unknown paths', () => {
    it('answers an unknown page path with the 404 page in the reader’s language, and /api with JSON', async () => {
      const anonymous = await t.http().get('/no/such/page').set('Accept-Language', 'ru').expect(404);
      expect(anonymous.headers['content-type']).toContain('text/html');
      expect(anonymous.text).toContain('<html lang="ru" dir="ltr">');
      expect(anonymous.text).toContain('Страница не найдена');

      const french = await t.createUser('viewer');
      await t.dataSource.query(`UPDATE users SET language = 'fr' WHERE id = $1`, [french.id]);
      const signedIn = await signInToWeb(t, french);
      const page = await signedIn.agent.get('/cases/not/a/page').set('Accept-Language', 'en').expect(404);
      expect(page.text).toContain('<html lang="fr" dir="ltr">');
      expect(page.text).toContain('Page introuvable');
      expect(page.text).toContain('href="/defenders"');

      const api = await t.http().get('/api/no/such/route').set('Accept', 'text/html').expect(404);
      expect(api.headers['content-type']).toContain('application/json');
      expect(api.body).toMatchObject({ statusCode: 404 });
    });
  });

  describe('a long timeline', () => {
    let kase: Case;

    beforeAll(async () => {
      // The arrest (2021-11-22), 118 later events and a charge: 120 entries. The one charge and the hearing
      // whose outcome is missing come late, far past the first page.
      kase = await makeCase(t.dataSource, { title: 'Long case', arrestedOn: '2021-11-22' });
      for (let n = 1; n <= 118; n += 1) {
        const day = new Date(Date.UTC(2022, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        await makeEvent(t.dataSource, kase, {
          occurredOn: day,
          type: 'other',
          description: `Paged entry ${String(n).padStart(3, '0')}`,
        });
      }
      await makeCharge(t.dataSource, kase, { law: 'Late Law 2022', broughtOn: '2022-07-20' });
    });

    const shown = (html: string) =>
      [...html.matchAll(/Paged entry (\d{3})/g)].map((match) => Number(match[1]));

    it('shows the first 50 entries of 120 and links to the next page; the facts still come from all of them', async () => {
      const first = await caseworker.agent.get(`/cases/${kase.id}`).expect(200);
      expect(shown(first.text)).toEqual(Array.from({ length: 49 }, (_, i) => i + 1));
      expect(first.text).toContain('Entries 1–50 of 120');
      expect(first.text).toContain(
        `<a rel="next" href="/cases/${kase.id}?offset=50#timeline-heading">Later entries</a>`,
      );
      expect(first.text).not.toContain('rel="prev"');
      // The charge is on the last page, but the charges panel names it on the first.
      expect(first.text).toMatch(/id="charges-heading"[\s\S]*Late Law 2022[\s\S]*id="timeline-heading"/);

      const second = await caseworker.agent.get(`/cases/${kase.id}?offset=50`).expect(200);
      expect(shown(second.text)).toEqual(Array.from({ length: 50 }, (_, i) => i + 50));
      expect(second.text).toContain(
        `<a rel="prev" href="/cases/${kase.id}?offset=0#timeline-heading">Earlier entries</a>`,
      );
      const last = await caseworker.agent.get(`/cases/${kase.id}?offset=100`).expect(200);
      expect(shown(last.text)).toEqual(Array.from({ length: 19 }, (_, i) => i + 100));
      expect(last.text).toContain('Entries 101–120 of 120');
      expect(last.text).not.toContain('rel="next"');
    });

    it('leads back from past the last page', async () => {
      const past = await caseworker.agent.get(`/cases/${kase.id}?offset=500`).expect(200);
      expect(shown(past.text)).toEqual([]);
      expect(past.text).not.toContain('Nothing on the timeline yet.');
      expect(past.text).toContain(
        `<a rel="prev" href="/cases/${kase.id}?offset=70#timeline-heading">Earlier entries</a>`,
      );
    });

    it('refuses an offset that is no page', async () => {
      const refused = await caseworker.agent.get(`/cases/${kase.id}?offset=-3`).expect(400);
      expect(refused.text).toContain('offset must not be less than 0');
    });
  });
});
