import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { Clock } from '../src/common/clock';
import { APP_CONFIG } from '../src/config/config.module';
import { startTestApp, TestApp, TestUser } from './support/test-app';
import { csrfFrom } from './support/web-session';

// The sign-in limiter as `docker compose up --scale api=2` runs it: two api processes on one
// database count the same failures, and a process started afterwards still knows them.

const WINDOW_MS = 15 * 60_000;

async function startAnotherApi(t: TestApp): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(t.config)
    .overrideProvider(Clock)
    .useValue(t.clock)
    .compile();
  const app = configureApp(moduleRef.createNestApplication({ logger: ['error', 'warn'] }));
  await app.init();
  return app;
}

describe('the sign-in limiter, shared by every api process and kept across restarts', () => {
  let t: TestApp;
  let other: INestApplication;
  let victim: TestUser;
  const one = () => t.http();
  const two = () => request(other.getHttpServer());
  const signIn = (api: typeof one, email: string, password: string) =>
    api().post('/api/auth/login').send({ email, password });

  beforeAll(async () => {
    t = await startTestApp();
    other = await startAnotherApi(t);
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('gives a guesser no extra tries from a second process', async () => {
    victim = await t.createUser('caseworker');
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await signIn(one, victim.email, `guess ${attempt}`).expect(401);
    }
    for (let attempt = 3; attempt < 5; attempt += 1) {
      await signIn(two, victim.email, `guess ${attempt}`).expect(401);
    }
    const refused = await signIn(two, victim.email, victim.password).expect(429);
    expect(refused.body.message).toMatch(/try again in 15 minutes/);
    await signIn(one, victim.email, victim.password).expect(429);
  });

  it('still refuses after a restart, on the API and on the pages', async () => {
    await other.close();
    other = await startAnotherApi(t);
    t.clock.advance(WINDOW_MS - 60_000);
    const refused = await signIn(two, victim.email, victim.password).expect(429);
    expect(refused.body.message).toMatch(/try again in 1 minute\b/);
    const agent = request.agent(other.getHttpServer());
    const page = await agent.get('/login').expect(200);
    const form = await agent
      .post('/login')
      .type('form')
      .send({ email: victim.email, password: victim.password, _csrf: csrfFrom(page.text) })
      .expect(429);
    expect(form.text).toContain('Too many failed sign-ins');

    t.clock.advance(60_000);
    await signIn(two, victim.email, victim.password).expect(200);
  });

  it('refuses an address spraying accounts through both processes', async () => {
    t.clock.advance(WINDOW_MS);
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const api = attempt % 2 === 0 ? one : two;
      await signIn(api, `nobody-${attempt}@example.org`, 'a guess').expect(401);
    }
    await signIn(one, t.users.viewer.email, t.users.viewer.password).expect(429);
    await signIn(two, t.users.admin.email, t.users.admin.password).expect(429);
    t.clock.advance(WINDOW_MS);
    await signIn(two, t.users.admin.email, t.users.admin.password).expect(200);
  });

  it('starts a window again once it has passed, prunes passed windows and keeps no email or address in clear', async () => {
    const user = await t.createUser('viewer');
    const failures = async (): Promise<number[]> =>
      (
        (await t.dataSource.query('SELECT failures FROM sign_in_failures ORDER BY failures')) as Array<{
          failures: number;
        }>
      ).map((row) => row.failures);
    t.clock.advance(WINDOW_MS);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await signIn(attempt % 2 === 0 ? one : two, user.email, `guess ${attempt}`).expect(401);
    }
    await signIn(one, user.email, user.password).expect(429);
    expect(await failures()).toEqual([5, 5]);

    t.clock.advance(WINDOW_MS);
    // Another account's failure: the address starts a new window, the user's passed one is deleted.
    await signIn(one, 'someone-else@example.org', 'a guess').expect(401);
    expect(await failures()).toEqual([1, 1]);
    // Four failures in the new window: under the limit, whatever came before it.
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await signIn(two, user.email, `guess ${attempt}`).expect(401);
    }
    const rows: Array<{ key: string; started_at: Date }> = await t.dataSource.query(
      'SELECT key, started_at FROM sign_in_failures',
    );
    expect(rows.every((row) => row.started_at.getTime() > t.clock.now().getTime() - WINDOW_MS)).toBe(true);
    expect(JSON.stringify(rows)).not.toMatch(/example\.org|127\.0\.0\.1|account:|address:/);
    expect(await failures()).toEqual([1, 4, 5]);

    await signIn(one, user.email, user.password).expect(200);
    // The correct password cleared the account's count, not the address's.
    expect(await failures()).toEqual([1, 5]);
  });

  it('counts attempts made at the same moment, so a burst gets no more tries than a sequence', async () => {
    const user = await t.createUser('viewer');
    t.clock.advance(WINDOW_MS);
    const statuses = await Promise.all(
      Array.from({ length: 12 }, (_, n) =>
        signIn(n % 2 === 0 ? one : two, user.email, `guess ${n}`).then((response) => response.status),
      ),
    );
    expect(statuses.filter((status) => status === 401)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(7);
    await signIn(one, user.email, user.password).expect(429);
  });
});
