import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { QueueName } from '../src/reminders/reminder-queue';
import { makeCase, makeDefender } from './factories/cases';
import { waitForJobEnd } from './support/jobs';
import { TestSmtp } from './support/smtp';
import { bearer, TestApp } from './support/test-app';
import { startMailingApp, stopMailingApp } from './support/mailing-app';
import { startTestWorker, TestWorker } from './support/worker';
import { limitBody } from './factories/statutory-limits';

// The reminders API, the email as it arrives over SMTP, the digest, statutory limits and operations.

jest.setTimeout(60_000);

interface ReminderItem {
  id: string;
  kind: string;
  title: string;
  subjectId: string | null;
  offset: string;
  dueAt: string;
  dueAtLocal: string;
  status: string;
  messageId: string | null;
  recipients: { type: string; name: string; email?: string; language: string; messageId?: string | null }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('reminders API and email', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let worker: TestWorker;
  let queue: Queue;

  beforeAll(async () => {
    ({
      smtp,
      app: t,
      worker,
    } = await startMailingApp({
      now: '2026-01-15T09:00:00Z',
      env: { MAIL_FROM: 'Vigil <vigil@ngo.example>' },
    }));
    queue = t.app.get<Queue>(getQueueToken(QueueName.Reminders));
  });
  afterAll(() => stopMailingApp({ worker, app: t, smtp }));

  const api = () => t.http();
  const admin = () => bearer(t.users.admin);
  const caseworker = () => bearer(t.users.caseworker);
  const viewer = () => bearer(t.users.viewer);

  const reminders = async (query: string, as = caseworker()): Promise<ReminderItem[]> =>
    (await api().get(`/api/reminders?limit=200&${query}`).set(as).expect(200)).body.items;

  const mailFor = (reminderId: string) =>
    smtp.messages.filter((m) => m.messageId.startsWith(`<${reminderId}.`));

  async function waitForSent(id: string, as = admin(), timeoutMs = 15_000): Promise<ReminderItem> {
    const started = Date.now();
    for (;;) {
      const [row] = (await reminders('status=sent', as)).filter((r) => r.id === id);
      if (row) {
        return row;
      }
      if (Date.now() - started > timeoutMs) {
        throw new Error(`Reminder ${id} was not sent`);
      }
      await sleep(200);
    }
  }

  it('lets admins read and change the global policy, which reschedules pending reminders', async () => {
    const kase = await makeCase(t.dataSource, { arrestedOn: null });
    await api()
      .post(`/api/cases/${kase.id}/hearings`)
      .set(caseworker())
      .send({ scheduledAt: '2026-03-10T10:30' })
      .expect(201);
    const policy = (await api().get('/api/settings/reminders').set(admin()).expect(200)).body;
    expect(policy).toEqual({
      hearingOffsets: ['P7D', 'P1D', 'PT2H'],
      custodyOffsets: ['P3D', 'P1D'],
      statutoryOffsets: ['P14D', 'P3D'],
      milestoneDays: [30, 100, 150, 365],
      milestonesYearly: true,
      sentenceOffsets: ['P30D', 'P7D'],
      releaseOverdueAfter: 'P1D',
      releaseOverdueEvery: 'P7D',
      noOrderAfter: 'P1D',
      hungerStrikeDays: [7, 14, 21, 30],
      fallbackEmail: null,
    });
    await api().get('/api/settings/reminders').set(caseworker()).expect(403);
    await api().put('/api/settings/reminders').set(caseworker()).send(policy).expect(403);

    const bad = await api()
      .put('/api/settings/reminders')
      .set(admin())
      .send({ ...policy, hearingOffsets: ['7D'], milestoneDays: [0], noOrderAfter: 'soon', extra: true })
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['hearingOffsets', 'milestoneDays', 'noOrderAfter', 'extra']),
    );

    await api()
      .put('/api/settings/reminders')
      .set(admin())
      .send({ ...policy, hearingOffsets: ['P2D'] })
      .expect(200);
    const rows = await reminders(`caseId=${kase.id}&kind=hearing_upcoming`);
    expect(rows.filter((r) => r.status === 'pending').map((r) => [r.offset, r.dueAtLocal])).toEqual([
      ['P2D', '2026-03-08T10:30:00'],
    ]);
    expect(
      rows
        .filter((r) => r.status === 'cancelled')
        .map((r) => r.offset)
        .sort(),
    ).toEqual(['P1D', 'P7D', 'PT2H']);
    await api().put('/api/settings/reminders').set(admin()).send(policy).expect(200);
    const audit = await api().get('/api/audit?entity=reminder_settings').set(admin()).expect(200);
    expect(audit.body.total).toBe(2);
  });

  it('overrides the policy per case and falls back to the global one when cleared', async () => {
    const kase = await makeCase(t.dataSource, { arrestedOn: null });
    await api()
      .post(`/api/cases/${kase.id}/hearings`)
      .set(caseworker())
      .send({ scheduledAt: '2026-03-10T10:30' })
      .expect(201);
    await api()
      .put(`/api/cases/${kase.id}/reminder-policy`)
      .set(viewer())
      .send({ hearingOffsets: ['PT1M'] })
      .expect(403);
    await api()
      .put(`/api/cases/${kase.id}/reminder-policy`)
      .set(caseworker())
      .send({ hearingOffsets: ['soon'] })
      .expect(400);
    const set = await api()
      .put(`/api/cases/${kase.id}/reminder-policy`)
      .set(caseworker())
      .send({ hearingOffsets: ['PT1M'] })
      .expect(200);
    expect(set.body.override).toEqual({ hearingOffsets: ['PT1M'] });
    expect(set.body.effective.custodyOffsets).toEqual(['P3D', 'P1D']);
    let pending = await reminders(`caseId=${kase.id}&kind=hearing_upcoming&status=pending`);
    expect(pending.map((r) => r.offset)).toEqual(['PT1M']);

    const cleared = await api()
      .put(`/api/cases/${kase.id}/reminder-policy`)
      .set(caseworker())
      .send({})
      .expect(200);
    expect(cleared.body.override).toEqual({});
    pending = await reminders(`caseId=${kase.id}&kind=hearing_upcoming&status=pending`);
    expect(pending.map((r) => r.offset)).toEqual(['P7D', 'P1D', 'PT2H']);
    await api()
      .put(`/api/cases/00000000-0000-4000-8000-000000000000/reminder-policy`)
      .set(caseworker())
      .send({})
      .expect(404);
  });

  it('a hearing minutes ahead with PT1M: exactly one email at the right minute, in each language, none after rescheduling', async () => {
    const defender = await makeDefender(t.dataSource, { fullName: 'Khurram Parvez' });
    const kase = await makeCase(t.dataSource, { defenderId: defender.id, arrestedOn: '2021-11-22' });
    await api().post(`/api/cases/${kase.id}/watchers`).set(caseworker()).send({}).expect(200);
    const watcher = await t.createUser('caseworker');
    await api()
      .post(`/api/cases/${kase.id}/watchers`)
      .set(caseworker())
      .send({ userId: watcher.id, muted: true })
      .expect(200);
    await api().post(`/api/cases/${kase.id}/watchers`).set(viewer()).send({ userId: watcher.id }).expect(403);
    await api()
      .post(`/api/cases/${kase.id}/recipients`)
      .set(caseworker())
      .send({ name: 'Адвокат', email: 'Counsel@Example.ORG', language: 'ru' })
      .expect(201);
    await api()
      .post(`/api/cases/${kase.id}/recipients`)
      .set(caseworker())
      .send({ name: 'محامية', email: 'lawyer-ar@example.org', language: 'ar' })
      .expect(201);
    await api()
      .post(`/api/cases/${kase.id}/recipients`)
      .set(caseworker())
      .send({ name: 'x', email: 'nope' })
      .expect(400);
    await api()
      .put(`/api/cases/${kase.id}/reminder-policy`)
      .set(caseworker())
      .send({ hearingOffsets: ['PT1M'] })
      .expect(200);

    // 10:30 in Kolkata is 05:00 UTC; PT1M before it is due 5 s after "now".
    t.clock.set('2026-07-06T04:58:55Z');
    const plannedFrom = Date.now();
    await api()
      .post(`/api/cases/${kase.id}/hearings`)
      .set(caseworker())
      .send({ scheduledAt: '2026-07-06T10:30', court: 'NIA Special Court, New Delhi' })
      .expect(201);
    const plannedBy = Date.now();
    const [due] = await reminders(`caseId=${kase.id}&kind=hearing_upcoming&status=pending`);
    expect(due).toMatchObject({
      offset: 'PT1M',
      dueAt: '2026-07-06T04:59:00.000Z',
      dueAtLocal: '2026-07-06T10:29:00',
    });
    expect(due.recipients.map((r) => [r.type, r.email, r.language])).toEqual([
      ['recipient', 'counsel@example.org', 'ru'],
      ['recipient', 'lawyer-ar@example.org', 'ar'],
      ['user', 'caseworker@example.org', 'en'],
    ]);
    const asViewer = (await reminders(`caseId=${kase.id}&kind=hearing_upcoming`, viewer()))[0];
    expect(asViewer.recipients.every((r) => r.email === undefined)).toBe(true);

    const sent = await waitForSent(due.id);
    expect((await waitForJobEnd(queue, due.id)).returnvalue).toBe('sent');
    const mails = mailFor(due.id);
    expect(mails).toHaveLength(3); // the muted watcher gets nothing
    // At the right minute: its due time was 5 s after the clock's "now" when it was planned, so
    // each message arrives 5 s after the hearing was saved, not earlier and not much later.
    for (const mail of mails) {
      expect(mail.receivedAt).toBeGreaterThanOrEqual(plannedFrom + 5000);
      expect(mail.receivedAt).toBeLessThan(plannedBy + 5000 + 4000);
    }
    const english = mails.find((m) => m.to.includes('caseworker@example.org'));
    const russian = mails.find((m) => m.to.includes('counsel@example.org'));
    expect(english?.subject).toBe(
      'Hearing in 1 minute: Khurram Parvez — NIA Special Court, New Delhi, 6 Jul 2026 10:30 IST',
    );
    expect(russian?.subject).toBe(
      'Заседание через 1 минуту: Khurram Parvez — NIA Special Court, New Delhi, 6 июл. 2026 10:30 IST',
    );
    const arabic = mails.find((m) => m.to.includes('lawyer-ar@example.org'));
    expect(arabic?.subject).toBe(
      'جلسة خلال دقيقة واحدة: Khurram Parvez — NIA Special Court, New Delhi, 6 يوليو 2026 10:30 IST',
    );
    for (const mail of mails) {
      expect(mail.header('References')).toBe(`<case-${kase.id}@ngo.example>`);
      expect(mail.header('In-Reply-To')).toBe(`<case-${kase.id}@ngo.example>`);
      expect(mail.raw).toMatch(/Content-Type: text\/plain/);
      expect(mail.raw).toMatch(/Content-Type: text\/html/);
      expect(mail.raw).toMatch(/Content-Type: text\/calendar/);
      expect(mail.from).toBe('vigil@ngo.example');
    }
    expect(sent.messageId).toMatch(new RegExp(`^<${due.id}\\..+@ngo\\.example>$`));
    expect(sent.recipients.map((r) => r.messageId).sort()).toEqual(mails.map((m) => m.messageId).sort());

    // Another hearing, rescheduled while its reminder (due in 10 s) is still pending: the new time
    // gets its own reminder, and the old one's job, once it has run, has mailed nothing.
    t.clock.set('2026-07-13T04:58:50Z');
    const moved = (
      await api()
        .post(`/api/cases/${kase.id}/hearings`)
        .set(caseworker())
        .send({ scheduledAt: '2026-07-13T10:30', court: 'NIA Special Court, New Delhi' })
        .expect(201)
    ).body;
    const [old] = await reminders(`caseId=${kase.id}&kind=hearing_upcoming&status=pending`);
    expect(old).toMatchObject({ subjectId: moved.id, dueAt: '2026-07-13T04:59:00.000Z' });
    await api()
      .patch(`/api/hearings/${moved.id}`)
      .set(caseworker())
      .send({ scheduledAt: '2026-07-20T10:30' })
      .expect(200);
    const all = await reminders(`caseId=${kase.id}&kind=hearing_upcoming`);
    expect(all.find((r) => r.id === old.id)?.status).toBe('cancelled');
    expect(all.filter((r) => r.status === 'pending').map((r) => [r.subjectId, r.dueAtLocal])).toEqual([
      [moved.id, '2026-07-20T10:29:00'],
    ]);
    expect((await waitForJobEnd(queue, old.id)).returnvalue).toBe('not-pending');
    expect(mailFor(old.id)).toHaveLength(0);
    expect(mailFor(due.id)).toHaveLength(3);
  });

  it('lists reminders with filters and refuses bad ones with a problem per field', async () => {
    const kase = await makeCase(t.dataSource, { arrestedOn: null });
    t.clock.set('2026-01-15T09:00:00Z');
    await api()
      .post(`/api/cases/${kase.id}/hearings`)
      .set(caseworker())
      .send({ scheduledAt: '2026-03-10T10:30' })
      .expect(201);
    const window = await reminders(`caseId=${kase.id}&from=2026-03-09T00:00:00Z&to=2026-03-10T06:00:00Z`);
    expect(window.map((r) => r.offset)).toEqual(['P1D', 'PT2H']);
    const paged = await api()
      .get(`/api/reminders?caseId=${kase.id}&limit=2&offset=1`)
      .set(viewer())
      .expect(200);
    expect(paged.body).toMatchObject({ total: 6, limit: 2, offset: 1 });
    const bad = await api()
      .get('/api/reminders?status=lost&kind=x&from=yesterday&caseId=1')
      .set(viewer())
      .expect(400);
    expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual([
      'caseId',
      'from',
      'kind',
      'status',
    ]);
    await api().post('/api/reminders/not-a-uuid/retry').set(caseworker()).expect(400);
    await api()
      .post('/api/reminders/00000000-0000-4000-8000-000000000000/retry')
      .set(caseworker())
      .expect(404);
  });

  it('removes watchers and recipients, each change audited', async () => {
    const kase = await makeCase(t.dataSource, { arrestedOn: null });
    await api().post(`/api/cases/${kase.id}/watchers`).set(viewer()).send({}).expect(200);
    const added = await api()
      .post(`/api/cases/${kase.id}/recipients`)
      .set(caseworker())
      .send({ name: 'Family', email: 'family@example.org', language: 'fr' })
      .expect(201);
    await api().get(`/api/cases/${kase.id}/recipients`).set(viewer()).expect(403);
    expect((await api().get(`/api/cases/${kase.id}/watchers`).set(viewer()).expect(200)).body).toEqual([
      { userId: t.users.viewer.id, name: 'Test viewer', muted: false },
    ]);
    await api().delete(`/api/cases/${kase.id}/watchers/${t.users.viewer.id}`).set(viewer()).expect(204);
    await api().delete(`/api/cases/${kase.id}/recipients/${added.body.id}`).set(caseworker()).expect(204);
    await api().delete(`/api/cases/${kase.id}/recipients/${added.body.id}`).set(caseworker()).expect(404);
    expect((await api().get(`/api/cases/${kase.id}/recipients`).set(caseworker()).expect(200)).body).toEqual(
      [],
    );
    const audit = await api().get('/api/audit?entity=case_recipient').set(admin()).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['create', 'delete']),
    );
  });

  it('mails a weekly digest on Monday 08:00 in the user zone, listing the next two weeks (muted cases too), and plans the next', async () => {
    const user = await t.createUser('caseworker');
    await t.dataSource.query(
      `UPDATE users SET timezone = 'America/New_York', language = 'es' WHERE id = $1`,
      [user.id],
    );
    const kase = await makeCase(t.dataSource, { arrestedOn: null });
    // Muting a case stops its reminders, not its place in the digest (README, "Who gets them").
    const mutedCase = await makeCase(t.dataSource, { arrestedOn: null });
    const mutedOnly = await t.createUser('caseworker');
    // Monday 2 March 2026, 08:00 in New York is 13:00 UTC; the digest is due 5 s after "now".
    t.clock.set('2026-03-02T12:59:55Z');
    await api()
      .post(`/api/cases/${kase.id}/hearings`)
      .set(caseworker())
      .send({ scheduledAt: '2026-03-10T10:30' })
      .expect(201);
    await api()
      .post(`/api/cases/${mutedCase.id}/hearings`)
      .set(caseworker())
      .send({ scheduledAt: '2026-03-12T15:45' })
      .expect(201);
    await api()
      .post(`/api/cases/${kase.id}/watchers`)
      .set(caseworker())
      .send({ userId: user.id })
      .expect(200);
    for (const watcher of [user, mutedOnly]) {
      await api()
        .post(`/api/cases/${mutedCase.id}/watchers`)
        .set(caseworker())
        .send({ userId: watcher.id, muted: true })
        .expect(200);
    }
    // Someone who watches only muted cases still has a digest planned.
    expect(await reminders('kind=weekly_digest&status=pending', bearer(mutedOnly))).toHaveLength(1);
    const [digest] = await reminders('kind=weekly_digest&status=pending', bearer(user));
    expect(digest).toMatchObject({ dueAt: '2026-03-02T13:00:00.000Z', dueAtLocal: '2026-03-02T08:00:00' });
    // Someone else's digest is not listed to a caseworker (only to its owner and admins).
    const others = await reminders('kind=weekly_digest', caseworker());
    expect(others.some((r) => r.id === digest.id)).toBe(false);
    expect((await reminders('kind=weekly_digest', admin())).some((r) => r.id === digest.id)).toBe(true);

    await waitForSent(digest.id);
    const [mail] = mailFor(digest.id);
    expect(mail.to).toEqual([user.email]);
    expect(mail.subject).toBe('Vigil: las próximas dos semanas (2)');
    expect(mail.raw).toContain('10 mar 2026 10:30 IST');
    expect(mail.raw).toContain('12 mar 2026 15:45 IST');
    // The next digest is planned once the sent one is recorded, in a transaction of its own.
    let following: ReminderItem[] = [];
    for (const started = Date.now(); following.length === 0 && Date.now() - started < 10_000;) {
      following = await reminders('kind=weekly_digest&status=pending', bearer(user));
      await sleep(100);
    }
    expect(following.map((next) => next.dueAtLocal)).toEqual(['2026-03-09T08:00:00']);
  });

  it('keeps a statutory-limits table admins edit, shows each case its limits with the days left, and reminds before them', async () => {
    const limits = (await api().get('/api/statutory-limits').set(viewer()).expect(200)).body;
    expect(limits.map((l: { reference: string }) => l.reference)).toEqual(
      expect.arrayContaining([
        'UAPA s.43D(2)',
        'CrPC s.167(2)(a)(i)',
        'CrPC s.167(2)(a)(ii)',
        'J&K PSA s.18(1)(a)',
        'Thai CPC s.87 (10 years or more)',
        'Egypt CCP art. 143 (death or life)',
        'Algeria CPP art. 125 (délit)',
      ]),
    );
    const kase = await makeCase(t.dataSource, { arrestedOn: '2026-01-01' });
    t.clock.set('2026-01-15T09:00:00Z');
    await api()
      .post(`/api/cases/${kase.id}/charges`)
      .set(caseworker())
      .send({ law: 'Unlawful Activities (Prevention) Act 1967', section: '18B', status: 'alleged' })
      .expect(201);
    const states = (await api().get(`/api/cases/${kase.id}/statutory-limits`).set(viewer()).expect(200)).body;
    const uapa = states.find((s: { reference: string }) => s.reference === 'UAPA s.43D(2)');
    expect(uapa).toMatchObject({
      state: 'running',
      dueOn: '2026-04-01',
      daysLeft: 76,
      lastDay: '2026-06-30',
    });
    const statutory = await reminders(`caseId=${kase.id}&kind=statutory_limit&status=pending`);
    expect(
      statutory.find(
        (r) =>
          r.title ===
          `Statutory limit in 14 days: ${r.title.split(': ')[1].split(' — ')[0]} — UAPA s.43D(2), 1 Apr 2026`,
      ),
    ).toBeDefined();

    const body = limitBody(60, {
      country: 'BY',
      lawPattern: 'Criminal Code',
      reference: 'CPC art. 127',
      description: 'Custody limit',
    });
    await api().post('/api/statutory-limits').set(caseworker()).send(body).expect(403);
    const refused = await api()
      .post('/api/statutory-limits')
      .set(admin())
      .send({
        ...body,
        country: 'by',
        periods: [{ length: 0, unit: 'weeks' }],
        stoppedBy: [],
        bases: ['prison'],
        citation: ' ',
        penaltyFrom: 'ten years',
      })
      .expect(400);
    for (const field of ['country', 'citation', 'bases', 'stoppedBy', 'penaltyFrom', 'periods']) {
      expect(JSON.stringify(refused.body)).toContain(field);
    }
    await api()
      .post('/api/statutory-limits')
      .set(admin())
      .send({ ...body, penaltyFrom: 'P10Y', penaltyBelow: 'P5Y' })
      .expect(400);
    const created = await api().post('/api/statutory-limits').set(admin()).send(body).expect(201);
    await api()
      .patch(`/api/statutory-limits/${created.body.id}`)
      .set(admin())
      .send({ periods: [{ length: 70, unit: 'days', renewedByCourt: true }] })
      .expect(200);

    // Switching the UAPA limit off withdraws its pending reminders.
    await api()
      .patch(`/api/statutory-limits/${uapa.limitId}`)
      .set(admin())
      .send({ active: false })
      .expect(200);
    const after = await reminders(`caseId=${kase.id}&kind=statutory_limit&status=pending`);
    expect(after.some((r) => r.title.includes('UAPA'))).toBe(false);
    await api()
      .patch(`/api/statutory-limits/${uapa.limitId}`)
      .set(admin())
      .send({ active: true })
      .expect(200);
  });

  it('serves the queue dashboard and the queue numbers to admins only', async () => {
    await api().get('/admin/queues').expect(401);
    await api().get('/admin/queues').set(caseworker()).expect(403);
    const page = await api().get('/admin/queues').set(admin()).expect(200);
    expect(page.text).toContain('<html');
    await api().get('/health/queue').expect(401);
    await api().get('/health/queue').set(caseworker()).expect(403);
    const queue = await api().get('/health/queue').set(admin()).expect(200);
    expect(queue.body).toEqual({
      queue: expect.objectContaining({ delayed: expect.any(Number), failed: expect.any(Number) }),
      reminders: expect.objectContaining({ pending: expect.any(Number), failed: expect.any(Number) }),
    });
    expect(queue.body.reminders.pending).toBeGreaterThan(0);
  });

  it('keeps nothing but ids in Redis: no names, addresses or case text', async () => {
    const queue = t.app.get<Queue>(getQueueToken(QueueName.Reminders));
    const jobs = await queue.getJobs(['delayed', 'waiting', 'completed']);
    expect(jobs.length).toBeGreaterThan(0);
    for (const job of jobs) {
      expect(Object.keys(job.data)).toEqual(['reminderId']);
    }
    const redis = new Redis(t.config.redisUrl);
    try {
      const dump: string[] = [];
      for (const key of await redis.keys(`${t.config.queuePrefix}:*`)) {
        const type = await redis.type(key);
        if (type === 'hash') {
          dump.push(JSON.stringify(await redis.hgetall(key)));
        } else if (type === 'string') {
          dump.push((await redis.get(key)) ?? '');
        }
      }
      const text = dump.join('\n');
      for (const secret of [
        'Khurram',
        'caseworker@example.org',
        'counsel@example.org',
        'NIA Special Court',
        'Адвокат',
      ]) {
        expect(text).not.toContain(secret);
      }
    } finally {
      await redis.quit();
    }
  });

  it('warns at start-up when Redis is not set to AOF with noeviction', async () => {
    const redis = new Redis(t.config.redisUrl);
    const [, appendonly] = (await redis.config('GET', 'appendonly')) as string[];
    const [, policy] = (await redis.config('GET', 'maxmemory-policy')) as string[];
    await redis.quit();
    const warnings: string[] = [];
    const quiet = () => undefined;
    const probe = await startTestWorker(t, {
      log: quiet,
      error: quiet,
      warn: (message: unknown) => warnings.push(String(message)),
    });
    await probe.close();
    const warned = warnings.some((w) => w.startsWith('Redis is not set up for durable queues'));
    expect(warned).toBe(!(appendonly === 'yes' && policy === 'noeviction'));
  });
});
