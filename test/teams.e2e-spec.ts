import { DateTime } from 'luxon';
import { accessTo, caseVisibleSql, knownReader, mayRead } from '../src/access/access-policy';
import { AccessService } from '../src/access/access.service';
import { ReminderSender } from '../src/reminders/reminder-sender';
import { makeCase, makeDefender } from './factories/cases';
import { makeEvent, makeHearing } from './factories/entries';
import { startTestSmtp, TestSmtp } from './support/smtp';
import { bearer, startTestApp, TestApp, TestUser } from './support/test-app';
import { signInToWeb } from './support/web-session';
import { startTestWorker, TestWorker } from './support/worker';

// Teams and restricted defenders and cases: outside a restriction's teams a caseworker or viewer
// gets 404 for everything about it, everywhere; members see it; admins see it, audited.

describe('teams and restricted cases', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;
  // In the "Desk" team: a caseworker and a viewer. Outside it: the default caseworker and viewer.
  let member: TestUser;
  let memberViewer: TestUser;
  let deskId: string;
  let otherTeamId: string;
  // An open defender with an open case and a case restricted to the desk; a defender restricted
  // to the desk with a case of their own; and an open defender's case where the restricted
  // defender is co-accused.
  let openDefender: string;
  let hiddenDefender: string;
  let openCase: string;
  let restrictedCase: string;
  let hiddenDefendersCase: string;
  let coAccusedCase: string;

  const api = () => t.http();
  const admin = () => bearer(t.users.admin);
  const outsiders = () => [t.users.caseworker, t.users.viewer];
  const insiders = () => [member, memberViewer];
  const hiddenCases = () => [restrictedCase, hiddenDefendersCase, coAccusedCase];

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp({ env: { SMTP_URL: smtp.url } });
    worker = await startTestWorker(t);
    member = await t.createUser('caseworker');
    memberViewer = await t.createUser('viewer');

    deskId = (await api().post('/api/teams').set(admin()).send({ name: 'Desk' }).expect(201)).body.id;
    otherTeamId = (await api().post('/api/teams').set(admin()).send({ name: 'Partners' }).expect(201)).body
      .id;
    await api()
      .put(`/api/teams/${deskId}/members`)
      .set(admin())
      .send({ userIds: [member.id, memberViewer.id] })
      .expect(200);

    openDefender = (await makeDefender(t.dataSource, { fullName: 'Nadia Open' })).id;
    hiddenDefender = (await makeDefender(t.dataSource, { fullName: 'Ilyas Sheltered' })).id;
    openCase = (
      await makeCase(t.dataSource, { defenderId: openDefender, title: 'Open trial', country: 'TR' })
    ).id;
    restrictedCase = (
      await makeCase(t.dataSource, { defenderId: openDefender, title: 'Strategy trial', country: 'TR' })
    ).id;
    hiddenDefendersCase = (
      await makeCase(t.dataSource, { defenderId: hiddenDefender, title: 'Family at risk', country: 'TR' })
    ).id;
    coAccusedCase = (
      await makeCase(t.dataSource, { defenderId: openDefender, title: 'Joint trial', country: 'TR' })
    ).id;
    await t.dataSource.query('INSERT INTO case_participants (case_id, defender_id) VALUES ($1, $2)', [
      coAccusedCase,
      hiddenDefender,
    ]);
    for (const id of [openCase, ...hiddenCases()]) {
      await makeHearing(
        t.dataSource,
        { id, timezone: 'Asia/Kolkata' },
        { scheduledLocal: '2026-01-20T11:00:00' },
      );
    }
    await api()
      .put(`/api/cases/${restrictedCase}/restriction`)
      .set(admin())
      .send({ teamIds: [deskId] })
      .expect(200);
    await api()
      .put(`/api/defenders/${hiddenDefender}/restriction`)
      .set(admin())
      .send({ teamIds: [deskId] })
      .expect(200);
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp?.close();
  });

  /** Every API read about one case, each of which must be 404 to an outsider. */
  const caseReads = async (caseId: string): Promise<string[]> => {
    const [hearing] = (await t.dataSource.query('SELECT id FROM hearings WHERE case_id = $1', [caseId])) as {
      id: string;
    }[];
    return [
      `/api/cases/${caseId}`,
      `/api/cases/${caseId}/timeline`,
      `/api/cases/${caseId}/hearings`,
      `/api/cases/${caseId}/events`,
      `/api/cases/${caseId}/charges`,
      `/api/cases/${caseId}/custody-orders`,
      `/api/hearings/${hearing.id}`,
      `/api/cases/${caseId}/chronology?format=md`,
      `/api/cases/${caseId}/chronology?format=csv`,
      `/api/cases/${caseId}/statutory-limits`,
      `/api/cases/${caseId}/watchers`,
      `/api/cases/${caseId}/reminder-policy`,
    ];
  };

  describe('the teams API', () => {
    it('lets admins create, rename and fill teams, refuses a taken name, and is admins only', async () => {
      const created = await api().post('/api/teams').set(admin()).send({ name: '  Legal team ' }).expect(201);
      expect(created.body).toMatchObject({ name: 'Legal team', members: [], cases: 0, defenders: 0 });
      const id = created.body.id as string;
      await api().patch(`/api/teams/${id}`).set(admin()).send({ name: 'Lawyers' }).expect(200);
      const filled = await api()
        .put(`/api/teams/${id}/members`)
        .set(admin())
        .send({ userIds: [member.id] })
        .expect(200);
      expect(filled.body).toMatchObject({
        name: 'Lawyers',
        members: [{ id: member.id, email: member.email }],
      });
      const taken = await api().post('/api/teams').set(admin()).send({ name: 'desk' }).expect(409);
      expect(taken.body.details).toEqual([{ field: 'name', problem: 'is taken by another team' }]);
      await api().post('/api/teams').set(bearer(member)).send({ name: 'Mine' }).expect(403);
      await api().get('/api/teams').set(bearer(t.users.viewer)).expect(403);
      await api().delete(`/api/teams/${id}`).set(admin()).expect(204);
      await api().get(`/api/teams/${id}`).set(admin()).expect(404);
    });

    it('answers bad members and restrictions with a 400 per field, and keeps a team that restricts something', async () => {
      const unknown = '00000000-0000-4000-8000-000000000000';
      const members = await api()
        .put(`/api/teams/${deskId}/members`)
        .set(admin())
        .send({ userIds: [unknown] })
        .expect(400);
      expect(members.body.details).toEqual([
        { field: 'userIds', problem: `contains ${unknown}, which matches no user` },
      ]);
      const restriction = await api()
        .put(`/api/cases/${openCase}/restriction`)
        .set(admin())
        .send({ teamIds: ['not-a-uuid'] })
        .expect(400);
      expect(restriction.body.details[0].field).toMatch(/^teamIds/);
      await api()
        .put(`/api/cases/${openCase}/restriction`)
        .set(admin())
        .send({ teamIds: [unknown] })
        .expect(400);
      await api()
        .put(`/api/cases/${openCase}/restriction`)
        .set(bearer(member))
        .send({ teamIds: [deskId] })
        .expect(403);
      const kept = await api().delete(`/api/teams/${deskId}`).set(admin()).expect(409);
      expect(kept.body.message).toMatch(/restricts 1 defender\(s\) and 1 case\(s\)/);
      // Nothing was half-written: the desk still has its members, the open case no restriction.
      expect((await api().get(`/api/teams/${deskId}`).set(admin()).expect(200)).body.members).toHaveLength(2);
      expect((await api().get(`/api/cases/${openCase}`).set(admin()).expect(200)).body.restrictedTo).toEqual(
        [],
      );
    });
  });

  describe('outside the teams', () => {
    it('a caseworker and a viewer get 404 for every read about a restricted case, its entries and exports', async () => {
      for (const caseId of hiddenCases()) {
        for (const path of await caseReads(caseId)) {
          for (const user of outsiders()) {
            const response = await api().get(path).set(bearer(user));
            expect({ path, user: user.role, status: response.status }).toEqual({
              path,
              user: user.role,
              status: 404,
            });
          }
        }
      }
      // The same words as for a case that does not exist.
      const hidden = await api().get(`/api/cases/${restrictedCase}`).set(bearer(t.users.viewer)).expect(404);
      expect(hidden.body.message).toBe(`Case ${restrictedCase} was not found`);
    });

    it('a caseworker may not write to a restricted case, nor point a new case at a restricted defender', async () => {
      const outsider = bearer(t.users.caseworker);
      await api().patch(`/api/cases/${restrictedCase}`).set(outsider).send({ title: 'Renamed' }).expect(404);
      await api()
        .post(`/api/cases/${restrictedCase}/events`)
        .set(outsider)
        .send({
          type: 'raid',
          occurredOn: '2026-01-02',
          precision: 'day',
          title: 'Office searched',
          description: 'Police searched the office.',
          visibility: 'public',
          sources: [],
        })
        .expect(404);
      await api().delete(`/api/cases/${hiddenDefendersCase}`).set(outsider).expect(404);
      await api().patch(`/api/defenders/${hiddenDefender}`).set(outsider).send({ bio: 'x' }).expect(404);
      const created = await api()
        .post('/api/cases')
        .set(outsider)
        .send({
          defenderId: openDefender,
          coAccusedIds: [hiddenDefender],
          title: 'Probe',
          country: 'TR',
          timezone: 'Europe/Istanbul',
          status: 'charged',
        })
        .expect(400);
      expect(created.body.details).toEqual([
        { field: 'coAccusedIds', problem: `contains ${hiddenDefender}, which matches no defender` },
      ]);
      const joined = await api()
        .post(`/api/cases/${openCase}/participants`)
        .set(outsider)
        .send({ defenderId: hiddenDefender })
        .expect(400);
      expect(joined.body.details).toEqual([
        { field: 'defenderId', problem: `matches no defender (${hiddenDefender})` },
      ]);
      // Nor move an entry of an open case into a restricted one: to them, that case does not exist.
      const [openHearing] = (await t.dataSource.query('SELECT id FROM hearings WHERE case_id = $1', [
        openCase,
      ])) as { id: string }[];
      const moved = await api()
        .post(`/api/entries/hearing/${openHearing.id}/move`)
        .set(outsider)
        .send({ toCaseId: restrictedCase })
        .expect(400);
      expect(moved.body.details).toEqual([
        { field: 'toCaseId', problem: `matches no case (${restrictedCase})` },
      ]);
      // A malformed write gets the same 400 as for an id that matches nothing: it tells nothing.
      const unknownCase = '00000000-0000-4000-8000-000000000000';
      const answers = [];
      for (const caseId of [restrictedCase, unknownCase]) {
        const malformed = await api()
          .patch(`/api/cases/${caseId}`)
          .set(outsider)
          .send({ title: 5 })
          .expect(400);
        answers.push(malformed.body.details);
      }
      expect(answers[0]).toEqual(answers[1]);
      expect(answers[0]).toContainEqual({ field: 'title', problem: 'title must be a string' });
      // Refusing to delete the open defender counts only the case the outsider may see.
      const kept = await api().delete(`/api/defenders/${openDefender}`).set(outsider).expect(409);
      expect(kept.body.message).toBe(
        'Nadia Open is the defender in 1 case; delete those cases or remove them from the cases first',
      );
      expect((await api().get(`/api/cases/${restrictedCase}`).set(admin()).expect(200)).body.title).toBe(
        'Strategy trial',
      );
    });

    it('a restricted defender is 404 by id, cases and export, and it and restricted cases are missing from search', async () => {
      for (const user of outsiders()) {
        for (const path of [
          `/api/defenders/${hiddenDefender}`,
          `/api/defenders/${hiddenDefender}/cases`,
          `/api/defenders/${hiddenDefender}/chronology?format=md`,
        ]) {
          expect({ path, status: (await api().get(path).set(bearer(user))).status }).toEqual({
            path,
            status: 404,
          });
        }
        const search = await api().get('/api/defenders?q=sheltered').set(bearer(user)).expect(200);
        expect(search.body).toMatchObject({ items: [], total: 0 });
        for (const q of ['sheltered', 'strategy trial', 'joint trial', 'family at risk']) {
          const found = await api()
            .get(`/api/search?q=${encodeURIComponent(q)}`)
            .set(bearer(user))
            .expect(200);
          expect({ q, hits: found.body.hits }).toEqual({ q, hits: [] });
        }
        const open = await api().get('/api/search?q=open%20trial').set(bearer(user)).expect(200);
        expect(open.body.hits.map((hit: { id: string }) => hit.id)).toContain(openCase);
      }
    });

    it('lists, counts, a defender’s cases and their export leave restricted cases out', async () => {
      for (const user of outsiders()) {
        const cases = await api().get('/api/cases?country=TR&limit=50').set(bearer(user)).expect(200);
        expect(cases.body.items.map((c: { id: string }) => c.id)).toEqual([openCase]);
        expect(cases.body.total).toBe(1);
        const theirs = await api().get(`/api/defenders/${openDefender}/cases`).set(bearer(user)).expect(200);
        expect(theirs.body).toMatchObject({ total: 1, items: [{ id: openCase }] });
        const exported = await api()
          .get(`/api/defenders/${openDefender}/chronology?format=md`)
          .set(bearer(user));
        expect(exported.status).toBe(200);
        expect(exported.text).toContain('Open trial');
        expect(exported.text).not.toMatch(/Strategy trial|Joint trial|Sheltered/);
        const reminders = await api()
          .get(`/api/reminders?caseId=${restrictedCase}`)
          .set(bearer(user))
          .expect(200);
        expect(reminders.body.total).toBe(0);
      }
    });

    it('the dashboard’s hearings, custody counts and the case pages leave them out, with 404 pages', async () => {
      for (const user of outsiders()) {
        const web = await signInToWeb(t, user);
        const dashboard = await web.agent.get('/').expect(200);
        expect(dashboard.text).toContain('Open trial');
        expect(dashboard.text).not.toMatch(/Strategy trial|Joint trial|Family at risk|Sheltered/);
        const cases = await web.agent.get('/cases?country=TR').expect(200);
        expect(cases.text).not.toMatch(/Strategy trial|Joint trial|Family at risk/);
        const defender = await web.agent.get(`/defenders/${openDefender}`).expect(200);
        expect(defender.text).not.toMatch(/Strategy trial|Joint trial|Sheltered/);
        for (const path of [
          `/cases/${restrictedCase}`,
          `/cases/${coAccusedCase}/chronology`,
          `/settings/cases/${hiddenDefendersCase}`,
          `/defenders/${hiddenDefender}`,
        ]) {
          const page = await web.agent.get(path);
          expect({ path, status: page.status }).toEqual({ path, status: 404 });
          expect(page.text).not.toMatch(/Strategy trial|Joint trial|Family at risk|Sheltered/);
        }
      }
      const counts = async (user: TestUser) =>
        (
          (await t.dataSource.query(
            `SELECT count(*)::int AS n FROM cases c WHERE c.country = 'TR' AND c.detention_status = 'in_custody'
               AND ${caseVisibleSql('c', knownReader(user, '$1'))}`,
            [user.id],
          )) as { n: number }[]
        )[0].n;
      expect(await counts(t.users.caseworker)).toBe(1);
      expect(await counts(member)).toBe(4);
    });
  });

  describe('inside the teams', () => {
    it('members, caseworker and viewer, read the restricted case and defender, with restrictedTo shown', async () => {
      for (const user of insiders()) {
        for (const caseId of hiddenCases()) {
          for (const path of await caseReads(caseId)) {
            const response = await api().get(path).set(bearer(user));
            expect({ path, status: response.status }).toEqual({ path, status: 200 });
          }
        }
        const restricted = await api().get(`/api/cases/${restrictedCase}`).set(bearer(user)).expect(200);
        expect(restricted.body.restrictedTo).toEqual([{ id: deskId, name: 'Desk' }]);
        const defender = await api().get(`/api/defenders/${hiddenDefender}`).set(bearer(user)).expect(200);
        expect(defender.body.restrictedTo).toEqual([{ id: deskId, name: 'Desk' }]);
        const cases = await api().get('/api/cases?country=TR').set(bearer(user)).expect(200);
        expect(cases.body.total).toBe(4);
        const found = await api().get('/api/search?q=sheltered').set(bearer(user)).expect(200);
        expect(found.body.hits.map((hit: { id: string }) => hit.id)).toContain(hiddenDefender);
      }
    });

    it('a case restricted to a team the reader is not in stays hidden even if its defender’s team is theirs', async () => {
      const both = (
        await makeCase(t.dataSource, { defenderId: hiddenDefender, title: 'Two locks', country: 'TR' })
      ).id;
      await api()
        .put(`/api/cases/${both}/restriction`)
        .set(admin())
        .send({ teamIds: [otherTeamId] })
        .expect(200);
      await api().get(`/api/cases/${both}`).set(bearer(member)).expect(404);
      await api().get(`/api/cases/${both}`).set(admin()).expect(200);
      await api().delete(`/api/cases/${both}`).set(admin()).expect(204);
    });
  });

  describe('admins and the audit log', () => {
    const auditRows = async (entity: string, entityId: string, action: string) =>
      (
        await api()
          .get(`/api/audit?entity=${entity}&entityId=${entityId}&action=${action}&limit=100`)
          .set(admin())
          .expect(200)
      ).body.items as {
        actorEmail: string;
        before: unknown;
        after: unknown;
        context: Record<string, unknown>;
      }[];

    it('an admin sees restricted cases everywhere, and each read of one, listed or by id, is audited', async () => {
      const cases = await api().get('/api/cases?country=TR').set(admin()).expect(200);
      expect(cases.body.total).toBe(4);
      // The list itself: one read row per restricted case in it, none for the open one.
      expect((await auditRows('case', restrictedCase, 'read'))[0].context).toEqual({
        restricted: true,
        via: 'list of cases',
      });
      expect(await auditRows('case', openCase, 'read')).toEqual([]);
      const before = (await auditRows('case', restrictedCase, 'read')).length;
      await api().get(`/api/cases/${restrictedCase}`).set(admin()).expect(200);
      await api().get(`/api/cases/${restrictedCase}/timeline`).set(admin()).expect(200);
      const reads = await auditRows('case', restrictedCase, 'read');
      expect(reads.length - before).toBe(2);
      expect(reads[0]).toMatchObject({
        actorEmail: t.users.admin.email,
        context: { restricted: true, via: 'GET /api/cases/:caseId/timeline' },
      });
      const defenderReads = (await auditRows('defender', hiddenDefender, 'read')).length;
      await api().get(`/api/defenders/${hiddenDefender}`).set(admin()).expect(200);
      expect((await auditRows('defender', hiddenDefender, 'read')).length).toBe(defenderReads + 1);
      // A member's read is not an admin's override: not logged as one.
      const now = (await auditRows('case', restrictedCase, 'read')).length;
      await api().get(`/api/cases/${restrictedCase}`).set(bearer(member)).expect(200);
      expect((await auditRows('case', restrictedCase, 'read')).length).toBe(now);
    });

    it('restricting and lifting are audited with before and after, and take effect on the next request', async () => {
      const kase = (
        await makeCase(t.dataSource, { defenderId: openDefender, title: 'Short-lived', country: 'GE' })
      ).id;
      const outsider = bearer(t.users.caseworker);
      await api().get(`/api/cases/${kase}`).set(outsider).expect(200);
      await api()
        .put(`/api/cases/${kase}/restriction`)
        .set(admin())
        .send({ teamIds: [deskId] })
        .expect(200);
      await api().get(`/api/cases/${kase}`).set(outsider).expect(404);
      const lifted = await api()
        .put(`/api/cases/${kase}/restriction`)
        .set(admin())
        .send({ teamIds: [] })
        .expect(200);
      expect(lifted.body).toEqual({ restrictedTo: [] });
      await api().get(`/api/cases/${kase}`).set(outsider).expect(200);
      const rows = (await auditRows('case', kase, 'update')).reverse();
      expect(
        rows.map(({ actorEmail, before, after, context }) => ({ actorEmail, before, after, context })),
      ).toEqual([
        {
          actorEmail: t.users.admin.email,
          before: { restrictedTo: [] },
          after: { restrictedTo: [{ id: deskId, name: 'Desk' }] },
          context: { change: 'restricted' },
        },
        {
          actorEmail: t.users.admin.email,
          before: { restrictedTo: [{ id: deskId, name: 'Desk' }] },
          after: { restrictedTo: [] },
          context: { change: 'unrestricted' },
        },
      ]);
    });
  });

  describe('calendar feeds and reminder emails', () => {
    it('a feed made before the restriction stops serving the case; a watched-cases feed leaves it out', async () => {
      const kase = (
        await makeCase(t.dataSource, { defenderId: openDefender, title: 'Feed trial', country: 'GE' })
      ).id;
      await makeHearing(
        t.dataSource,
        { id: kase, timezone: 'Asia/Kolkata' },
        { scheduledLocal: '2026-02-03T10:00:00' },
      );
      const outsider = bearer(t.users.caseworker);
      await api().post(`/api/cases/${kase}/watchers`).set(outsider).send({}).expect(200);
      const ofCase = await api().post('/api/calendar/feeds').set(outsider).send({ caseId: kase }).expect(201);
      const watched = await api().post('/api/calendar/feeds').set(outsider).send({}).expect(201);
      const feed = (token: string) => api().get(`/calendar/${token}.ics`);
      expect((await feed(ofCase.body.token).expect(200)).text).toContain('Feed trial');
      expect((await feed(watched.body.token).expect(200)).text).toContain('Feed trial');
      await api()
        .put(`/api/cases/${kase}/restriction`)
        .set(admin())
        .send({ teamIds: [deskId] })
        .expect(200);
      await feed(ofCase.body.token).expect(404);
      expect((await feed(watched.body.token).expect(200)).text).not.toContain('Feed trial');
      await api().post('/api/calendar/feeds').set(outsider).send({ caseId: kase }).expect(404);
    });

    it('a reminder about a restricted case mails the watcher in its team and nobody outside it', async () => {
      const kase = (
        await makeCase(t.dataSource, { defenderId: openDefender, title: 'Mail trial', arrestedOn: null })
      ).id;
      const settings = (await api().get('/api/settings/reminders').set(admin()).expect(200)).body;
      await api()
        .put('/api/settings/reminders')
        .set(admin())
        .send({ ...settings, fallbackEmail: 'fallback@ngo.example' })
        .expect(200);
      for (const user of [t.users.caseworker, member]) {
        await api().post(`/api/cases/${kase}/watchers`).set(bearer(user)).send({}).expect(200);
      }
      await api()
        .post(`/api/cases/${kase}/recipients`)
        .set(bearer(member))
        .send({ name: 'Partner', email: 'partner@ngo.example', language: 'en' })
        .expect(201);
      await api()
        .put(`/api/cases/${kase}/restriction`)
        .set(admin())
        .send({ teamIds: [deskId] })
        .expect(200);
      // An outsider cannot be added as a watcher any more.
      const refused = await api()
        .post(`/api/cases/${kase}/watchers`)
        .set(bearer(member))
        .send({ userId: t.users.viewer.id })
        .expect(400);
      expect(refused.body.details).toEqual([
        { field: 'userId', problem: 'is in none of the teams this case is restricted to' },
      ]);
      // Far ahead of the machine's time, so the queued job itself never fires during the test.
      const hearingAt = DateTime.fromISO('2031-06-02T09:00:00Z');
      t.clock.set(hearingAt.minus({ days: 30 }).toJSDate());
      await api()
        .post(`/api/cases/${kase}/hearings`)
        .set(bearer(member))
        .send({ scheduledAt: hearingAt.setZone('Asia/Kolkata').toFormat("yyyy-MM-dd'T'HH:mm") })
        .expect(201);
      const [due] = (await t.dataSource.query(
        `SELECT id, due_at FROM reminders WHERE case_id = $1 AND "offset" = 'P7D'`,
        [kase],
      )) as { id: string; due_at: Date }[];
      t.clock.set(due.due_at);
      const before = smtp.messages.length;
      expect(await worker.context.get(ReminderSender).send(due.id, { finalAttempt: true })).toBe('sent');
      const sent = smtp.messages.slice(before).flatMap((mail) => mail.to.map((to) => to.toLowerCase()));
      expect(sent).toEqual([member.email]);
      // The outsider's own reminders list does not show it either.
      const theirs = await api()
        .get(`/api/reminders?caseId=${kase}`)
        .set(bearer(t.users.caseworker))
        .expect(200);
      expect(theirs.body.total).toBe(0);
    });
  });

  describe('pages', () => {
    it('an admin makes a team, fills it and restricts a case and a defender from the pages', async () => {
      const web = await signInToWeb(t, t.users.admin);
      const csrf = await web.csrfOn('/settings/teams');
      await web.agent.post('/settings/teams').type('form').send({ _csrf: csrf, name: '' }).expect(400);
      await web.agent
        .post('/settings/teams')
        .type('form')
        .send({ _csrf: csrf, name: 'Page desk' })
        .expect(303);
      const [team] = (await t.dataSource.query(`SELECT id FROM teams WHERE name = 'Page desk'`)) as {
        id: string;
      }[];
      await web.agent
        .post(`/settings/teams/${team.id}/members`)
        .type('form')
        .send({ _csrf: csrf, userIds: [member.id] })
        .expect(303);
      const listed = await web.agent.get('/settings/teams').expect(200);
      expect(listed.text).toContain('Page desk');
      expect(listed.text).toContain(`value="${member.id}" checked`);

      const kase = (
        await makeCase(t.dataSource, { defenderId: openDefender, title: 'Page trial', country: 'GE' })
      ).id;
      const settings = await web.agent.get(`/settings/cases/${kase}`).expect(200);
      expect(settings.text).toContain('Who may see this case');
      await web.agent
        .post(`/settings/cases/${kase}/restriction`)
        .type('form')
        .send({ _csrf: csrf, teamIds: team.id })
        .expect(303);
      await api().get(`/api/cases/${kase}`).set(bearer(t.users.caseworker)).expect(404);
      await api().get(`/api/cases/${kase}`).set(bearer(member)).expect(200);
      const defender = (await makeDefender(t.dataSource, { fullName: 'Page Defender' })).id;
      await web.agent
        .post(`/defenders/${defender}/restriction`)
        .type('form')
        .send({ _csrf: csrf, teamIds: [team.id] })
        .expect(303);
      await api().get(`/api/defenders/${defender}`).set(bearer(t.users.viewer)).expect(404);
      // Lifting it from the page: no box ticked.
      await web.agent
        .post(`/defenders/${defender}/restriction`)
        .type('form')
        .send({ _csrf: csrf })
        .expect(303);
      await api().get(`/api/defenders/${defender}`).set(bearer(t.users.viewer)).expect(200);
      // A team that restricts a case is kept, and the page says why.
      const refused = await web.agent
        .post(`/settings/teams/${team.id}/delete`)
        .type('form')
        .send({ _csrf: csrf })
        .expect(400);
      expect(refused.text).toContain('lift or move those restrictions first');
    });

    it('members see who may see a restricted case; team pages are for admins only', async () => {
      const web = await signInToWeb(t, member);
      const settings = await web.agent.get(`/settings/cases/${restrictedCase}`).expect(200);
      expect(settings.text).toContain('Restricted to Desk');
      expect(settings.text).not.toContain('Save who may see it');
      await web.agent.get('/settings/teams').expect(403);
      const csrf = await web.csrfOn('/');
      await web.agent
        .post(`/settings/cases/${restrictedCase}/restriction`)
        .type('form')
        .send({ _csrf: csrf })
        .expect(403);
      expect(
        (await api().get(`/api/cases/${restrictedCase}`).set(admin()).expect(200)).body.restrictedTo,
      ).toHaveLength(1);
    });
  });

  describe('documents on entries and the statement import', () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
      'latin1',
    );

    it('documents of a restricted case: 404 to outsiders for listing, download, upload and delete, API and pages', async () => {
      const event = (
        await makeEvent(
          t.dataSource,
          { id: restrictedCase, timezone: 'Europe/Istanbul' },
          { type: 'raid', description: 'Flat searched' },
        )
      ).id;
      const uploaded = await api()
        .post(`/api/events/${event}/documents`)
        .set(bearer(member))
        .attach('file', pdf, 'Search record.pdf')
        .expect(201);
      const documentId = uploaded.body.id as string;
      const stored = async () =>
        Number((await t.dataSource.query('SELECT count(*) FROM entry_documents'))[0].count);
      const before = await stored();
      for (const user of outsiders()) {
        await api().get(`/api/events/${event}/documents`).set(bearer(user)).expect(404);
        await api().get(`/api/documents/${documentId}`).set(bearer(user)).expect(404);
        const web = await signInToWeb(t, user);
        await web.agent.get(`/documents/${documentId}`).expect(404);
        const page = await web.agent.get(`/events/${event}/documents`).expect(404);
        expect(page.text).not.toContain('Search record.pdf');
      }
      // Writes (a viewer may write nothing anywhere: 403 for any id, which tells nothing).
      const outsider = bearer(t.users.caseworker);
      await api().delete(`/api/documents/${documentId}`).set(outsider).expect(404);
      await api()
        .post(`/api/events/${event}/documents`)
        .set(outsider)
        .attach('file', pdf, 'Probe.pdf')
        .expect(404);
      expect(await stored()).toBe(before);
      // Members and admins read it.
      await api().get(`/api/documents/${documentId}`).set(bearer(memberViewer)).expect(200);
      const listed = await api().get(`/api/events/${event}/documents`).set(admin()).expect(200);
      expect(listed.body.map((d: { id: string }) => d.id)).toEqual([documentId]);
    });

    it('the statement import matches and names only the defenders the reader may see', async () => {
      const kase = await makeCase(t.dataSource, {
        defenderId: openDefender,
        title: 'Harbour protest',
        country: 'TR',
        arrestedOn: null,
        detentionStatus: 'not_detained',
      });
      const text = [
        'Statement on the harbour protest',
        '',
        'On 3 March 2025, police detained Nadia Open and Ilyas Sheltered at the harbour.',
        'On 6 March 2025, Ilyas Sheltered was released without charge.',
      ].join('\n');
      const previewAs = (user: TestUser) =>
        api().post(`/api/cases/${kase.id}/chronology/import`).set(bearer(user)).send({ text }).expect(200);
      const inside = await previewAs(member);
      expect(inside.body.people).toEqual(
        expect.arrayContaining([{ id: hiddenDefender, name: 'Ilyas Sheltered' }]),
      );
      const outside = await previewAs(t.users.caseworker);
      expect(outside.body.people).toEqual([{ id: openDefender, name: 'Nadia Open' }]);
      expect(JSON.stringify(outside.body)).not.toContain(hiddenDefender);
    });
  });

  it('the SQL policy and the pure policy agree for every reader and case', async () => {
    const access = t.app.get(AccessService);
    const readers = [t.users.admin, ...outsiders(), ...insiders()];
    for (const user of readers) {
      const visible = new Set(
        (
          (await t.dataSource.query(
            `SELECT c.id FROM cases c WHERE ${caseVisibleSql('c', knownReader(user, '$1'))}`,
            [user.id],
          )) as { id: string }[]
        ).map((row) => row.id),
      );
      for (const caseId of [openCase, ...hiddenCases()]) {
        const decided = await access.caseAccess({ ...user, name: user.email }, caseId);
        expect({ user: user.email, caseId, sql: visible.has(caseId) }).toEqual({
          user: user.email,
          caseId,
          sql: decided !== null && mayRead(decided),
        });
      }
    }
    expect(accessTo({ role: 'viewer', teamIds: [] }, [])).toBe('open');
  });
});
