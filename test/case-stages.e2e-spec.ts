import { makeCase } from './factories/cases';
import { bodyText, ReceivedMail, TestSmtp } from './support/smtp';
import { bearer, TestApp } from './support/test-app';
import { signInToWeb } from './support/web-session';
import { startMailingApp, stopMailingApp } from './support/mailing-app';
import { TestWorker } from './support/worker';

// Issue 12's first worked example, in our own words: a journalist convicted at first instance in
// Toamasina appeals to the Court of Appeal of Antananarivo, which reduces her sentence. Real app,
// worker, PostgreSQL, Redis and SMTP; the clock moves with the story.

interface ReminderItem {
  id: string;
  kind: string;
  subjectId: string | null;
  offset: string;
  dueAtLocal: string;
  status: string;
}

jest.setTimeout(90_000);

const TRIBUNAL = 'Tribunal of First Instance of Toamasina';
const APPEAL_COURT = 'Court of Appeal of Antananarivo';

describe('stages of a case: a conviction, an appeal, a reduced sentence', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;

  beforeAll(async () => {
    ({
      smtp,
      app: t,
      worker,
    } = await startMailingApp({
      now: '2024-06-12T08:00:00Z',
      env: { REMINDER_BACKOFF_MS: '200' },
    }));
  });
  afterAll(() => stopMailingApp({ worker, app: t, smtp }));

  const api = () => t.http();
  const caseworker = () => bearer(t.users.caseworker);

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

  const caseView = async (caseId: string, as = t.users.caseworker) =>
    (await api().get(`/api/cases/${caseId}`).set(bearer(as)).expect(200)).body;

  const reminders = async (caseId: string, kind: string): Promise<ReminderItem[]> =>
    (
      (await api().get(`/api/reminders?caseId=${caseId}&limit=200`).set(caseworker()).expect(200)).body
        .items as ReminderItem[]
    ).filter((reminder) => reminder.kind === kind);

  async function waitForMail(reminderId: string): Promise<ReceivedMail> {
    for (let waited = 0; waited < 20_000; waited += 100) {
      const mail = smtp.messages.find((m) => m.messageId.startsWith(`<${reminderId}.`));
      if (mail) {
        return mail;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`No mail for reminder ${reminderId}`);
  }

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

  async function journalistCase() {
    const kase = await makeCase(t.dataSource, {
      title: 'Reporting on the port concession',
      country: 'MG',
      timezone: 'Indian/Antananarivo',
      court: TRIBUNAL,
      arrestedOn: null,
      detentionStatus: 'not_detained',
    });
    await api().post(`/api/cases/${kase.id}/watchers`).set(caseworker()).send({}).expect(200);
    return kase;
  }

  it('reads on the case page, in the API, the exports, the reminders and the emails at every step', async () => {
    const kase = await journalistCase();
    await addEvent(kase.id, { type: 'arrest', occurredOn: '2024-06-10', title: 'Arrested at the newsroom' });
    expect((await caseView(kase.id)).status).toBe('under_investigation');

    // The trial opens in Toamasina; the hearing is put in the first instance.
    t.clock.set('2024-09-20T08:00:00Z');
    await api()
      .post(`/api/cases/${kase.id}/hearings`)
      .set(caseworker())
      .send({ scheduledAt: '2024-09-16', stage: 'first_instance', purpose: 'Opening of the trial' })
      .expect(201);
    expect((await caseView(kase.id)).status).toBe('on_trial');

    // Convicted and sentenced to three years, with ten days to appeal; recorded a few days later, just
    // before the first reminder falls due (09:00 in Antananarivo, 06:00 UTC).
    t.clock.set('2025-02-27T05:59:55Z');
    const conviction = await addEvent(kase.id, {
      type: 'conviction',
      occurredOn: '2025-02-24',
      title: 'Convicted of spreading false news',
      court: TRIBUNAL,
      appealDeadline: '2025-03-06',
    });
    const firstSentence = await addEvent(kase.id, {
      type: 'sentence',
      occurredOn: '2025-02-24',
      title: 'Sentenced to three years',
      sentenceTerm: 'P3Y',
    });
    const convicted = await caseView(kase.id);
    expect(convicted.status).toBe('convicted');
    expect(convicted.custodyClock.sentence).toMatchObject({ term: 'P3Y', expectedReleaseOn: '2027-06-10' });
    const deadlines = await reminders(kase.id, 'appeal_deadline');
    expect(deadlines.map((r) => [r.offset, r.dueAtLocal, r.status, r.subjectId])).toEqual([
      ['P7D', '2025-02-27T09:00:00', 'pending', conviction.id],
      ['P1D', '2025-03-05T09:00:00', 'pending', conviction.id],
    ]);

    // Seven days before the deadline, the watcher is told, with the status as it stands.
    const mail = await waitForMail(deadlines[0].id);
    expect(mail.subject).toMatch(/^Appeal deadline in 7 days: .* — last day to appeal 6 Mar 2025$/);
    expect(bodyText(mail)).toContain('Status: Convicted');

    // The appeal is filed in the capital: on appeal, and the last-day reminder is no longer wanted.
    t.clock.set('2025-03-03T10:00:00Z');
    const filing = await addEvent(kase.id, {
      type: 'appeal_filed',
      occurredOn: '2025-03-03',
      title: 'Defence files an appeal',
      court: APPEAL_COURT,
    });
    const onAppeal = await caseView(kase.id);
    expect(onAppeal.status).toBe('on_appeal');
    expect(onAppeal.stages.current).toMatchObject({
      kind: 'appeal',
      court: APPEAL_COURT,
      from: '2025-03-03',
      openedBy: filing.id,
      decision: null,
    });
    expect(onAppeal.stages.appealDeadlines).toEqual([
      expect.objectContaining({ entryId: conviction.id, deadline: '2025-03-06', answeredBy: filing.id }),
    ]);
    expect((await reminders(kase.id, 'appeal_deadline')).map((r) => [r.offset, r.status])).toEqual([
      ['P7D', 'sent'],
      ['P1D', 'cancelled'],
    ]);
    const listed = await api().get('/api/cases?status=on_appeal').set(caseworker()).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).toContain(kase.id);
    expect(await exported(kase.id, 'en')).toContain(
      '- **Stage:** On appeal at the Court of Appeal of Antananarivo since 3 March 2025',
    );
    expect(await exported(kase.id, 'fr')).toContain(
      'En appel (Court of Appeal of Antananarivo) depuis le 3 mars 2025',
    );
    const web = await signInToWeb(t, t.users.caseworker);
    const page = (await web.agent.get(`/cases/${kase.id}`).expect(200)).text;
    expect(page).toContain('<dt>Status</dt><dd>On appeal</dd>');
    expect(page).toMatch(
      /First instance, Tribunal of First Instance of Toamasina, from 16 September 2024:\s*convicted on 24 February 2025; appeal deadline 6 March 2025/,
    );
    expect(page).toMatch(/Appeal, Court of Appeal of Antananarivo, from 3 March 2025:\s*under way/);

    // The Court of Appeal reduces the sentence to two years: the release and its reminders follow.
    t.clock.set('2025-06-30T10:00:00Z');
    await addEvent(kase.id, {
      type: 'appeal_decision',
      occurredOn: '2025-06-30',
      title: 'Sentence reduced on appeal',
      court: APPEAL_COURT,
      decision: 'sentence_reduced',
    });
    const reduced = await addEvent(kase.id, {
      type: 'sentence',
      occurredOn: '2025-06-30',
      title: 'Two years instead of three',
      sentenceTerm: 'P2Y',
      stage: 'appeal',
    });
    const decided = await caseView(kase.id);
    expect(decided.status).toBe('convicted');
    expect(
      decided.stages.stages.map((s: { kind: string; decision: string | null }) => [s.kind, s.decision]),
    ).toEqual([
      ['investigation', null],
      ['first_instance', 'convicted'],
      ['appeal', 'sentence_reduced'],
    ]);
    expect(decided.custodyClock.sentence).toMatchObject({
      entryId: reduced.id,
      term: 'P2Y',
      expectedReleaseOn: '2026-06-10',
      replaces: [firstSentence.id],
    });
    const ending = await reminders(kase.id, 'sentence_ending');
    expect(
      ending.filter((r) => r.status === 'pending').map((r) => [r.offset, r.dueAtLocal, r.subjectId]),
    ).toEqual([
      ['P30D', '2026-05-11T09:00:00', reduced.id],
      ['P7D', '2026-06-03T09:00:00', reduced.id],
    ]);
    expect(
      ending.filter((r) => r.subjectId === firstSentence.id).every((r) => r.status === 'cancelled'),
    ).toBe(true);
    const summary = await exported(kase.id, 'en');
    expect(summary).toContain(
      '- **Stage:** Appeal: sentence reduced by the Court of Appeal of Antananarivo on 30 June 2025',
    );
    expect(summary).toContain('- **Detention:** Serving a 2-year sentence; expected release 10 June 2026');
    expect(await exported(kase.id, 'es')).toContain(
      'Apelación: pena reducida (Court of Appeal of Antananarivo) el 30 de junio de 2025',
    );
  });

  it('keeps an appeal recorded as confidential from viewers: status, lists and exports', async () => {
    t.clock.set('2025-03-10T10:00:00Z');
    const kase = await journalistCase();
    await addEvent(kase.id, { type: 'arrest', occurredOn: '2024-06-10', title: 'Arrested' });
    await addEvent(kase.id, {
      type: 'conviction',
      occurredOn: '2025-02-24',
      title: 'Convicted',
      court: TRIBUNAL,
    });
    await addEvent(kase.id, {
      type: 'appeal_filed',
      occurredOn: '2025-03-03',
      title: 'Appeal filed quietly',
      court: APPEAL_COURT,
      visibility: 'confidential',
    });
    expect((await caseView(kase.id)).status).toBe('on_appeal');
    const seen = await caseView(kase.id, t.users.viewer);
    expect(seen.status).toBe('convicted');
    expect(JSON.stringify(seen)).not.toContain(APPEAL_COURT);
    const listed = await api().get('/api/cases?status=on_appeal').set(bearer(t.users.viewer)).expect(200);
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(kase.id);
    const convictedList = await api()
      .get('/api/cases?status=convicted')
      .set(bearer(t.users.viewer))
      .expect(200);
    expect(convictedList.body.items.map((item: { id: string }) => item.id)).toContain(kase.id);
    const summary = await exported(kase.id, 'en');
    expect(summary).not.toContain(APPEAL_COURT);
    expect(summary).toContain(
      '- **Stage:** First instance: convicted by the Tribunal of First Instance of Toamasina on 24 February 2025',
    );
  });

  it('refuses an appeal decision without its decision, and a stage an appeal cannot open, writing nothing', async () => {
    const kase = await journalistCase();
    const response = await api()
      .post(`/api/cases/${kase.id}/events`)
      .set(caseworker())
      .send({
        type: 'appeal_decision',
        occurredOn: '2025-01-10',
        precision: 'day',
        visibility: 'public',
        description: 'Decided',
        sources: [],
        appealDeadline: '2025-01-01',
      })
      .expect(400);
    expect(response.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'appealDeadline',
      'decision',
    ]);
    const filed = await api()
      .post(`/api/cases/${kase.id}/events`)
      .set(caseworker())
      .send({
        type: 'appeal_filed',
        occurredOn: '2025-01-10',
        precision: 'day',
        visibility: 'public',
        description: 'Filed',
        sources: [],
        stage: 'first_instance',
        decision: 'upheld',
      })
      .expect(400);
    expect(filed.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['decision', 'stage']);
    const events = await api().get(`/api/cases/${kase.id}/events`).set(caseworker()).expect(200);
    expect(events.body.items.filter((e: { type: string }) => e.type.startsWith('appeal'))).toEqual([]);
  });
});
