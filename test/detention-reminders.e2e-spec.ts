import { DayOnlyHearingReminders1796160000000 } from '../migrations/1796160000000-DayOnlyHearingReminders';
import { makeCase } from './factories/cases';
import { ReceivedMail, startTestSmtp, TestSmtp } from './support/smtp';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { signInToWeb } from './support/web-session';
import { startTestWorker, TestWorker } from './support/worker';

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

/** The decoded text of every part of a message (headers of the message itself left out). */
function bodyText(mail: ReceivedMail): string {
  const body = mail.raw.slice(mail.raw.search(/\r?\n\r?\n/));
  return body
    .split(/\r?\n--[^\r\n]+/)
    .map((part) => {
      const [head, ...rest] = part.split(/\r?\n\r?\n/);
      const content = rest.join('\n\n');
      if (/Content-Transfer-Encoding: base64/i.test(head)) {
        return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8');
      }
      if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
        return Buffer.from(
          content
            .replace(/=\r?\n/g, '')
            .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        ).toString('utf8');
      }
      return content;
    })
    .join('\n');
}

describe('detention reminders', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp({
      now: '2026-01-15T03:00:00Z',
      env: { SMTP_URL: smtp.url, REMINDER_BACKOFF_MS: '200' },
    });
    worker = await startTestWorker(t);
  });
  afterAll(async () => {
    await worker.close();
    await t.close();
    await smtp.close();
  });

  const api = () => t.http();
  const caseworker = () => bearer(t.users.caseworker);

  async function watchedCase(overrides: Parameters<typeof makeCase>[1] = {}) {
    const kase = await makeCase(t.dataSource, { arrestedOn: null, ...overrides });
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
