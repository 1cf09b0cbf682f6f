import { runCli } from './support/cli';
import { signInToWeb } from './support/web-session';
import { WorkerHeartbeat } from '../src/health/worker-heartbeat';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { startTestWorker, TestWorker } from './support/worker';
import { spawnWorkerProcess } from './support/worker-process';

// Readiness says whether this api can serve; whether reminders go out is the worker's heartbeat,
// read by /health/worker, the dashboard and `cli worker:health` (the compose health check).
describe('worker health', () => {
  let t: TestApp;
  let worker: TestWorker | undefined;
  const WARNING = 'No reminder worker has been seen for two minutes';

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-04-01T08:00:00Z' });
  });

  afterAll(async () => {
    await worker?.close();
    await t?.close();
  });

  it('answers readiness without a token from PostgreSQL and Redis alone, with no queue numbers', async () => {
    const anonymous = await t.http().get('/health/ready').expect(200);
    expect(anonymous.body).toEqual({
      status: 'ok',
      checks: { postgres: { status: 'up' }, redis: { status: 'up' } },
    });
    // Even an admin gets the same answer: the numbers live at /health/queue.
    const asAdmin = await t.http().get('/health/ready').set(bearer(t.users.admin)).expect(200);
    expect(asAdmin.body).toEqual(anonymous.body);
  });

  it('shows queue numbers to admins only', async () => {
    await t.http().get('/health/queue').expect(401);
    await t.http().get('/health/queue').set(bearer(t.users.viewer)).expect(403);
    await t.http().get('/health/queue').set(bearer(t.users.caseworker)).expect(403);
    const queue = await t.http().get('/health/queue').set(bearer(t.users.admin)).expect(200);
    expect(queue.body).toEqual({
      queue: { waiting: 0, delayed: 0, active: 0, failed: 0 },
      reminders: { pending: 0, failed: 0 },
    });
  });

  it('says no worker while none ever ran, and the dashboard warns', async () => {
    const none = await t.http().get('/health/worker').expect(503);
    expect(none.body).toEqual({ status: 'unavailable', lastSeenAt: null, workers: 0 });
    const web = await signInToWeb(t, t.users.viewer);
    expect((await web.agent.get('/').expect(200)).text).toContain(WARNING);
  });

  it('sees a worker from its heartbeat for two minutes, then warns until it beats again', async () => {
    worker = await startTestWorker(t);
    const web = await signInToWeb(t, t.users.caseworker);
    const seen = await t.http().get('/health/worker').expect(200);
    expect(seen.body).toEqual({ status: 'ok', lastSeenAt: '2026-04-01T08:00:00.000Z', workers: 1 });
    expect((await web.agent.get('/').expect(200)).text).not.toContain(WARNING);

    t.clock.advance(120_000);
    await t.http().get('/health/worker').expect(200);

    t.clock.advance(1000);
    const gone = await t.http().get('/health/worker').expect(503);
    expect(gone.body).toEqual({ status: 'unavailable', lastSeenAt: '2026-04-01T08:00:00.000Z', workers: 0 });
    expect((await web.agent.get('/').expect(200)).text).toContain(WARNING);
    // Readiness is the api's own: a missing worker does not take the api out of rotation.
    await t.http().get('/health/ready').expect(200);

    await worker.context.get(WorkerHeartbeat).beat();
    const back = await t.http().get('/health/worker').expect(200);
    expect(back.body.lastSeenAt).toBe('2026-04-01T08:02:01.000Z');
    expect((await web.agent.get('/').expect(200)).text).not.toContain(WARNING);
  });

  it('forgets a worker that shut down cleanly at once', async () => {
    await worker!.close();
    worker = undefined;
    const gone = await t.http().get('/health/worker').expect(503);
    expect(gone.body).toEqual({ status: 'unavailable', lastSeenAt: null, workers: 0 });
  });

  it('`cli worker:health` exits 0 while a worker process on this host beats, 1 once it has stopped', async () => {
    const env = { NODE_ENV: 'test', DATABASE_URL: t.config.databaseUrl };
    const before = await runCli(['worker:health'], env);
    expect(before).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/No worker on .+ \(never seen\)/),
    });

    const running = await spawnWorkerProcess(t);
    try {
      const alive = await runCli(['worker:health'], env);
      expect(alive).toMatchObject({ code: 0, stdout: expect.stringMatching(/^Worker on .+ seen at /) });
    } finally {
      running.child.kill('SIGTERM');
    }
    expect([0, 'SIGTERM']).toContain(await running.exited);
    const after = await runCli(['worker:health'], env);
    expect(after.code).toBe(1);
  });
});
