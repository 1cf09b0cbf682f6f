import { simpleParser } from 'mailparser';
import { Visibility } from '../src/common/entry';
import { makeCase, makeDefender } from './factories/cases';
import { ReceivedMail, TestSmtp } from './support/smtp';
import { bearer, TestApp, TestUser } from './support/test-app';
import { signInToWeb } from './support/web-session';
import { startMailingApp, stopMailingApp } from './support/mailing-app';
import { TestWorker } from './support/worker';
import { limitBody } from './factories/statutory-limits';

// Every email kind, the digest, the reminder lists and pages, per role and for an external address:
// nothing reaches a reader that they may not read. The expectations are written out here, not
// computed with the app's own rule, so a wrong rule fails them.

jest.setTimeout(120_000);

/** What each kind of reader may read, as the README states it. */
const MAY_READ: Record<'external' | 'viewer' | 'caseworker' | 'admin', Visibility[]> = {
  external: ['public'],
  viewer: ['public', 'internal'],
  caseworker: ['public', 'internal', 'confidential'],
  admin: ['public', 'internal', 'confidential'],
};
type ReaderKind = keyof typeof MAY_READ;
const VISIBILITIES: Visibility[] = ['public', 'internal', 'confidential'];
/** Written into every entry of that visibility (court, charge, limit, event), to be looked for in what arrives. */
const marker = (visibility: Visibility) => `Mk-${visibility}`;
const DEFENDERS: Record<Visibility, string> = {
  public: 'Asha Alpha',
  internal: 'Bela Beta',
  confidential: 'Chen Gamma',
};

/*
 * Everything falls due at one instant T, Monday 2 March 2026 08:00 UTC = 09:00 in Paris (the cases'
 * zone) = the watchers' weekly digest (their zone is UTC):
 * - a hearing on 3 March 09:00 with hearing offset P1D;
 * - a hearing on 1 March 21:00 with no outcome: first chase 12 hours later;
 * - a custody order ending on 3 March with custody offset P1D (day reminders fall due at 09:00);
 * - an arrest on 31 January: day 30 of detention is 2 March;
 * - a limit of 43 days from the arrest (15 March) with statutory offset P13D (and P3D, pending, for
 *   the dashboard).
 */
const T = '2026-03-02T08:00:00.000Z';
const KINDS = [
  'hearing_upcoming',
  'outcome_missing',
  'custody_ending',
  'detention_milestone',
  'statutory_limit',
];

interface Reminder {
  id: string;
  kind: string;
  caseId: string | null;
  title: string;
  status: string;
  dueAt: string;
  recipients: { type: string; id: string; name: string; email?: string }[];
}

interface Opened {
  mail: ReceivedMail;
  reminderId: string;
  /** Subject, text, HTML and every attachment (the .ics), decoded, unfolded, in one string. */
  content: string;
}

