import request from 'supertest';
import { csrfFrom } from './support/web-session';
import { bearer, startTestApp, TestApp, TestUser } from './support/test-app';

// The first admin's password comes from the environment (compose generates it into a file): whoever
// signs in with it may do nothing but choose their own, in the API and in the pages.
describe('first admin must change the given password', () => {
  let t: TestApp;
  const GIVEN = 'generated-by-setup-Xq7v9L2m';
  const CHOSEN = 'a passphrase of my own choosing 2026';

  beforeAll(async () => {
    t = await startTestApp({ env: { ADMIN_EMAIL: 'first@example.org', ADMIN_PASSWORD: GIVEN } });
  });

  afterAll(() => t?.close());

  const login = (password: string) =>
    t.http().post('/api/auth/login').send({ email: 'first@example.org', password });

  it('refuses everything but the password change with 403 PASSWORD_CHANGE_REQUIRED, then works', async () => {
    const signedIn = await login(GIVEN).expect(200);
    expect(signedIn.body.user.mustChangePassword).toBe(true);
    const auth = { Authorization: `Bearer ${signedIn.body.accessToken}` };

    for (const attempt of [
      t.http().get('/api/cases').set(auth),
      t.http().get('/api/users').set(auth),
      t.http().post('/api/defenders').set(auth).send({ fullName: 'Someone' }),
      t.http().get('/health/queue').set(auth),
    ]) {
      const refused = await attempt.expect(403);
      expect(refused.body).toMatchObject({
        statusCode: 403,
        code: 'PASSWORD_CHANGE_REQUIRED',
        message: expect.stringContaining('POST /api/users/me/password'),
      });
    }
    const me = await t.http().get('/api/users/me').set(auth).expect(200);
    expect(me.body).toMatchObject({ email: 'first@example.org', mustChangePassword: true });

    const wrong = await t
      .http()
      .post('/api/users/me/password')
      .set(auth)
      .send({ currentPassword: 'not it at all', newPassword: CHOSEN })
      .expect(400);
    expect(wrong.body.details).toEqual([
      { field: 'currentPassword', problem: 'is not your current password' },
    ]);
    const same = await t
      .http()
      .post('/api/users/me/password')
      .set(auth)
      .send({ currentPassword: GIVEN, newPassword: GIVEN })
      .expect(400);
    expect(same.body.details.map((d: { field: string }) => d.field)).toEqual(['newPassword']);

    await t
      .http()
      .post('/api/users/me/password')
      .set(auth)
      .send({ currentPassword: GIVEN, newPassword: CHOSEN })
      .expect(204);
    await login(GIVEN).expect(401);
    const again = await login(CHOSEN).expect(200);
    expect(again.body.user.mustChangePassword).toBe(false);
    await t
      .http()
      .get('/api/cases')
      .set({ Authorization: `Bearer ${again.body.accessToken}` })
      .expect(200);
  });

  it('leaves other users alone', async () => {
    await t.http().get('/api/cases').set(bearer(t.users.admin)).expect(200);
    const me = await t.http().get('/api/users/me').set(bearer(t.users.viewer)).expect(200);
    expect(me.body.mustChangePassword).toBe(false);
  });

  it('in the pages, sends them to the password page from every other page until they change it', async () => {
    const user: TestUser = await t.createUser('caseworker');
    await t.dataSource.query('UPDATE users SET must_change_password = true WHERE id = $1', [user.id]);
    let agent = request.agent(t.app.getHttpServer());
    const signIn = async (password: string) => {
      agent = request.agent(t.app.getHttpServer());
      const page = await agent.get('/login').expect(200);
      await agent
        .post('/login')
        .type('form')
        .send({ email: user.email, password, _csrf: csrfFrom(page.text) })
        .expect(303);
    };
    await signIn(user.password);

    for (const path of ['/', '/cases', '/defenders/new', '/settings']) {
      const redirect = await agent.get(path).expect(303);
      expect(redirect.headers.location).toBe('/account/password');
    }
    const form = await agent.get('/account/password').expect(200);
    expect(form.text).toContain('id="must-change-password"');
    const posted = await agent
      .post('/defenders')
      .type('form')
      .send({ fullName: 'Someone', _csrf: csrfFrom(form.text) })
      .expect(303);
    expect(posted.headers.location).toBe('/account/password');
    expect(await t.dataSource.query(`SELECT 1 FROM defenders WHERE full_name = 'Someone'`)).toEqual([]);

    const refused = await agent
      .post('/account/password')
      .type('form')
      .send({ currentPassword: 'wrong wrong wrong', newPassword: CHOSEN, _csrf: csrfFrom(form.text) })
      .expect(400);
    expect(refused.text).toContain('is not your current password');
    const changed = await agent
      .post('/account/password')
      .type('form')
      .send({ currentPassword: user.password, newPassword: CHOSEN, _csrf: csrfFrom(form.text) })
      .expect(303);
    expect(changed.headers.location).toBe('/?notice=password-changed');

    // A fresh sign-in (the new password may have ended the earlier session) reaches every page.
    await signIn(CHOSEN);
    const dashboard = await agent.get('/').expect(200);
    expect(dashboard.text).not.toContain('must-change-password');
  });
});
