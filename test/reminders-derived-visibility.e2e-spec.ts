import { makeCase, makeDefender } from './factories/cases';
import { TestSmtp } from './support/smtp';
import { bearer, TestApp } from './support/test-app';
import { startMailingApp, stopMailingApp } from './support/mailing-app';
import { TestWorker } from './support/worker';
import { limitBody } from './factories/statutory-limits';

// Reminders computed from the detention history (milestones, statutory deadlines) are read only by
// those who may read the entries they are computed from: a confidential arrest keeps them from an
// external recipient and a viewer, in the mail and in the lists.

jest.setTimeout(120_000);

/*
 * As in reminders-visibility.e2e-spec.ts, everything falls due at T, Monday 2 March 2026 08:00 UTC =
 * 09:00 in Paris: day 30 of a detention from 31 January, and 13 days before a 43-day limit from it.
 */
const T = '2026-03-02T08:00:00.000Z';
const PARTNER = 'partner@partner.example';

interface Reminder {
  id: string;
  kind: string;
  caseId: string | null;
  status: string;
  dueAt: string;
}

describe('reminders from a confidential arrest', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;
  let caseId: string;
  let atT: Reminder[] = [];

  const api = () => t.http();
  const reminders = async (as: TestApp['users']['admin'], query = ''): Promise<Reminder[]> =>
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
    const caseworker = bearer(t.users.caseworker);
    await api()
      .post('/api/statutory-limits')
      .set(bearer(t.users.admin))
      .send(limitBody(43, { reference: 'Limit 43' }))
      .expect(201);
    const defender = await makeDefender(t.dataSource, { fullName: 'Chen Gamma', country: 'FR' });
    const kase = await makeCase(t.dataSource, {
      defenderId: defender.id,
      country: 'FR',
      timezone: 'Europe/Paris',
      court: 'Tribunal judiciaire de Paris',
      arrestedOn: '2026-01-31',
    });
    caseId = kase.id;
    const on = `/api/cases/${caseId}`;
    const events = (await api().get(`${on}/events`).set(caseworker).expect(200)).body.items as {
      id: string;
      type: string;
    }[];
    const arrest = events.find((e) => e.type === 'arrest');
    await api()
      .patch(`/api/events/${arrest?.id}`)
      .set(caseworker)
      .send({ visibility: 'confidential' })
      .expect(200);
    await api()
      .put(`${on}/reminder-policy`)
      .set(caseworker)
      .send({ statutoryOffsets: ['P13D'], milestoneDays: [30] })
      .expect(200);
    for (const kind of ['viewer', 'caseworker', 'admin'] as const) {
      await api().post(`${on}/watchers`).set(bearer(t.users[kind])).send({}).expect(200);
    }
    await api()
      .post(`${on}/recipients`)
      .set(caseworker)
      .send({ name: 'Partner', email: PARTNER, language: 'en' })
      .expect(201);
    // The charge is public: only the arrest the limit counts from is confidential.
    await api()
      .post(`${on}/charges`)
      .set(caseworker)
      .send({
        law: 'Secret Services Act',
        section: '9',
        status: 'alleged',
        broughtOn: '2026-02-01',
        visibility: 'public',
      })
      .expect(201);

    const started = Date.now();
    for (;;) {
      atT = (await reminders(t.users.admin, `caseId=${caseId}&from=${T}&to=2026-03-02T08:00:01Z`)).filter(
        (r) => ['detention_milestone', 'statutory_limit'].includes(r.kind),
      );
      if (atT.length === 2 && atT.every((r) => r.status !== 'pending')) {
        break;
      }
      if (Date.now() - started > 90_000) {
        throw new Error(`Reminders due at T: ${JSON.stringify(atT)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  afterAll(() => stopMailingApp({ worker, app: t, smtp }));

  const mailedTo = (reminder: Reminder | undefined): string[] =>
    smtp.messages
      .filter((mail) => reminder && mail.messageId.startsWith(`<${reminder.id}.`))
      .flatMap((mail) => mail.to)
      .sort();

  it.each(['detention_milestone', 'statutory_limit'])(
    'mails the %s reminder to those who may read the arrest, not to the partner or the viewer',
    (kind) => {
      const reminder = atT.find((r) => r.kind === kind);
      expect(reminder?.status).toBe('sent');
      expect(mailedTo(reminder)).toEqual([t.users.admin.email, t.users.caseworker.email].sort());
    },
  );

  it('lists them to a caseworker, not to a viewer', async () => {
    const kinds = async (as: TestApp['users']['admin']) =>
      new Set((await reminders(as, `caseId=${caseId}`)).map((r) => r.kind));
    const caseworker = await kinds(t.users.caseworker);
    const viewer = await kinds(t.users.viewer);
    expect({
      caseworker: [caseworker.has('detention_milestone'), caseworker.has('statutory_limit')],
      viewer: [viewer.has('detention_milestone'), viewer.has('statutory_limit')],
    }).toEqual({ caseworker: [true, true], viewer: [false, false] });
  });

  it('gives a viewer no deadline counted from the arrest on GET /api/cases/:id/statutory-limits', async () => {
    const states = async (as: TestApp['users']['admin']) =>
      (await api().get(`/api/cases/${caseId}/statutory-limits`).set(bearer(as)).expect(200)).body as {
        dueOn: string | null;
        state: string;
      }[];
    expect(await states(t.users.caseworker)).toEqual([
      expect.objectContaining({ dueOn: '2026-03-15', state: 'running' }),
    ]);
    // Without the arrest they may not read, they hold no custody a limit could count from.
    expect(await states(t.users.viewer)).toEqual([]);
  });
});