describe('reminders carry only what their recipient may read', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;
  const cases = {} as Record<Visibility, string>;
  const external = (visibility: Visibility) => `partner-${visibility}@partner.example`;
  let opened: Opened[] = [];
  let all: Reminder[] = [];

  const api = () => t.http();
  const addressOf = (kind: ReaderKind, visibility: Visibility) =>
    kind === 'external' ? external(visibility) : t.users[kind].email;
  const userOf = (kind: Exclude<ReaderKind, 'external'>): TestUser => t.users[kind];
  const reminders = async (as: TestUser, query = ''): Promise<Reminder[]> =>
    (await api().get(`/api/reminders?limit=200&${query}`).set(bearer(as)).expect(200)).body.items;

  beforeAll(async () => {
    ({
      smtp,
      app: t,
      worker,
    } = await startMailingApp({
      now: '2026-03-02T07:59:30Z',
      env: { MAIL_FROM: 'Vigil <vigil@ngo.example>' },
    }));
    await t.dataSource.query(`UPDATE users SET timezone = 'UTC'`);
    const admin = bearer(t.users.admin);
    const caseworker = bearer(t.users.caseworker);

    for (const visibility of VISIBILITIES) {
      await api()
        .post('/api/statutory-limits')
        .set(admin)
        .send(
          limitBody(43, {
            lawPattern: `Secret Services Act ${marker(visibility)}`,
            reference: `Limit ${marker(visibility)}`,
          }),
        )
        .expect(201);
    }
    for (const visibility of VISIBILITIES) {
      const defender = await makeDefender(t.dataSource, { fullName: DEFENDERS[visibility], country: 'FR' });
      const kase = await makeCase(t.dataSource, {
        defenderId: defender.id,
        country: 'FR',
        timezone: 'Europe/Paris',
        court: 'Tribunal judiciaire de Paris',
        arrestedOn: '2026-01-31',
      });
      cases[visibility] = kase.id;
      const on = `/api/cases/${kase.id}`;
      await api()
        .put(`${on}/reminder-policy`)
        .set(caseworker)
        .send({
          hearingOffsets: ['P1D'],
          custodyOffsets: ['P1D'],
          statutoryOffsets: ['P13D', 'P3D'],
          milestoneDays: [30],
        })
        .expect(200);
      for (const kind of ['viewer', 'caseworker', 'admin'] as const) {
        await api()
          .post(`${on}/watchers`)
          .set(bearer(userOf(kind)))
          .send({})
          .expect(200);
      }
      await api()
        .post(`${on}/recipients`)
        .set(caseworker)
        .send({ name: `Partner ${visibility}`, email: external(visibility), language: 'en' })
        .expect(201);
      // A public entry in every case, so that everyone's "latest entries" has something to show.
      await api()
        .post(`${on}/events`)
        .set(caseworker)
        .send({
          occurredOn: '2026-02-10',
          precision: 'day',
          type: 'statement',
          description: `Statement ${marker('public')}`,
          visibility: 'public',
          sources: [],
        })
        .expect(201);
      await api()
        .post(`${on}/events`)
        .set(caseworker)
        .send({
          occurredOn: '2026-02-15',
          precision: 'day',
          type: 'raid',
          description: `Raid ${marker(visibility)}`,
          visibility,
          sources: [],
        })
        .expect(201);
      await api()
        .post(`${on}/charges`)
        .set(caseworker)
        .send({
          law: `Secret Services Act ${marker(visibility)}`,
          section: '9',
          status: 'alleged',
          broughtOn: '2026-02-01',
          visibility,
        })
        .expect(201);
      await api()
        .post(`${on}/custody-orders`)
        .set(caseworker)
        .send({ kind: 'judicial', orderedOn: '2026-02-01', until: '2026-03-03', visibility })
        .expect(201);
      await api()
        .post(`${on}/hearings`)
        .set(caseworker)
        .send({ scheduledAt: '2026-03-03T09:00', court: `Court ${marker(visibility)}`, visibility })
        .expect(201);
      await api()
        .post(`${on}/hearings`)
        .set(caseworker)
        .send({ scheduledAt: '2026-03-01T21:00', court: `Chamber ${marker(visibility)}`, visibility })
        .expect(201);
    }

    // Wait until every reminder due at T has been dealt with by the worker (the clock stands 30 s
    // before T, so each job's delay is real time).
    const started = Date.now();
    for (;;) {
      const dueNow = (await reminders(t.users.admin, `from=${T}&to=2026-03-02T08:00:01Z`)).filter(
        (r) => r.status !== 'cancelled',
      );
      if (dueNow.length && dueNow.every((r) => r.status !== 'pending')) {
        break;
      }
      if (Date.now() - started > 90_000) {
        throw new Error(
          `Reminders due at T still pending: ${dueNow.filter((r) => r.status === 'pending').length}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    // Read after the wait: a list read before it could still hold a reminder the worker sent since.
    all = (await reminders(t.users.admin)).filter((r) => r.status !== 'cancelled');
    opened = await Promise.all(
      smtp.messages.map(async (mail) => {
        const parsed = await simpleParser(mail.raw);
        const attachments = parsed.attachments.map((a) =>
          a.content.toString('utf8').replace(/\r?\n[ \t]/g, ''),
        );
        return {
          mail,
          reminderId: /^<([0-9a-f-]{36})\./.exec(mail.messageId)?.[1] ?? '',
          content: [parsed.subject ?? '', parsed.text ?? '', parsed.html || '', ...attachments].join('\n'),
        };
      }),
    );
  });

  afterAll(() => stopMailingApp({ worker, app: t, smtp }));

  /** The reminder of this kind about the case of this visibility that fell due at T. */
  const atT = (kind: string, visibility: Visibility) =>
    all.find((r) => r.kind === kind && r.caseId === cases[visibility] && r.dueAt === T);

  it('plans a reminder of every kind for every case, all due at the same instant and all sent', () => {
    for (const kind of KINDS) {
      for (const visibility of VISIBILITIES) {
        expect({ kind, visibility, status: atT(kind, visibility)?.status }).toEqual({
          kind,
          visibility,
          status: 'sent',
        });
      }
    }
  });

  // Which reminders each reader received, by kind and by the visibility of the entry it is about.
  it.each(['external', 'viewer', 'caseworker', 'admin'] as const)(
    'mails %s a reminder exactly when they may read the entry it is about',
    (reader) => {
      for (const kind of KINDS.filter((k) => k !== 'detention_milestone')) {
        for (const visibility of VISIBILITIES) {
          const reminder = atT(kind, visibility);
          const got = opened.filter(
            (o) =>
              reminder && o.reminderId === reminder.id && o.mail.to.includes(addressOf(reader, visibility)),
          );
          expect({ kind, visibility, mails: got.length }).toEqual({
            kind,
            visibility,
            mails: MAY_READ[reader].includes(visibility) ? 1 : 0,
          });
        }
      }
      // A milestone is about the arrest, which everyone on the case may know.
      for (const visibility of VISIBILITIES) {
        const milestone = atT('detention_milestone', visibility);
        expect(
          opened.filter(
            (o) => o.reminderId === milestone?.id && o.mail.to.includes(addressOf(reader, visibility)),
          ),
        ).toHaveLength(1);
      }
    },
  );

  it.each(['external', 'viewer', 'caseworker', 'admin'] as const)(
    'puts nothing %s may not read in the subject, text, HTML or .ics of any email they get, the digest included',
    (reader) => {
      const addresses = VISIBILITIES.map((visibility) => addressOf(reader, visibility));
      const theirs = opened.filter((o) => o.mail.to.some((to) => addresses.includes(to)));
      expect(theirs.length).toBeGreaterThan(0);
      for (const { content, mail } of theirs) {
        for (const visibility of VISIBILITIES) {
          if (!MAY_READ[reader].includes(visibility)) {
            expect({ subject: mail.subject, leaks: content.includes(marker(visibility)) }).toEqual({
              subject: mail.subject,
              leaks: false,
            });
          }
        }
      }
      // The check can see a marker when one is there: each reader's mail shows what they may read.
      for (const visibility of MAY_READ[reader]) {
        expect(theirs.some((o) => o.content.includes(marker(visibility)))).toBe(true);
      }
    },
  );

  it('sends the .ics of a confidential hearing only to those who may read it, marked confidential', () => {
    const confidentialHearing = atT('hearing_upcoming', 'confidential');
    const invitations = opened.filter((o) => o.reminderId === confidentialHearing?.id);
    expect(invitations.map((o) => o.mail.to[0]).sort()).toEqual(
      [t.users.admin.email, t.users.caseworker.email].sort(),
    );
    for (const { content, mail } of invitations) {
      expect(content).toContain(`LOCATION:Court ${marker('confidential')}`);
      // Those who may read it are told it is confidential: in the subject and in the calendar.
      expect(mail.subject).toMatch(/^\[CONFIDENTIAL\] Hearing in 1 day: Chen Gamma/);
      expect(content).toContain('CLASS:CONFIDENTIAL');
    }
  });

  it.each(['viewer', 'caseworker', 'admin'] as const)(
    "lists in %s's weekly digest only what they may read",
    (reader) => {
      const digest = opened.find(
        (o) =>
          o.mail.to.includes(userOf(reader).email) && o.mail.subject.startsWith('Vigil: the next two weeks'),
      );
      expect(digest).toBeDefined();
      const lines =
        (digest?.mail && digest.content.split('\n').filter((line) => line.startsWith('- '))) ?? [];
      for (const visibility of VISIBILITIES) {
        const about = lines.filter((line) => line.includes(DEFENDERS[visibility]));
        const readable = MAY_READ[reader].includes(visibility);
        // The hearing, the custody end and the limit come from entries; the milestone from the arrest.
        expect({
          visibility,
          hearing: about.some((line) => line.includes(`Court ${marker(visibility)}`)),
          custody: about.some((line) => line.includes('Custody ends')),
          limit: about.some((line) => line.includes(`Limit ${marker(visibility)}`)),
          milestone: about.some((line) => line.includes('30 days in detention')),
        }).toEqual({ visibility, hearing: readable, custody: readable, limit: readable, milestone: true });
      }
    },
  );

  it.each(['viewer', 'caseworker', 'admin'] as const)(
    'lists to %s only reminders about entries they may read',
    async (reader) => {
      const listed = await reminders(userOf(reader));
      for (const visibility of VISIBILITIES) {
        const ofCase = listed.filter((r) => r.caseId === cases[visibility]);
        const kinds = new Set(ofCase.map((r) => r.kind));
        const readable = MAY_READ[reader].includes(visibility);
        expect({
          visibility,
          hearing: kinds.has('hearing_upcoming'),
          limit: kinds.has('statutory_limit'),
        }).toEqual({
          visibility,
          hearing: readable,
          limit: readable,
        });
        expect(kinds.has('detention_milestone')).toBe(true);
        for (const r of ofCase) {
          if (!readable) {
            expect(r.title).not.toContain(marker(visibility));
          }
        }
      }
      const text = JSON.stringify(listed);
      for (const visibility of VISIBILITIES) {
        if (!MAY_READ[reader].includes(visibility)) {
          expect(text).not.toContain(marker(visibility));
        }
      }
    },
  );

  it.each(['viewer', 'caseworker', 'admin'] as const)(
    "names external recipients in %s's reminder lists exactly when GET /api/cases/:id/recipients is open to them",
    async (reader) => {
      const listed = await reminders(userOf(reader));
      const text = JSON.stringify(listed);
      for (const visibility of VISIBILITIES) {
        const open = await api()
          .get(`/api/cases/${cases[visibility]}/recipients`)
          .set(bearer(userOf(reader)));
        expect(open.status).toBe(reader === 'viewer' ? 403 : 200);
        const [partner] = (await t.dataSource.query('SELECT id FROM case_recipients WHERE email = $1', [
          external(visibility),
        ])) as { id: string }[];
        expect({
          visibility,
          name: text.includes(`Partner ${visibility}`),
          id: text.includes(partner.id),
        }).toEqual({
          visibility,
          name: open.status === 200,
          id: open.status === 200,
        });
      }
      expect(listed.flatMap((r) => r.recipients).some((r) => r.type === 'recipient')).toBe(
        reader !== 'viewer',
      );
    },
  );

  it('lists as pending recipients of a reminder only those who may read it', async () => {
    // A pending reminder (the next chase of the confidential case's hearing outcome) names no viewer and no partner.
    const [pending] = await reminders(
      t.users.admin,
      `caseId=${cases.confidential}&kind=outcome_missing&status=pending`,
    );
    expect(pending.recipients.map((r) => r.email).sort()).toEqual(
      [t.users.admin.email, t.users.caseworker.email].sort(),
    );
    const [internal] = await reminders(
      t.users.admin,
      `caseId=${cases.internal}&kind=outcome_missing&status=pending`,
    );
    expect(internal.recipients.map((r) => r.email).sort()).toEqual(
      [t.users.admin.email, t.users.caseworker.email, t.users.viewer.email].sort(),
    );
  });

  it.each(['viewer', 'caseworker'] as const)(
    "derives %s's statutory limits only from charges they may read",
    async (reader) => {
      for (const visibility of VISIBILITIES) {
        const states = (
          await api()
            .get(`/api/cases/${cases[visibility]}/statutory-limits`)
            .set(bearer(userOf(reader)))
            .expect(200)
        ).body as { reference: string }[];
        expect(states.map((s) => s.reference)).toEqual(
          MAY_READ[reader].includes(visibility) ? [`Limit ${marker(visibility)}`] : [],
        );
      }
    },
  );

  it.each(['viewer', 'caseworker'] as const)(
    "shows on %s's case, reminder settings and dashboard pages only reminders and limits they may read",
    async (reader) => {
      const web = await signInToWeb(t, userOf(reader));
      for (const visibility of VISIBILITIES) {
        for (const path of [`/settings/cases/${cases[visibility]}`, `/cases/${cases[visibility]}`]) {
          const html = (await web.agent.get(path).expect(200)).text;
          const readable = MAY_READ[reader].includes(visibility);
          expect({ path, shows: html.includes(marker(visibility)) }).toEqual({ path, shows: readable });
        }
        const settings = (await web.agent.get(`/settings/cases/${cases[visibility]}`).expect(200)).text;
        expect(settings.includes(external(visibility))).toBe(reader !== 'viewer');
      }
      // The dashboard, across cases: hearings ahead and statutory limits ahead (the P3D reminders).
      const dashboard = (await web.agent.get('/').expect(200)).text;
      for (const visibility of VISIBILITIES) {
        const readable = MAY_READ[reader].includes(visibility);
        expect({
          visibility,
          hearing: dashboard.includes(`Court ${marker(visibility)}`),
          limit: dashboard.includes(`Limit ${marker(visibility)}`),
        }).toEqual({ visibility, hearing: readable, limit: readable });
      }
    },
  );

  // Last: it changes the public case.
  it('stops listing a reminder, sent ones too, to a viewer once its entry is made confidential', async () => {
    const sent = atT('hearing_upcoming', 'public');
    const listed = async () => (await reminders(t.users.viewer, `caseId=${cases.public}`)).map((r) => r.id);
    expect(await listed()).toContain(sent?.id);
    const hearings = (
      await api().get(`/api/cases/${cases.public}/hearings`).set(bearer(t.users.caseworker)).expect(200)
    ).body.items as { id: string; court: string }[];
    const hearing = hearings.find((h) => h.court === `Court ${marker('public')}`);
    await api()
      .patch(`/api/hearings/${hearing?.id}`)
      .set(bearer(t.users.caseworker))
      .send({ visibility: 'confidential' })
      .expect(200);
    expect(await listed()).not.toContain(sent?.id);
    expect((await reminders(t.users.caseworker, `caseId=${cases.public}`)).map((r) => r.id)).toContain(
      sent?.id,
    );
  });
});
