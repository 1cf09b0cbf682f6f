import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AppModule } from '../src/app.module';
import { configureApp } from '../src/app.setup';
import { Clock } from '../src/common/clock';
import { APP_CONFIG } from '../src/config/config.module';
import { makeCase } from './factories/cases';
import { bearer, startTestApp, TestApp, TestUser } from './support/test-app';

// Two api processes on one database, as `docker compose up --scale api=2` runs them: a change to a
// user made through one of them, or straight in the database, holds from the very next request
// on, whichever process serves it.

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

describe('changes to users, seen by every api process on the next request', () => {
  let t: TestApp;
  let other: INestApplication;
  let caseId: string;
  const one = () => t.http();
  const two = () => request(other.getHttpServer());
  // Confidential entries are for caseworkers and admins: a viewer asking is refused.
  const confidentialTimeline = (api: typeof one, user: TestUser) =>
    api().get(`/api/cases/${caseId}/timeline?visibility=confidential`).set(bearer(user));
  const signIn = async (api: typeof one, user: TestUser): Promise<string> =>
    (await api().post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200))
      .body.accessToken as string;

  beforeAll(async () => {
    t = await startTestApp();
    other = await startAnotherApi(t);
    caseId = (await makeCase(t.dataSource)).id;
  });
  afterAll(async () => {
    await other?.close();
    await t?.close();
  });

  it('refuses a user deactivated through one process on their next request to the other', async () => {
    const user = await t.createUser('caseworker');
    await one().get('/api/users/me').set(bearer(user)).expect(200);
    await two().get('/api/users/me').set(bearer(user)).expect(200);
    await one().delete(`/api/users/${user.id}`).set(bearer(t.users.admin)).expect(200);
    await two().get('/api/users/me').set(bearer(user)).expect(401);
    await one().get('/api/users/me').set(bearer(user)).expect(401);
  });

  it('ends the tokens of a user whose role changed, in both processes; a new sign-in has the new role', async () => {
    const user = await t.createUser('caseworker');
    await confidentialTimeline(one, user).expect(200);
    await confidentialTimeline(two, user).expect(200);
    await two()
      .patch(`/api/users/${user.id}`)
      .set(bearer(t.users.admin))
      .send({ role: 'viewer' })
      .expect(200);
    await confidentialTimeline(one, user).expect(401);
    await confidentialTimeline(two, user).expect(401);
    const again = { ...user, token: await signIn(two, user) };
    await confidentialTimeline(one, again).expect(403);
    await confidentialTimeline(two, again).expect(403);
  });

  it('applies a change made straight in the database, as an operator would in psql', async () => {
    const user = await t.createUser('viewer');
    await two().get('/api/users').set(bearer(user)).expect(403);
    await t.dataSource.query(`UPDATE users SET role = 'admin' WHERE id = $1`, [user.id]);
    await two().get('/api/users').set(bearer(user)).expect(401);
    const admin = { ...user, token: await signIn(one, user) };
    await two().get('/api/users').set(bearer(admin)).expect(200);
    await t.dataSource.query('UPDATE users SET active = false WHERE id = $1', [user.id]);
    await two().get('/api/users').set(bearer(admin)).expect(401);
    await one().get('/api/users').set(bearer(admin)).expect(401);
  });

  it('answers many users at once, each as themselves', async () => {
    const users = [t.users.admin, t.users.caseworker, t.users.viewer];
    const responses = await Promise.all(
      Array.from({ length: 30 }, (_, n) => {
        const user = users[n % users.length];
        return two()
          .get('/api/users/me')
          .set(bearer(user))
          .expect(200)
          .then((response) => ({ asked: user.email, answered: response.body.email as string }));
      }),
    );
    expect(responses.filter(({ asked, answered }) => asked !== answered)).toEqual([]);
  });
});
