import request from 'supertest';
import { Language } from '../src/i18n/languages';
import { CaseRecipient } from '../src/reminders/case-recipient.entity';
import { CaseWatcher } from '../src/reminders/case-watcher.entity';
import { totpCode } from '../src/two-factor/totp';
import { UserRole } from '../src/users/user.entity';
import { makeCase, makeDefender } from './factories/cases';
import { makeCharge, makeCustodyOrder, makeEvent, makeHearing } from './factories/entries';
import { CaseSet, FreshRows, MATRIX_PDF, NO_RESTRICTION } from './support/access/fixture';
import { MatrixRow, RequestSpec, rowName } from './support/access/matrix';
import { pageRows } from './support/access/page-rows';
import { listRoutes } from './support/access/route-list';
import { urlOf } from './support/access/runner';
import { teamRows } from './support/access/team-rows';
import { teamsExist } from './support/access/teams';
import { englishLeftovers, visibleText } from './support/english-leftovers';
import { bearer, startTestApp, TestApp, TestUser } from './support/test-app';
import { csrfFrom, signInToWeb, WebAgent } from './support/web-session';

jest.setTimeout(120_000);

// Issue #14: "a caseworker who reads no English can do every task". Every page the app serves
// (each GET row of the access matrix, so a page added tomorrow is read too), opened by a French
// and an Arabic admin, and refused or shown to a viewer, on a case that fills every panel, must show
// no English: no phrase of the English catalogue, no common English word, in the text or in what a
// reader sees of attributes (support/english-leftovers.ts says what it reads and lets through:
// codes in capitals, `code` elements, addresses, text marked as written in another language).
// The case's data is written in French or is neutral (names, numbers), as a French desk types it.

const NOW = '2022-03-24T09:00:00Z';

/**
 * What a page may still show in English, and why. (The shipped statutory limits quote Indian and
 * other laws in English: they are data an admin keeps, and the fixture replaces them with its own.)
 */
const ALLOWED: RegExp[] = [
  // A mail server's reply to a failed reminder, quoted as the server wrote it.
  /451 try again later/g,
];

/** Pages that are no page of Vigil's: the API's documentation (Swagger UI, for developers). */
const NOT_VIGILS_PAGES = [/^GET \/docs/];

