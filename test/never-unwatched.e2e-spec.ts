import { Visibility } from '../src/common/entry';
import { makeCase, makeDefender } from './factories/cases';
import { TestSmtp } from './support/smtp';
import { bearer, TestApp, TestUser } from './support/test-app';
import { signInToWeb, WebAgent } from './support/web-session';
import { startMailingApp, stopMailingApp } from './support/mailing-app';
import { TestWorker } from './support/worker';

// No case left unwatched: its creator watches it; a case whose reminders would reach nobody says so
// on its page, after an outcome and on the dashboard; a reminder nobody on its case may receive goes
// to the admin's fallback address when that address may read it (as an external recipient: public
// entries only); and every pending reminder shows who will get it.

jest.setTimeout(120_000);

// The clock stands still at NOW; reminders due a few seconds after it go out in real time.
const NOW = '2026-03-02T08:58:56Z';
const FALLBACK = 'duty-desk@ngo.example';

interface Recipient {
  type: string;
  id: string;
  name: string;
  email?: string;
  messageId?: string | null;
}
interface Reminder {
  id: string;
  kind: string;
  caseId: string;
  status: string;
  lastError: string | null;
  messageId: string | null;
  recipients: Recipient[];
}

describe('no case left unwatched', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;
  let caseworker: WebAgent;
  let viewer: WebAgent;

  const api = () => t.http();
  const reminders = async (as: TestUser, query: string): Promise<Reminder[]> =>
    (await api().get(`/api/reminders?limit=200&${query}`).set(bearer(as)).expect(200)).body.items;
  const watchers = async (caseId: string) =>
    (await api().get(`/api/cases/${caseId}/watchers`).set(bearer(t.users.viewer)).expect(200)).body as {
      userId: string;
      muted: boolean;
    }[];

  /**
   * A case (written straight to the database: nobody watches it) with one hearing through the API;
   * its defender is named like the case, so that reminder subjects name it.
   */
  const caseWithHearing = async (
    title: string,
    hearing: { scheduledAt: string; visibility: Visibility },
    policy?: Record<string, unknown>,
  ) => {
    const defender = await makeDefender(t.dataSource, { fullName: title });
    const kase = await makeCase(t.dataSource, {
      defenderId: defender.id,
      title,
      timezone: 'UTC',
      arrestedOn: null,
    });
    if (policy) {
      await api()
        .put(`/api/cases/${kase.id}/reminder-policy`)
        .set(bearer(t.users.caseworker))
        .send(policy)
        .expect(200);
    }
    const created = await api()
      .post(`/api/cases/${kase.id}/hearings`)
      .set(bearer(t.users.caseworker))
      .send(hearing)
      .expect(201);
    return { id: kase.id, hearingId: created.body.id as string };
  };
  const watch = (caseId: string, who: TestUser) =>
    api().post(`/api/cases/${caseId}/watchers`).set(bearer(who)).send({}).expect(200);

  beforeAll(async () => {
    ({
      smtp,
      app: t,
      worker,
    } = await startMailingApp({ now: NOW, env: { MAIL_FROM: 'Vigil <vigil@ngo.example>' } }));
    [caseworker, viewer] = await Promise.all([
      signInToWeb(t, t.users.caseworker),
      signInToWeb(t, t.users.viewer),
    ]);
  });

  afterAll(() => stopMailingApp({ worker, app: t, smtp }));

  describe('whoever creates a case watches it', () => {
    it('through the API', async () => {
      const defender = await api()
        .post('/api/defenders')
        .set(bearer(t.users.caseworker))
        .send({ fullName: 'Narges Mohammadi', country: 'IR' })
        .expect(201);
      const created = await api()
        .post('/api/cases')
        .set(bearer(t.users.caseworker))
        .send({
          defenderId: defender.body.id,
          title: 'Evin prison case',
          country: 'IR',
          timezone: 'Asia/Tehran',
          status: 'charged',
          detentionStatus: 'in_custody',
        })
        .expect(201);
      expect(await watchers(created.body.id)).toEqual([
        expect.objectContaining({ userId: t.users.caseworker.id, muted: false }),
      ]);
      const audit = await api()
        .get(`/api/audit?entity=case_watcher&entityId=${created.body.id}:${t.users.caseworker.id}`)
        .set(bearer(t.users.admin))
        .expect(200);
      expect(audit.body.items).toEqual([expect.objectContaining({ action: 'create' })]);
    });

    it('through the pages', async () => {
      const kase = await makeCase(t.dataSource);
      const posted = await caseworker.agent
        .post('/cases')
        .type('form')
        .send({
          _csrf: caseworker.csrf,
          defenderId: kase.defenderId,
          title: 'Second case',
          country: 'IN',
          timezone: 'Asia/Kolkata',
          status: 'under_investigation',
          detentionStatus: 'in_custody',
          arrestedOnPrecision: 'day',
        })
        .expect(303);
      const id = /\/cases\/([0-9a-f-]{36})/.exec(posted.headers.location)![1];
      expect(await watchers(id)).toEqual([expect.objectContaining({ userId: t.users.caseworker.id })]);
    });
  });

  describe('a case whose reminders would reach nobody', () => {
    const ahead = { scheduledAt: '2026-04-20T10:00', visibility: 'public' as const };
    let first: string;
    let second: string;
    let confidential: string;
    let watched: string;
    let internal: string;

    beforeAll(async () => {
      first = (await caseWithHearing('First unwatched case', ahead)).id;
      second = (await caseWithHearing('Second unwatched case', ahead)).id;
      // Watched by a viewer, who may not read its confidential hearing: that reminder reaches nobody.
      confidential = (
        await caseWithHearing('Confidential hearing case', { ...ahead, visibility: 'confidential' })
      ).id;
      await watch(confidential, t.users.viewer);
      watched = (await caseWithHearing('Watched case', ahead)).id;
      await watch(watched, t.users.caseworker);
    });

    it('says so on the dashboard, linking to each, counting only what the reader may see', async () => {
      const page = (await caseworker.agent.get('/').expect(200)).text;
      expect(page).toMatch(/<h2 id="unheard-heading">3 cases notify nobody<\/h2>/);
      for (const id of [first, second, confidential]) {
        expect(page).toContain(`href="/settings/cases/${id}"`);
      }
      expect(page).not.toContain(`href="/settings/cases/${watched}"`);
      // A viewer is not told of the confidential hearing's reminder, even through this warning.
      const asViewer = (await viewer.agent.get('/').expect(200)).text;
      expect(asViewer).toMatch(/<h2 id="unheard-heading">2 cases notify nobody<\/h2>/);
      expect(asViewer).not.toContain(confidential);
    });

    it("says so on the case's page and its reminder settings, until someone watches it", async () => {
      expect((await caseworker.agent.get(`/cases/${first}`).expect(200)).text).toContain(
        'Reminders reach nobody',
      );
      expect((await caseworker.agent.get(`/settings/cases/${first}`).expect(200)).text).toContain(
        'id="notifies-nobody"',
      );
      expect((await caseworker.agent.get(`/cases/${watched}`).expect(200)).text).not.toContain(
        'Reminders reach nobody',
      );
      // Muted, the watcher gets nothing: still nobody.
      await api()
        .post(`/api/cases/${second}/watchers`)
        .set(bearer(t.users.caseworker))
        .send({ muted: true })
        .expect(200);
      expect((await caseworker.agent.get(`/cases/${second}`).expect(200)).text).toContain(
        'Reminders reach nobody',
      );
      await api()
        .post(`/api/cases/${second}/watchers`)
        .set(bearer(t.users.caseworker))
        .send({ muted: false })
        .expect(200);
      expect((await caseworker.agent.get(`/cases/${second}`).expect(200)).text).not.toContain(
        'Reminders reach nobody',
      );
      // An external recipient may read a public hearing's reminders: somebody is told.
      await api()
        .post(`/api/cases/${first}/recipients`)
        .set(bearer(t.users.caseworker))
        .send({ name: 'Counsel', email: 'counsel@example.org' })
        .expect(201);
      expect((await caseworker.agent.get(`/cases/${first}`).expect(200)).text).not.toContain(
        'Reminders reach nobody',
      );
    });

    it("warns in the outcome's answer, API and page, when the next hearing's reminders reach nobody", async () => {
      const past = { scheduledAt: '2026-02-27T10:00', visibility: 'public' as const };
      const unwatched = await caseWithHearing('Outcome, unwatched', past);
      const outcome = await api()
        .post(`/api/hearings/${unwatched.hearingId}/outcome`)
        .set(bearer(t.users.caseworker))
        .send({ result: 'Adjourned', nextHearingAt: '2026-04-10T10:00' })
        .expect(200);
      expect(outcome.body.notifiesNobody).toBe(true);

      const viaPage = await caseWithHearing('Outcome through the page, unwatched', past);
      const saved = await caseworker.agent
        .post(`/hearings/${viaPage.hearingId}/outcome`)
        .type('form')
        .send({ _csrf: caseworker.csrf, result: 'Adjourned', nextDate: '2026-04-10', nextTime: '10:00' })
        .expect(303)
        .expect('Location', `/cases/${viaPage.id}?notice=outcome-saved-unheard`);
      const banner = (await caseworker.agent.get(saved.headers.location).expect(200)).text;
      expect(banner).toMatch(
        /class="notice notice-warn" role="status">Outcome saved and reminders updated, but some of them reach nobody/,
      );

      const followed = await caseWithHearing('Outcome, watched', past);
      await watch(followed.id, t.users.caseworker);
      const quiet = await api()
        .post(`/api/hearings/${followed.hearingId}/outcome`)
        .set(bearer(t.users.caseworker))
        .send({ result: 'Adjourned', nextHearingAt: '2026-04-10T10:00' })
        .expect(200);
      expect(quiet.body.notifiesNobody).toBe(false);
      await caseworker.agent
        .post(`/hearings/${followed.hearingId}/outcome`)
        .type('form')
        .send({ _csrf: caseworker.csrf, result: 'Adjourned again' })
        .expect(303)
        .expect('Location', `/cases/${followed.id}?notice=outcome-saved`);
    });

    describe('with a fallback address', () => {
      beforeAll(async () => {
        internal = (await caseWithHearing('Internal hearing case', { ...ahead, visibility: 'internal' })).id;
      });

      it('is set by an admin, validated, and shown on the settings page', async () => {
        const settings = (await api().get('/api/settings/reminders').set(bearer(t.users.admin)).expect(200))
          .body;
        expect(settings.fallbackEmail).toBeNull();
        await api()
          .put('/api/settings/reminders')
          .set(bearer(t.users.caseworker))
          .send({ ...settings, fallbackEmail: FALLBACK })
          .expect(403);
        const bad = await api()
          .put('/api/settings/reminders')
          .set(bearer(t.users.admin))
          .send({ ...settings, fallbackEmail: 'duty desk' })
          .expect(400);
        expect(bad.body.details).toEqual([expect.objectContaining({ field: 'fallbackEmail' })]);

        const admin = await signInToWeb(t, t.users.admin);
        const refused = await admin.agent
          .post('/settings/reminders')
          .type('form')
          .send({
            _csrf: admin.csrf,
            hearingOffsets: 'P7D, P1D, PT2H',
            custodyOffsets: 'P3D, P1D',
            statutoryOffsets: 'P14D, P3D',
            milestoneDays: '30, 100, 150, 365',
            milestonesYearly: 'true',
            fallbackEmail: 'not an address',
          })
          .expect(400);
        expect(refused.text).toMatch(/id="f-fallbackEmail-error"[^>]*>.*must be an email address/s);
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
            fallbackEmail: ` ${FALLBACK.toUpperCase()} `,
          })
          .expect(303);
        expect(
          (await api().get('/api/settings/reminders').set(bearer(t.users.admin)).expect(200)).body,
        ).toEqual({ ...settings, fallbackEmail: FALLBACK });
        expect((await admin.agent.get('/settings').expect(200)).text).toContain(`value="${FALLBACK}"`);
        // Left out, it stays.
        await api()
          .put('/api/settings/reminders')
          .set(bearer(t.users.admin))
          .send({ ...settings, fallbackEmail: undefined })
          .expect(200, { ...settings, fallbackEmail: FALLBACK });
      });

      it('shows who will receive each pending reminder, the fallback included, in the API and on the page', async () => {
        const pending = async (caseId: string, as = t.users.caseworker) =>
          (await reminders(as, `caseId=${caseId}&status=pending&kind=hearing_upcoming`)).map(
            (r) => r.recipients,
          );
        const fallback = { type: 'fallback', id: 'settings', name: 'Fallback address', email: FALLBACK };
        const caseworkerView = expect.objectContaining({ type: 'user', id: t.users.caseworker.id });
        // Nobody on the case: the fallback, which may read a public hearing.
        const third = (await caseWithHearing('Third unwatched case', ahead)).id;
        expect(await pending(third)).toEqual([
          [expect.objectContaining(fallback)],
          [expect.objectContaining(fallback)],
          [expect.objectContaining(fallback)],
        ]);
        // Someone on the case: not the fallback.
        expect(await pending(watched)).toEqual([[caseworkerView], [caseworkerView], [caseworkerView]]);
        // An internal or confidential hearing, which the fallback may not read: nobody.
        expect(await pending(internal)).toEqual([[], [], []]);
        expect(await pending(confidential)).toEqual([[], [], []]);
        // A viewer is not shown addresses outside Vigil, the fallback's included.
        expect(await pending(third, t.users.viewer)).toEqual([[], [], []]);

        const page = (await caseworker.agent.get(`/settings/cases/${third}`).expect(200)).text;
        expect(page).toContain(`To the fallback address ${FALLBACK}<`);
        expect((await caseworker.agent.get(`/settings/cases/${watched}`).expect(200)).text).toContain(
          'To Test caseworker<',
        );
        expect((await caseworker.agent.get(`/settings/cases/${internal}`).expect(200)).text).toContain(
          'To nobody',
        );
        // The fallback does not make a case followed: the warning stays.
        expect(page).toContain('id="notifies-nobody"');
      });

      it('mails a reminder nobody on its case may receive to the fallback, and not one it may not read', async () => {
        // Hearings at 09:00 UTC with a one-minute reminder: due at 08:59:00, four seconds after NOW.
        const soon = { hearingOffsets: ['PT1M'] };
        const publicCase = await caseWithHearing(
          'Public hearing, nobody watching',
          { scheduledAt: '2026-03-02T09:00', visibility: 'public' },
          soon,
        );
        const internalCase = await caseWithHearing(
          'Internal hearing, nobody watching',
          { scheduledAt: '2026-03-02T09:00', visibility: 'internal' },
          soon,
        );
        const watchedCase = await caseWithHearing(
          'Public hearing, watched',
          { scheduledAt: '2026-03-02T09:00', visibility: 'public' },
          soon,
        );
        await watch(watchedCase.id, t.users.caseworker);
        const due = async () =>
          (
            await reminders(
              t.users.caseworker,
              'kind=hearing_upcoming&from=2026-03-02T08:59:00Z&to=2026-03-02T08:59:01Z',
            )
          ).filter((r) => [publicCase.id, internalCase.id, watchedCase.id].includes(r.caseId));
        const started = Date.now();
        let settled = await due();
        while (settled.length !== 3 || settled.some((r) => r.status === 'pending')) {
          if (Date.now() - started > 60_000) {
            throw new Error(`Still pending: ${JSON.stringify(settled.map((r) => r.status))}`);
          }
          await new Promise((resolve) => setTimeout(resolve, 200));
          settled = await due();
        }
        const of = (caseId: string) => settled.find((r) => r.caseId === caseId)!;

        expect(of(publicCase.id).status).toBe('sent');
        const toFallback = smtp.messages.filter((m) => m.to.includes(FALLBACK));
        expect(toFallback.map((m) => m.header('X-Vigil-Reminder'))).toEqual([of(publicCase.id).id]);
        expect(toFallback[0].subject).toContain('Public hearing, nobody watching');
        expect(of(publicCase.id).recipients).toEqual([
          expect.objectContaining({ type: 'fallback', email: FALLBACK, messageId: toFallback[0].messageId }),
        ]);

        // The fallback reads what an external recipient may: not an internal hearing.
        expect(of(internalCase.id)).toMatchObject({
          status: 'skipped',
          lastError: expect.stringMatching(/^Nobody to send it to/),
        });
        expect(smtp.messages.filter((m) => m.header('X-Vigil-Reminder') === of(internalCase.id).id)).toEqual(
          [],
        );
        expect(smtp.messages.filter((m) => m.subject.includes('Internal hearing, nobody watching'))).toEqual(
          [],
        );

        // Someone on the case gets it: the fallback does not.
        expect(of(watchedCase.id).status).toBe('sent');
        expect(
          smtp.messages
            .filter((m) => m.header('X-Vigil-Reminder') === of(watchedCase.id).id)
            .map((m) => m.to),
        ).toEqual([[t.users.caseworker.email]]);
      });
    });
  });
});
