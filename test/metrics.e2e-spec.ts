import { getQueueToken } from '@nestjs/bullmq';
import { Queue } from 'bullmq';
import { WorkerHeartbeat } from '../src/health/worker-heartbeat';
import { MetricsController } from '../src/metrics/metrics.controller';
import { Metrics } from '../src/metrics/metrics.service';
import { QueueName } from '../src/reminders/reminder-queue';
import { makeCase } from './factories/cases';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { startTestWorker } from './support/worker';

// GET /metrics as a Prometheus scraper reads it, after the api and a worker did some work.
describe('metrics', () => {
  let t: TestApp;
  const TOKEN = 'metrics-token-for-the-scraper-0123456789';

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-15T09:00:00Z', env: { METRICS_TOKEN: TOKEN } });
  });

  afterAll(() => t?.close());

  const scrape = async (): Promise<string> => {
    const response = await t.http().get('/metrics').set('Authorization', `Bearer ${TOKEN}`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return response.text;
  };
  /** The value of one sample, e.g. value(text, 'vigil_reminders{kind="hearing_upcoming",status="pending"}'). */
  const value = (text: string, sample: string): number | undefined => {
    const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
    return line === undefined ? undefined : Number(line.slice(sample.length + 1));
  };

  it('answers only the scraper holding METRICS_TOKEN, and is off without one', async () => {
    await t.http().get('/metrics').expect(401);
    await t.http().get('/metrics').set('Authorization', 'Bearer not-the-token').expect(401);
    // A user's token is not the metrics token.
    await t.http().get('/metrics').set(bearer(t.users.admin)).expect(401);
    await scrape();
    const off = new MetricsController(t.app.get(Metrics), { ...t.config, metricsToken: undefined });
    await expect(off.scrape(`Bearer ${TOKEN}`, {} as never)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('times requests per route pattern, and exports per format', async () => {
    const kase = await makeCase(t.dataSource);
    await t.http().get(`/api/cases/${kase.id}`).set(bearer(t.users.viewer)).expect(200);
    await t.http().get(`/api/cases/${kase.id}`).set(bearer(t.users.viewer)).expect(200);
    await t.http().get(`/api/cases/${kase.id}/chronology?format=csv`).set(bearer(t.users.viewer)).expect(200);
    const text = await scrape();
    expect(
      value(
        text,
        'vigil_http_request_duration_seconds_count{method="GET",route="/api/cases/:id",status="200"}',
      ),
    ).toBe(2);
    expect(value(text, 'vigil_export_duration_seconds_count{format="csv"}')).toBe(1);
    expect(value(text, 'vigil_export_duration_seconds_count{format="pdf"}')).toBeUndefined();
    expect(text).not.toContain(kase.id);
  });

  it('counts reminders by kind and status, and reconcile runs and restored jobs per worker', async () => {
    const kase = await makeCase(t.dataSource, { arrestedOn: null });
    await t
      .http()
      .post(`/api/cases/${kase.id}/hearings`)
      .set(bearer(t.users.caseworker))
      .send({ scheduledAt: '2026-03-10T10:30' })
      .expect(201);
    const [{ count }] = (await t.dataSource.query(
      `SELECT count(*)::int AS count FROM reminders WHERE kind = 'hearing_upcoming' AND status = 'pending'`,
    )) as { count: number }[];
    expect(count).toBe(3);
    let text = await scrape();
    expect(value(text, 'vigil_reminders{kind="hearing_upcoming",status="pending"}')).toBe(count);
    expect(value(text, 'vigil_workers_alive')).toBe(0);

    // Redis loses the jobs of every pending reminder; a worker starts, and its reconciler puts them back.
    const [{ pending }] = (await t.dataSource.query(
      `SELECT count(*)::int AS pending FROM reminders WHERE status = 'pending'`,
    )) as { pending: number }[];
    await t.app.get<Queue>(getQueueToken(QueueName.Reminders)).obliterate({ force: true });
    const worker = await startTestWorker(t);
    try {
      // Start-up runs a pass in the background; ours waits until that one has let go of the lock.
      while ((await worker.reconciler.reconcile()) === null) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const heartbeat = worker.context.get(WorkerHeartbeat);
      await heartbeat.beat();
      text = await scrape();
      expect(value(text, 'vigil_workers_alive')).toBe(1);
      expect(
        value(text, `vigil_reconcile_runs_total{worker="${heartbeat.workerId}"}`),
      ).toBeGreaterThanOrEqual(1);
      expect(value(text, `vigil_reconcile_jobs_restored_total{worker="${heartbeat.workerId}"}`)).toBe(
        pending,
      );
    } finally {
      await worker.close();
    }
  });

  it('reports the queue lag: now minus the oldest due reminder not yet sent', async () => {
    expect(value(await scrape(), 'vigil_reminder_queue_lag_seconds')).toBe(0);
    const [{ oldest }] = (await t.dataSource.query(
      `SELECT min(due_at) AS oldest FROM reminders WHERE status = 'pending'`,
    )) as { oldest: Date }[];
    t.clock.set(new Date(oldest.getTime() + 90_000));
    expect(value(await scrape(), 'vigil_reminder_queue_lag_seconds')).toBe(90);
  });
});