describe('no English for a reader of French or Arabic', () => {
  let t: TestApp;
  let set: CaseSet;
  let fresh: FreshRows;
  let limitId: string;
  /** The arrest entry the case was made with: its description is the stored starting note. */
  let startingArrestId: string;
  let readers: Record<'fr' | 'ar', Record<'admin' | 'viewer', { user: TestUser; web: WebAgent }>>;
  let rows: MatrixRow[];

  const api = () => t.http();
  const admin = () => bearer(t.users.admin);

  async function reader(language: Language, role: UserRole): Promise<{ user: TestUser; web: WebAgent }> {
    const user = await t.createUser(role);
    await t.dataSource.query('UPDATE users SET language = $2 WHERE id = $1', [user.id, language]);
    return { user, web: await signInToWeb(t, user) };
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    readers = {
      fr: { admin: await reader('fr', 'admin'), viewer: await reader('fr', 'viewer') },
      ar: { admin: await reader('ar', 'admin'), viewer: await reader('ar', 'viewer') },
    };
    rows = [...pageRows(), ...(teamsExist(listRoutes(t.app)) ? teamRows() : [])];

    // The law as a French desk would type it; the shipped limits quote Indian and other laws in English.
    await t.dataSource.query('DELETE FROM statutory_limits');
    const limit = await api()
      .post('/api/statutory-limits')
      .set(admin())
      .send({
        country: 'TN',
        law: 'Code de procédure pénale',
        section: 'art. 85',
        reference: 'CPP art. 85',
        citation: 'CPP art. 85 : la détention préventive ne dépasse pas six mois.',
        description: 'Détention préventive : trente jours au plus',
        exceeding: 'Libération immédiate',
        lawPattern: 'Code pénal',
        stoppedBy: ['release'],
        periods: [{ length: 30, unit: 'days', renewedByCourt: false }],
      })
      .expect(201);
    limitId = limit.body.id as string;

    const defender = await makeDefender(t.dataSource, {
      fullName: 'Nadia Benali',
      country: 'TN',
      profession: 'avocate',
      contacts: [{ name: 'Samia Benali', relation: 'sœur', phone: '+216 00 000 000' }],
    });
    const kase = await makeCase(t.dataSource, {
      defenderId: defender.id,
      title: 'Affaire 12/2022',
      country: 'TN',
      timezone: 'Africa/Tunis',
      court: 'Tribunal de première instance de Tunis',
      caseNumber: '12/2022',
      arrestedOn: '2022-01-10',
      status: 'on_trial',
    });
    // Counsel reads English: their language is named in English, marked as written in it.
    await t.dataSource
      .getRepository(CaseRecipient)
      .save({ caseId: kase.id, name: 'Maître Salah', email: 'salah@example.net', language: 'en' });
    const everyone = (['fr', 'ar'] as const).flatMap((language) => Object.values(readers[language]));
    for (const { user } of everyone) {
      await t.dataSource.getRepository(CaseWatcher).save({ caseId: kase.id, userId: user.id });
    }
    // A co-accused, through the API as the page would add one.
    const coAccused = await makeDefender(t.dataSource, {
      fullName: 'Karim Haddad',
      country: 'TN',
      profession: 'journaliste',
    });
    await api()
      .post(`/api/cases/${kase.id}/participants`)
      .set(admin())
      .send({ defenderId: coAccused.id })
      .expect(201);

    const court = 'Tribunal de première instance de Tunis';
    // An earlier detention, ended by bail: the detention history's periods and how each ended.
    await makeEvent(t.dataSource, kase, {
      type: 'detention',
      occurredOn: '2021-05-03',
      description: 'Garde à vue',
    });
    await makeEvent(t.dataSource, kase, {
      type: 'bail_granted',
      occurredOn: '2021-06-01',
      description: 'Caution',
    });
    // Brought before that first detention, and an order whose stated end disagrees with its days:
    // the "check these" flags.
    await makeCharge(t.dataSource, kase, {
      law: 'Code pénal',
      section: '72',
      status: 'framed',
      broughtOn: '2021-04-20',
    });
    await makeCustodyOrder(t.dataSource, kase, {
      orderedOn: '2022-02-11',
      days: 30,
      until: '2022-03-10',
      court,
    });
    await makeCustodyOrder(t.dataSource, kase, {
      kind: 'pre_trial',
      orderedOn: '2022-03-10',
      days: 15,
      court,
    });
    await makeHearing(t.dataSource, kase, {
      scheduledLocal: '2022-03-01T09:30:00',
      court,
      purpose: 'Audience de mise en état',
      status: 'adjourned',
      outcome: 'Renvoi au 22 mars',
      outcomeNotes: 'La défense a demandé un délai',
      outcomeRecordedAt: new Date('2022-03-01T15:00:00Z'),
    });
    // Held two days ago, its outcome not logged yet: on the dashboard and the case page.
    const awaiting = await makeHearing(t.dataSource, kase, { scheduledLocal: '2022-03-22T09:30:00', court });
    // An upcoming hearing through the API, so its reminders are planned for both readers.
    await api()
      .post(`/api/cases/${kase.id}/hearings`)
      .set(admin())
      .send({ scheduledAt: '2022-03-28T10:30', court, purpose: 'Plaidoiries' })
      .expect(201);
    // One of those reminders failed to go out: the dashboard's failed panel and its retry button.
    await t.dataSource.query(
      `UPDATE reminders SET status = 'failed', attempts = 3, last_error = '451 try again later'
        WHERE id = (SELECT id FROM reminders WHERE case_id = $1
                     ORDER BY kind = 'hearing_upcoming' DESC, due_at LIMIT 1)`,
      [kase.id],
    );
    // The co-accused's own case, which nobody watches: its reminders would reach nobody (the
    // dashboard's and the case page's warning).
    const unwatched = await makeCase(t.dataSource, {
      defenderId: coAccused.id,
      title: 'Affaire 7/2022',
      country: 'TN',
      timezone: 'Africa/Tunis',
      court,
      arrestedOn: '2022-02-01',
    });
    await api()
      .post(`/api/cases/${unwatched.id}/hearings`)
      .set(admin())
      .send({ scheduledAt: '2022-04-04T09:00', court })
      .expect(201);
    const publicEvent = await makeEvent(t.dataSource, kase, {
      type: 'raid',
      occurredOn: '2022-01-09',
      description: 'Perquisition au domicile familial',
      sources: [{ citation: 'Communiqué de la famille' }],
    });
    const confidentialEvent = await makeEvent(t.dataSource, kase, {
      type: 'family_visit_denied',
      occurredOn: '2022-02-01',
      description: 'La famille a été refoulée à la porte de la prison',
      visibility: 'confidential',
    });
    const [document] = (await t.dataSource.query(
      `INSERT INTO entry_documents (entry_kind, entry_id, file_name, media_type, size, sha256, content)
       VALUES ('event', $1, 'pv-audition.pdf', 'application/pdf', $2, encode(sha256($3), 'hex'), $3) RETURNING id`,
      [confidentialEvent.id, MATRIX_PDF.length, MATRIX_PDF],
    )) as { id: string }[];

    set = {
      defender,
      case: kase,
      publicEvent,
      confidentialEvent,
      confidentialDocumentId: document.id,
      confidentialCharge: await makeCharge(t.dataSource, kase, {
        law: 'Code pénal',
        section: '131',
        offence: 'Outrage à fonctionnaire',
        visibility: 'confidential',
      }),
      confidentialHearing: await makeHearing(t.dataSource, kase, {
        scheduledLocal: '2022-04-12T09:00:00',
        court,
        visibility: 'confidential',
      }),
      confidentialCustodyOrder: await makeCustodyOrder(t.dataSource, kase, {
        kind: 'judicial',
        orderedOn: '2022-01-11',
        days: 30,
        court,
        visibility: 'confidential',
      }),
      publicHearing: awaiting,
    };
    fresh = new FreshRows(t, set, NO_RESTRICTION);
    [{ id: startingArrestId }] = (await t.dataSource.query(
      `SELECT id FROM events WHERE case_id = $1 AND type = 'arrest'`,
      [kase.id],
    )) as { id: string }[];
  });
  afterAll(() => t?.close());

  /** Requests whose rows would bring English data of the matrix's own fixture, built here instead. */
  const OWN_BUILDS: Record<string, () => RequestSpec> = {
    'GET /settings/statutory-limits/:id': () => ({ params: { id: limitId } }),
    'GET /search': () => ({ query: 'q=Benali' }),
  };

  type Role = 'admin' | 'viewer';
  interface PageToRead {
    name: string;
    url: string;
    /** What the row says the reader gets: a viewer reads the refusals (403, 404) too. */
    status: number;
    signedOut?: boolean;
  }

  /**
   * Every page an admin opens by GET (a signed-out visitor for the sign-in page), every page a
   * viewer opens or is refused, and a few views of them.
   */
  async function pagesToRead(role: Role, user: TestUser): Promise<PageToRead[]> {
    const pages: PageToRead[] = [];
    for (const row of rows) {
      const [method] = row.route.split(' ');
      if (row.via !== 'page' || method !== 'GET' || NOT_VIGILS_PAGES.some((p) => p.test(row.route))) {
        continue;
      }
      const [anonymous, asViewer, , asAdmin] = row.expect;
      const status = role === 'admin' ? asAdmin : asViewer;
      const signedOut = role === 'admin' && status !== 200 && anonymous === 200;
      if (!signedOut && ![200, 403, 404].includes(status)) {
        continue;
      }
      const spec =
        OWN_BUILDS[rowName(row)]?.() ??
        (await row.build({ role, actor: user, users: t.users, peers: t.users, set, fresh }));
      pages.push({
        name: rowName(row),
        url: urlOf(row, spec),
        status: signedOut ? anonymous : status,
        signedOut,
      });
    }
    const shown = (name: string, url: string): PageToRead => ({ name, url, status: 200 });
    return [
      ...pages,
      shown('agenda', '/calendar?view=agenda'),
      shown('a month with hearings', '/calendar?month=2022-03'),
      shown('dashboard, 30 days', '/?days=30'),
      shown('cases in custody', '/cases?detentionStatus=in_custody'),
      { name: 'a list asked with an unknown filter', url: '/cases?statut=1', status: 400 },
      { name: 'no such page', url: '/no/such/page', status: 404 },
      shown('no search result', '/search?q=zzzz'),
      shown('a saved notice', `/cases/${set.case.id}?notice=outcome-saved-unheard`),
      {
        name: 'the arrest the case was made with',
        url: `/events/${startingArrestId}/edit`,
        status: role === 'admin' ? 200 : 403,
      },
    ];
  }

  it.each(['fr', 'ar'] as const)('%s: no page shows English', async (language) => {
    const problems: string[] = [];
    const read: string[] = [];
    const check = (name: string, html: string) => {
      read.push(name);
      for (const leftover of englishLeftovers(visibleText(html, language), language, ALLOWED)) {
        problems.push(`${name}: ${leftover}`);
      }
    };
    // Pages that answer a form, first (the feed then shows in the list of feeds): the import's
    // preview, a new calendar feed.
    const desk = readers[language].admin.web;
    const preview = await desk.agent
      .post(`/cases/${set.case.id}/chronology/import`)
      .type('form')
      .send({
        _csrf: desk.csrf,
        text: '3 mars 2022 : la police a perquisitionné le domicile familial.\n5 mars 2022 : audience reportée.',
        visibility: 'public',
      })
      .expect(200);
    check('import preview', preview.text);
    const feed = await desk.agent
      .post('/account/feeds')
      .type('form')
      .send({ _csrf: desk.csrf, scope: 'case', caseId: set.case.id })
      .expect(200);
    check('new feed', feed.text);
    for (const role of ['admin', 'viewer'] as const) {
      const { user, web } = readers[language][role];
      for (const page of await pagesToRead(role, user)) {
        const answer = page.signedOut
          ? await api().get(page.url).set('Accept-Language', language)
          : await web.agent.get(page.url);
        const name = `${page.name} as ${role} (${page.url})`;
        if (answer.status !== page.status) {
          problems.push(
            `${name}: answered ${answer.status}, not ${page.status}: the fixture misses something`,
          );
        }
        if (String(answer.headers['content-type']).startsWith('text/html')) {
          check(name, answer.text);
        } // else an export or an asset: their words are the exports' own tests' (translated-texts.spec.ts)
      }
    }

    // Signing in, last (two-factor moves the clock past the codes it uses): the recovery codes
    // shown after enrolling on the page, a refused password, the second step and a wrong code.
    const enrolling = await reader(language, 'caseworker');
    const enrolment = await enrolling.web.agent.get('/settings/two-factor').expect(200);
    const secret = /class="two-factor-secret">([A-Z2-7]+)</.exec(enrolment.text)?.[1] ?? '';
    const codes = await enrolling.web.agent
      .post('/settings/two-factor')
      .type('form')
      .send({ _csrf: enrolling.web.csrf, code: totpCode(secret, t.clock.now()) })
      .expect(200);
    check('recovery codes', codes.text);
    t.clock.advance(90_000);
    const visitor = request.agent(t.app.getHttpServer());
    const signIn = await visitor.get('/login').set('Accept-Language', language).expect(200);
    const refused = await visitor
      .post('/login')
      .set('Accept-Language', language)
      .type('form')
      .send({ email: 'personne@example.net', password: 'pas le bon', _csrf: csrfFrom(signIn.text) })
      .expect(401);
    check('a refused sign-in', refused.text);
    const password = await visitor
      .post('/login')
      .set('Accept-Language', language)
      .type('form')
      .send({ email: enrolling.user.email, password: enrolling.user.password, _csrf: csrfFrom(signIn.text) })
      .expect(303);
    const secondStep = await visitor
      .get(password.headers.location as string)
      .set('Accept-Language', language)
      .expect(200);
    check('second step of signing in', secondStep.text);
    const right = totpCode(secret, t.clock.now());
    const wrong = await visitor
      .post('/login/second-factor')
      .set('Accept-Language', language)
      .type('form')
      .send({ code: right === '000000' ? '111111' : '000000', _csrf: csrfFrom(secondStep.text) })
      .expect(401);
    check('a wrong code', wrong.text);

    expect(read.length).toBeGreaterThan(80);
    expect(problems).toEqual([]);
  });
});
