import { simpleParser } from 'mailparser';
import { makeCase } from './factories/cases';
import { TestSmtp } from './support/smtp';
import { bearer, TestApp, TestUser } from './support/test-app';
import { startMailingApp, stopMailingApp } from './support/mailing-app';
import { TestWorker } from './support/worker';

// The detention history is folded from entries of their own visibility: what a reminder or digest
// says of it comes only from the entries its reader may read. With the real app, worker and SMTP.

jest.setTimeout(90_000);

/*
 * Monday 1 March 2027 08:00 UTC: the watchers' weekly digest (their zone is UTC), and the reminder
 * one day before a public hearing on 2 March 08:00 in the case's zone (UTC). The defender was
 * arrested on 10 January (public); a confidential bail on 20 February and a confidential hunger
 * strike since 26 February (its 7th day, 5 March, falls within the digest's two weeks).
 */
const T = '2027-03-01T08:00:00.000Z';
const PARTNER = 'partner@partner.example';

describe('what reminders say of the detention history', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;
  let caseId: string;
  const readers = {} as Record<'viewer' | 'caseworker', TestUser>;

  const api = () => t.http();

  /** The decoded subject and text of every message to an address, with the reminder kind it was sent for. */
  const mailTo = async (address: string) =>
    Promise.all(
      smtp.messages
        .filter((mail) => mail.to.includes(address))
        .map(async (mail) => {
          const parsed = await simpleParser(mail.raw);
          return { subject: parsed.subject ?? '', text: parsed.text ?? '' };
        }),
    );

  beforeAll(async () => {
    ({ smtp, app: t, worker } = await startMailingApp({ now: '2027-03-01T07:59:40Z' }));
    const caseworker = bearer(t.users.caseworker);
    readers.viewer = await t.createUser('viewer');
    readers.caseworker = await t.createUser('caseworker');
    await t.dataSource.query(`UPDATE users SET timezone = 'UTC'`);

    const kase = await makeCase(t.dataSource, {
      country: 'FR',
      timezone: 'UTC',
      court: 'Tribunal judiciaire de Paris',
      arrestedOn: '2027-01-10',
    });
    caseId = kase.id;
    const on = `/api/cases/${caseId}`;
    await api()
      .put(`${on}/reminder-policy`)
      .set(caseworker)
      .send({ hearingOffsets: ['P1D'] })
      .expect(200);
    for (const event of [
      { type: 'bail_granted', occurredOn: '2027-02-20', title: 'Bailed' },
      { type: 'hunger_strike', occurredOn: '2027-02-26', title: 'Hunger strike' },
    ]) {
      await api()
        .post(`${on}/events`)
        .set(caseworker)
        .send({
          ...event,
          precision: 'day',
          visibility: 'confidential',
          description: event.title,
          sources: [],
        })
        .expect(201);
    }
    await api()
      .post(`${on}/hearings`)
      .set(caseworker)
      .send({ scheduledAt: '2027-03-02T08:00', court: 'Chambre 3', visibility: 'public' })
      .expect(201);
    await api()
      .post(`${on}/recipients`)
      .set(caseworker)
      .send({ name: 'Partner', email: PARTNER, language: 'en' })
      .expect(201);
    for (const user of Object.values(readers)) {
      await api().post(`${on}/watchers`).set(caseworker).send({ userId: user.id }).expect(200);
    }

    // Wait until everything due at T has been dealt with (the clock stands 20 s before T).
    const started = Date.now();
    for (;;) {
      const due = (
        await api()
          .get(`/api/reminders?limit=200&from=${T}&to=2027-03-01T08:00:01Z`)
          .set(bearer(t.users.admin))
          .expect(200)
      ).body.items as { kind: string; status: string }[];
      const digests = due.filter((r) => r.kind === 'weekly_digest');
      const hearings = due.filter((r) => r.kind === 'hearing_upcoming');
      if (digests.length >= 2 && hearings.length && due.every((r) => r.status !== 'pending')) {
        break;
      }
      if (Date.now() - started > 60_000) {
        throw new Error(`Reminders due at T not sent: ${JSON.stringify(due)}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  });

  afterAll(() => stopMailingApp({ worker, app: t, smtp }));

  it('lists a confidential hunger strike in the digest of a caseworker, not of a viewer', async () => {
    const digestOf = async (user: TestUser) =>
      (await mailTo(user.email)).find((mail) => mail.subject.startsWith('Vigil: the next two weeks'));
    const forCaseworker = await digestOf(readers.caseworker);
    const forViewer = await digestOf(readers.viewer);
    expect(forCaseworker?.text).toContain('7 days on hunger strike');
    expect(forViewer).toBeDefined();
    expect(forViewer?.text).not.toMatch(/hunger strike/i);
  });

  it.each([
    ['an external address', () => PARTNER, 'In custody'],
    ['a viewer', () => readers.viewer.email, 'In custody'],
    ['a caseworker', () => readers.caseworker.email, 'On bail'],
  ])('states to %s the detention status the entries they may read tell', async (_who, address, status) => {
    const reminder = (await mailTo(address())).find((mail) => mail.subject.startsWith('Hearing in 1 day'));
    expect(reminder?.text).toMatch(new RegExp(`^Detention: ${status}$`, 'm'));
  });
});
