import { DayOnlyHearingReminders1796160000000 } from '../migrations/1796160000000-DayOnlyHearingReminders';
import { deriveDetention } from '../src/cases/detention-history';
import { detentionInputs } from '../src/cases/detention-store';
import { VISIBILITIES } from '../src/common/entry';
import { loadCaseContext } from '../src/reminders/case-context';
import { makeCase } from './factories/cases';
import { bodyText, ReceivedMail, TestSmtp } from './support/smtp';
import { bearer, TestApp } from './support/test-app';
import { signInToWeb } from './support/web-session';
import { startMailingApp, stopMailingApp } from './support/mailing-app';
import { TestWorker } from './support/worker';

// Issue 11's worked examples for reminders, with the real app, worker, PostgreSQL, Redis and SMTP.

interface ReminderItem {
  id: string;
  kind: string;
  title: string;
  subjectId: string | null;
  offset: string;
  dueAt: string;
  dueAtLocal: string;
  status: string;
}

jest.setTimeout(60_000);

/** Midnight as a clock time ("00:00", "T00:00"), not the seconds of another time ("09:00:00"). */
const MIDNIGHT = /(?<![0-9:])00:00/;

describe('detention reminders', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;

  beforeAll(async () => {
    ({
      smtp,
      app: t,
      worker,
    } = await startMailingApp({
      now: '2026-01-15T03:00:00Z',
      env: { REMINDER_BACKOFF_MS: '200' },
    }));
  });
  afterAll(() => stopMailingApp({ worker, app: t, smtp }));

  const api = () => t.http();
  const caseworker = () => bearer(t.users.caseworker);

  async function watchedCase(overrides: Parameters<typeof makeCase>[1] = {}) {
    // No detention of its own: each test writes the entries its story needs.
    const kase = await makeCase(t.dataSource, {
      arrestedOn: null,
      detentionStatus: 'not_detained',
      ...overrides,
    });
    await api().post(`/api/cases/${kase.id}/watchers`).set(caseworker()).send({}).expect(200);
    return kase;
  }

  async function reminders(caseId: string, query = ''): Promise<ReminderItem[]> {
    const response = await api()
      .get(`/api/reminders?caseId=${caseId}&limit=200${query}`)
      .set(caseworker())
      .expect(200);
    return response.body.items;
  }

  const mailFor = (reminderId: string) =>
    smtp.messages.filter((m) => m.messageId.startsWith(`<${reminderId}.`));

  async function waitForMail(reminderId: string): Promise<ReceivedMail> {
    for (let waited = 0; waited < 20_000; waited += 100) {
      const [mail] = mailFor(reminderId);
      if (mail) {
        return mail;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`No mail for reminder ${reminderId}`);
  }

  const addEvent = async (caseId: string, body: Record<string, unknown>) =>
    (
      await api()
        .post(`/api/cases/${caseId}/events`)
        .set(caseworker())
        .send({
          precision: 'day',
          visibility: 'public',
          description: String(body.title),
          sources: [],
          ...body,
        })
        .expect(201)
    ).body as { id: string };

  const addOrder = async (caseId: string, body: Record<string, unknown>) =>
    (
      await api()
        .post(`/api/cases/${caseId}/custody-orders`)
        .set(caseworker())
        .send({ kind: 'judicial', ...body })
        .expect(201)
    ).body as { id: string };

  const ofKind = (items: ReminderItem[], kind: string) => items.filter((r) => r.kind === kind);

  /** The Markdown chronology of a case in a language, as a viewer downloads it. */
  const exported = async (caseId: string, lang: string) =>
    (
      await api()
        .get(`/api/cases/${caseId}/chronology?format=md&lang=${lang}`)
        .set(bearer(t.users.viewer))
        .buffer(true)
        .parse((response, done) => {
          let text = '';
          response.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
          response.on('end', () => done(null, text));
        })
        .expect(200)
    ).body as string;

  describe('a ten-year sentence credited from the arrest', () => {
    it('reminds 30 and 7 days before the expected release, then chases a release not logged', async () => {
      // 08:59:55 in New Delhi on 18 February 2027: 30 days before 20 March 2027 is 5 s away.
      t.clock.set('2027-02-18T03:29:55Z');
      const kase = await watchedCase();
      await addEvent(kase.id, { type: 'arrest', occurredOn: '2017-03-20', title: 'Arrested' });
      const sentence = await addEvent(kase.id, {
        type: 'sentence',
        occurredOn: '2019-05-10',
        title: 'Sentenced to ten years',
        sentenceTerm: 'P10Y',
        creditForCustody: true,
      });
      const planned = await reminders(kase.id);
      expect(
        ofKind(planned, 'sentence_ending').map((r) => [r.offset, r.dueAtLocal, r.status, r.subjectId]),
      ).toEqual([
        ['P30D', '2027-02-18T09:00:00', 'pending', sentence.id],
        ['P7D', '2027-03-13T09:00:00', 'pending', sentence.id],
      ]);
      expect(
        ofKind(planned, 'release_overdue')
          .slice(0, 2)
          .map((r) => [r.offset, r.dueAtLocal]),
      ).toEqual([
        ['N1', '2027-03-21T09:00:00'],
        ['N2', '2027-03-28T09:00:00'],
      ]);
      const mail = await waitForMail(ofKind(planned, 'sentence_ending')[0].id);
      expect(mail.subject).toMatch(/^Sentence complete in 30 days: .* — expected release 20 Mar 2027$/);
      expect(await exported(kase.id, 'en')).toContain(
        '- **Detention:** Serving a 10-year sentence; expected release 20 March 2027',
      );
      expect(await exported(kase.id, 'ru')).toContain(
        'Отбывает наказание сроком 10 лет; ожидаемое освобождение 20 марта 2027 г.',
      );

      // The day after: nobody logged the release, the chase goes out; once it is logged, no more.
      const late = await watchedCase();
      t.clock.set('2027-03-21T03:29:55Z');
      await addEvent(late.id, { type: 'arrest', occurredOn: '2017-03-20', title: 'Arrested' });
      await addEvent(late.id, {
        type: 'sentence',
        occurredOn: '2019-05-10',
        title: 'Sentenced',
        sentenceTerm: 'P10Y',
      });
      const [first] = ofKind(await reminders(late.id, '&status=pending'), 'release_overdue');
      expect(first).toMatchObject({ offset: 'N1', dueAt: '2027-03-21T03:30:00.000Z' });
      const chased = await waitForMail(first.id);
      expect(chased.subject).toMatch(
        /^Release overdue: .* — sentence complete on 20 Mar 2027, no release recorded$/,
      );
      await addEvent(late.id, { type: 'release', occurredOn: '2027-03-21', title: 'Released' });
      const after = ofKind(await reminders(late.id), 'release_overdue');
      expect(after.filter((r) => r.status === 'pending')).toEqual([]);
      expect(after.find((r) => r.offset === 'N2')?.status).toBe('cancelled');
    });
  });

  describe('an ongoing hunger strike', () => {
    it('reminds on days 7, 14, 21 and 30, and stops when the strike ends', async () => {
      t.clock.set('2022-03-08T03:29:55Z');
      const kase = await watchedCase();
      await addEvent(kase.id, { type: 'arrest', occurredOn: '2022-01-01', title: 'Arrested' });
      const strike = await addEvent(kase.id, {
        type: 'hunger_strike',
        occurredOn: '2022-03-01',
        title: 'Hunger strike',
      });
      const planned = ofKind(await reminders(kase.id), 'hunger_strike_day');
      expect(planned.map((r) => [r.offset, r.dueAtLocal, r.status, r.subjectId])).toEqual([
        ['D7', '2022-03-08T09:00:00', 'pending', strike.id],
        ['D14', '2022-03-15T09:00:00', 'pending', strike.id],
        ['D21', '2022-03-22T09:00:00', 'pending', strike.id],
        ['D30', '2022-03-31T09:00:00', 'pending', strike.id],
      ]);
      const mail = await waitForMail(planned[0].id);
      expect(mail.subject).toMatch(/^7 days on hunger strike: .* — since 1 Mar 2022$/);

      // A case may set its own days, like any other part of the policy.
      await api()
        .put(`/api/cases/${kase.id}/reminder-policy`)
        .set(caseworker())
        .send({ hungerStrikeDays: [10, 20] })
        .expect(200);
      expect(
        ofKind(await reminders(kase.id, '&status=pending'), 'hunger_strike_day').map((r) => [
          r.offset,
          r.dueAtLocal,
        ]),
      ).toEqual([
        ['D10', '2022-03-11T09:00:00'],
        ['D20', '2022-03-21T09:00:00'],
      ]);

      await api()
        .patch(`/api/events/${strike.id}`)
        .set(caseworker())
        .send({ endedOn: '2022-03-08' })
        .expect(200);
      expect(ofKind(await reminders(kase.id, '&status=pending'), 'hunger_strike_day')).toEqual([]);
    });
  });

  describe('a death in custody', () => {
    it('cancels the pending "5 years in detention" and every reminder that assumes a living detainee, saying why', async () => {
      t.clock.set('2026-12-06T10:00:00Z');
      const kase = await watchedCase();
      await addEvent(kase.id, { type: 'arrest', occurredOn: '2022-02-24', title: 'Arrested' });
      await addOrder(kase.id, { orderedOn: '2026-12-01', days: 30 });
      await api()
        .post(`/api/cases/${kase.id}/hearings`)
        .set(caseworker())
        .send({ scheduledAt: '2026-12-20T10:30', court: 'Special Court' })
        .expect(201);
      const before = await reminders(kase.id, '&status=pending');
      const fiveYears = before.find(
        (r) => r.kind === 'detention_milestone' && r.offset === 'Y5',
      ) as ReminderItem;
      expect(fiveYears).toMatchObject({ dueAtLocal: '2027-02-24T09:00:00' });
      expect(ofKind(before, 'custody_ending')).toHaveLength(2);

      await addEvent(kase.id, {
        type: 'death_in_custody',
        occurredOn: '2022-04-24',
        title: 'Died in custody',
      });
      const after = await reminders(kase.id);
      const pending = after.filter((r) => r.status === 'pending');
      expect(pending.map((r) => r.kind).sort()).toEqual([
        'hearing_upcoming',
        'hearing_upcoming',
        'hearing_upcoming',
        'outcome_missing',
        'outcome_missing',
        'outcome_missing',
      ]);
      expect(await exported(kase.id, 'en')).toContain('- **Detention:** Died in custody on 24 April 2022');
      const web = await signInToWeb(t, t.users.caseworker);
      const page = await web.agent.get(`/settings/cases/${kase.id}`).expect(200);
      expect(page.text).toMatch(/\d+ reminders cancelled: Died in custody on 24 April 2022\./);
      expect(await exported(kase.id, 'es')).toContain('Murió bajo custodia el 24 de abril de 2022');
      const cancelled = after.find((r) => r.id === fiveYears.id) as ReminderItem & {
        cancelReason: string | null;
      };
      expect(cancelled).toMatchObject({
        status: 'cancelled',
        cancelReason: 'Died in custody on 24 April 2022',
      });
      for (const row of after.filter((r) => r.status === 'cancelled')) {
        expect((row as ReminderItem & { cancelReason: string | null }).cancelReason).toBe(
          'Died in custody on 24 April 2022',
        );
      }
    });
  });

  it('folds the same entries as the case page: the reminders read every field the detention history reads', async () => {
    t.clock.set('2022-06-01T00:00:00Z');
    const kase = await watchedCase();
    await addEvent(kase.id, {
      type: 'arrest',
      occurredOn: '2022-01-01',
      title: 'Arrested',
      custodyBasis: 'judicial',
    });
    await addEvent(kase.id, {
      type: 'bail_granted',
      occurredOn: '2022-02-01',
      precision: 'month',
      periodPosition: 'start',
      title: 'Bailed',
      bailConditions: ['travel_ban'],
      bailConditionsNote: 'Weekly reporting',
    });
    await addEvent(kase.id, { type: 'bail_revoked', occurredOn: '2022-03-10', title: 'Re-arrested' });
    await addEvent(kase.id, {
      type: 'sentence',
      occurredOn: '2022-05-02',
      title: 'Sentenced',
      sentenceTerm: 'P2Y6M',
      sentenceStartsOn: '2022-01-01',
      creditForCustody: false,
    });
    await addEvent(kase.id, {
      type: 'hunger_strike',
      occurredOn: '2022-05-03',
      title: 'Strike',
      endedOn: '2022-05-20',
    });
    await addOrder(kase.id, { orderedOn: '2022-03-10', days: 30, visibility: 'internal' });
    const byId = <T extends { id: string }>(items: T[]) =>
      [...items].sort((a, b) => a.id.localeCompare(b.id));
    const page = (await detentionInputs(t.dataSource.manager, [kase.id], VISIBILITIES)).get(kase.id)!;
    const context = (await loadCaseContext(t.dataSource.manager, kase.id, t.clock.now()))!;
    const withoutNulls = (row: object) =>
      Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null && v !== undefined));
    expect(byId(context.plan.events).map(withoutNulls)).toEqual(byId(page.events).map(withoutNulls));
    expect(context.detention).toEqual(deriveDetention(page, context.plan.today));
  });

  describe('the weekly digest', () => {
    it('states where each watched case stands, in the reader’s language', async () => {
      const user = await t.createUser('caseworker');
      await t.dataSource.query(
        `UPDATE users SET timezone = 'America/New_York', language = 'es' WHERE id = $1`,
        [user.id],
      );
      // Monday 1 March 2027, 08:00 in New York is 13:00 UTC; the digest is due 5 s after "now".
      t.clock.set('2027-03-01T12:59:55Z');
      const kase = await makeCase(t.dataSource, { arrestedOn: null, detentionStatus: 'not_detained' });
      await addEvent(kase.id, { type: 'arrest', occurredOn: '2022-02-24', title: 'Arrested' });
      await addEvent(kase.id, { type: 'death_in_custody', occurredOn: '2022-04-24', title: 'Died' });
      await api()
        .post(`/api/cases/${kase.id}/watchers`)
        .set(caseworker())
        .send({ userId: user.id })
        .expect(200);
      const [digest] = (
        await api()
          .get('/api/reminders?kind=weekly_digest&status=pending&limit=200')
          .set(bearer(user))
          .expect(200)
      ).body.items as ReminderItem[];
      expect(digest).toMatchObject({ dueAt: '2027-03-01T13:00:00.000Z' });
      const mail = await waitForMail(digest.id);
      expect(bodyText(mail)).toContain('Murió bajo custodia el 24 de abril de 2022');
    });
  });

  describe('custody orders', () => {
    it('reminds before the earlier of days and the stated end, and when no order follows', async () => {
      t.clock.set('2022-01-05T00:00:00Z');
      const kase = await watchedCase();
      await addEvent(kase.id, {
        type: 'arrest',
        occurredOn: '2022-01-01',
        title: 'Arrested',
        custodyBasis: 'judicial',
      });
      // 30 days from 2 January is 1 February; the order says 25 January.
      const order = await addOrder(kase.id, { orderedOn: '2022-01-02', days: 30, until: '2022-01-25' });
      const planned = await reminders(kase.id, '&status=pending');
      expect(ofKind(planned, 'custody_ending').map((r) => [r.offset, r.dueAtLocal, r.subjectId])).toEqual([
        ['P3D', '2022-01-22T09:00:00', order.id],
        ['P1D', '2022-01-24T09:00:00', order.id],
      ]);
      expect(ofKind(planned, 'no_custody_order').map((r) => [r.dueAtLocal, r.subjectId])).toEqual([
        ['2022-01-26T09:00:00', order.id],
      ]);

      // The order lapses with none after it: the reminder goes out the next morning.
      const lapsed = await watchedCase();
      t.clock.set('2022-01-26T03:29:55Z');
      await addEvent(lapsed.id, {
        type: 'arrest',
        occurredOn: '2022-01-01',
        title: 'Arrested',
        custodyBasis: 'judicial',
      });
      await addOrder(lapsed.id, { orderedOn: '2022-01-02', days: 30, until: '2022-01-25' });
      const [noOrder] = ofKind(await reminders(lapsed.id, '&status=pending'), 'no_custody_order');
      expect(noOrder).toMatchObject({ dueAt: '2022-01-26T03:30:00.000Z' });
      const mail = await waitForMail(noOrder.id);
      expect(mail.subject).toMatch(/^No custody order in force: .* — the last one ended on 25 Jan 2022$/);
    });
  });

  describe('a hearing whose time is not known', () => {
    it('is reminded at 09:00 in the court zone and chased at 18:00 on its day; no mail says 00:00', async () => {
      const kase = await watchedCase();
      // 08:59:55 in New Delhi: the day-before reminder of a hearing on 16 January is 5 s away.
      t.clock.set('2026-01-15T03:29:55Z');
      const hearing = (
        await api()
          .post(`/api/cases/${kase.id}/hearings`)
          .set(caseworker())
          .send({ scheduledAt: '2026-01-16', court: 'NIA Special Court, New Delhi' })
          .expect(201)
      ).body as { id: string };
      const planned = (await reminders(kase.id)).filter((r) => r.subjectId === hearing.id);
      expect(planned.map((r) => [r.kind, r.offset, r.dueAtLocal, r.status])).toEqual([
        ['hearing_upcoming', 'P7D', '2026-01-09T09:00:00', 'skipped'],
        ['hearing_upcoming', 'P1D', '2026-01-15T09:00:00', 'pending'],
        ['hearing_upcoming', 'PT2H', '2026-01-16T09:00:00', 'pending'],
        ['outcome_missing', 'N1', '2026-01-16T18:00:00', 'pending'],
        ['outcome_missing', 'N2', '2026-01-17T18:00:00', 'pending'],
        ['outcome_missing', 'N3', '2026-01-18T18:00:00', 'pending'],
      ]);
      for (const reminder of planned) {
        expect(reminder.title).not.toMatch(MIDNIGHT);
      }

      // The pages that show the hearing or its reminders show its day alone.
      const web = await signInToWeb(t, t.users.caseworker);
      for (const path of [
        '/',
        `/cases/${kase.id}`,
        `/settings/cases/${kase.id}`,
        `/hearings/${hearing.id}/outcome`,
      ]) {
        const page = await web.agent.get(path).expect(200);
        expect([path, page.text]).not.toEqual([path, expect.stringMatching(MIDNIGHT)]);
        expect(page.text).toMatch(/16 Jan(uary)? 2026/);
      }

      const dayBefore = planned[1];
      const mail = await waitForMail(dayBefore.id);
      expect(mail.subject).toMatch(/^Hearing tomorrow: /);
      expect(mail.subject).toMatch(/ — NIA Special Court, New Delhi, 16 Jan 2026$/);
      expect(bodyText(mail)).toContain('DTSTART;VALUE=DATE:20260116');
      expect(`${mail.subject}\n${bodyText(mail)}`).not.toMatch(MIDNIGHT);

      // On the evening of the hearing day, with no outcome logged, the chase goes out.
      const other = await watchedCase();
      t.clock.set('2026-01-16T12:29:55Z'); // 17:59:55 in New Delhi
      const today = (
        await api()
          .post(`/api/cases/${other.id}/hearings`)
          .set(caseworker())
          .send({ scheduledAt: '2026-01-16', court: 'NIA Special Court, New Delhi' })
          .expect(201)
      ).body as { id: string };
      const chase = (await reminders(other.id, '&kind=outcome_missing')).find(
        (r) => r.subjectId === today.id && r.offset === 'N1',
      ) as ReminderItem;
      expect(chase).toMatchObject({ status: 'pending', dueAt: '2026-01-16T12:30:00.000Z' });
      const chased = await waitForMail(chase.id);
      expect(chased.subject).toMatch(
        /^Hearing outcome missing: .* — NIA Special Court, New Delhi, 16 Jan 2026$/,
      );
      expect(`${chased.subject}\n${bodyText(chased)}`).not.toMatch(MIDNIGHT);
    });

    it('replaces the midnight reminders a day-only hearing had before, with exactly what is planned now', async () => {
      const kase = await watchedCase();
      // Far ahead: the migration has no injected clock and compares with the database's now().
      t.clock.set('2099-01-10T00:00:00Z');
      const hearing = (
        await api()
          .post(`/api/cases/${kase.id}/hearings`)
          .set(caseworker())
          .send({ scheduledAt: '2099-01-20', court: 'NIA Special Court, New Delhi' })
          .expect(201)
      ).body as { id: string };
      const planned = (await reminders(kase.id, '&status=pending')).map((r) => [
        r.kind,
        r.offset,
        r.dueAtLocal,
      ]);
      // Rows as the old rule wrote them: midnight less the offset, chases 12 hours after midnight.
      await t.dataSource.query(
        `UPDATE reminders SET
           dedupe_key = CASE kind WHEN 'hearing_upcoming' THEN 'hearing:' ELSE 'outcome:' END || subject_id || ':' || "offset"
                        || ':' || to_char(subject_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
           due_at = CASE kind WHEN 'hearing_upcoming' THEN subject_at - "offset"::interval
                    ELSE subject_at + interval '12 hours' + (substr("offset", 2)::int - 1) * interval '1 day' END,
           title = CASE kind WHEN 'outcome_missing' THEN title || ' 00:00 IST' ELSE title END
         WHERE subject_id = $1`,
        [hearing.id],
      );
      const runner = t.dataSource.createQueryRunner();
      try {
        await new DayOnlyHearingReminders1796160000000().up(runner);
      } finally {
        await runner.release();
      }
      const after = await reminders(kase.id, '&status=pending');
      expect(after.map((r) => [r.kind, r.offset, r.dueAtLocal])).toEqual(planned);
      expect(after.every((r) => !MIDNIGHT.test(r.title))).toBe(true);
      // The next re-plan finds every row it wants already there: the keys are the planner's.
      await api()
        .patch(`/api/hearings/${hearing.id}`)
        .set(caseworker())
        .send({ judge: 'A. Judge' })
        .expect(200);
      expect((await reminders(kase.id, '&status=pending')).map((r) => r.id)).toEqual(after.map((r) => r.id));
    });
  });
});
