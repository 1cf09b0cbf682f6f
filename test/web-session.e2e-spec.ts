import { createHash } from 'node:crypto';
import request from 'supertest';
import { WebSession } from '../src/web/web-session.entity';
import { startTestApp, TestApp } from './support/test-app';
import { csrfFrom, signInToWeb } from './support/web-session';

const sessionCookie = (setCookie: string[] | string | undefined): string | undefined =>
  [setCookie ?? []].flat().find((cookie) => cookie.startsWith('vigil_session='));

describe('web sign-in, sessions and CSRF', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-15T09:00:00Z' });
  });
  afterAll(() => t.close());

  it('sends a visitor without a session to the sign-in page, remembering where they were going', async () => {
    await t.http().get('/').expect(303).expect('Location', '/login');
    await t
      .http()
      .get('/defenders?q=parvez')
      .expect(303)
      .expect('Location', `/login?next=${encodeURIComponent('/defenders?q=parvez')}`);
  });

  it('signs in with an HttpOnly, SameSite=Lax session cookie whose token is stored only as a hash', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const page = await agent.get('/login?next=/settings').expect(200);
    expect(page.text).toContain('<label for="f-email">Email');
    const response = await agent
      .post('/login')
      .type('form')
      .send({
        email: t.users.caseworker.email,
        password: t.users.caseworker.password,
        next: '/settings',
        _csrf: csrfFrom(page.text),
      })
      .expect(303)
      .expect('Location', '/settings');
    const cookie = sessionCookie(response.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const token = decodeURIComponent(/^vigil_session=([^;]+)/.exec(cookie!)![1]);
    const rows = await t.dataSource.getRepository(WebSession).findBy({ userId: t.users.caseworker.id });
    expect(rows.map((row) => row.tokenHash)).toContain(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(rows)).not.toContain(token);

    const dashboard = await agent.get('/').expect(200);
    expect(dashboard.text).toContain('Test caseworker');
  });

  it('marks the cookie Secure when the browser came over https through a trusted proxy', async () => {
    t.app.getHttpAdapter().getInstance().set('trust proxy', 'loopback');
    try {
      // A cookie jar would not send Secure cookies back over plain http, so the cookie is carried by hand.
      const page = await t.http().get('/login').set('X-Forwarded-Proto', 'https').expect(200);
      const loginCookie = [page.headers['set-cookie'] ?? []].flat()[0];
      expect(loginCookie).toMatch(/^vigil_login_csrf=.*HttpOnly.*Secure.*SameSite=Lax/);
      const response = await t
        .http()
        .post('/login')
        .set('X-Forwarded-Proto', 'https')
        .set('Cookie', loginCookie.split(';')[0])
        .type('form')
        .send({ email: t.users.viewer.email, password: t.users.viewer.password, _csrf: csrfFrom(page.text) })
        .expect(303);
      expect(sessionCookie(response.headers['set-cookie'])).toMatch(/Secure/);
    } finally {
      t.app.getHttpAdapter().getInstance().set('trust proxy', false);
    }
  });

  it('refuses a sign-in without the form token, and a wrong password with the same words as the API', async () => {
    const agent = request.agent(t.app.getHttpServer());
    await agent.get('/login').expect(200);
    await agent
      .post('/login')
      .type('form')
      .send({ email: t.users.caseworker.email, password: t.users.caseworker.password })
      .expect(403);
    const page = await agent.get('/login').expect(200);
    const wrong = await agent
      .post('/login')
      .type('form')
      .send({ email: t.users.caseworker.email, password: 'wrong', _csrf: csrfFrom(page.text) })
      .expect(401);
    expect(wrong.text).toContain('Wrong email or password');
    expect(sessionCookie(wrong.headers['set-cookie'])).toBeUndefined();
  });

  it('stops password guessing on the sign-in page too, shared with the API', async () => {
    const victim = await t.createUser('viewer');
    const agent = request.agent(t.app.getHttpServer());
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const page = await agent.get('/login').expect(200);
      await agent
        .post('/login')
        .type('form')
        .send({ email: victim.email, password: `guess ${attempt}`, _csrf: csrfFrom(page.text) })
        .expect(401);
    }
    const page = await agent.get('/login').expect(200);
    const refused = await agent
      .post('/login')
      .type('form')
      .send({ email: victim.email, password: victim.password, _csrf: csrfFrom(page.text) })
      .expect(429);
    expect(refused.text).toContain('Too many failed sign-ins');
    expect(sessionCookie(refused.headers['set-cookie'])).toBeUndefined();
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: victim.email, password: victim.password })
      .expect(429);
  });

  it('never redirects off-site after sign-in', async () => {
    const agent = request.agent(t.app.getHttpServer());
    const page = await agent.get('/login').expect(200);
    await agent
      .post('/login')
      .type('form')
      .send({
        email: t.users.viewer.email,
        password: t.users.viewer.password,
        next: '//evil.example/',
        _csrf: csrfFrom(page.text),
      })
      .expect(303)
      .expect('Location', '/');
  });

  it('keeps /api for bearer tokens only: a session cookie opens no API route', async () => {
    const { agent } = await signInToWeb(t, t.users.admin);
    await agent.get('/api/users/me').expect(401);
  });

  it('refuses a state-changing form without the session CSRF token, or with a token from another session', async () => {
    const caseworker = await signInToWeb(t, t.users.caseworker);
    const viewer = await signInToWeb(t, t.users.viewer);
    await caseworker.agent.post('/logout').type('form').send({}).expect(403);
    await caseworker.agent.post('/logout').type('form').send({ _csrf: viewer.csrf }).expect(403);
    await caseworker.agent.get('/').expect(200);
  });

  it('logs out by deleting the session, so the old cookie no longer opens a page', async () => {
    const { agent, csrf } = await signInToWeb(t, t.users.caseworker);
    const before = await t.dataSource.getRepository(WebSession).countBy({ userId: t.users.caseworker.id });
    await agent
      .post('/logout')
      .type('form')
      .send({ _csrf: csrf })
      .expect(303)
      .expect('Location', '/login?signedOut=1');
    expect(await t.dataSource.getRepository(WebSession).countBy({ userId: t.users.caseworker.id })).toBe(
      before - 1,
    );
    await agent.get('/').expect(303);
  });

  it('ends a session after twelve hours, by the injected clock', async () => {
    const { agent } = await signInToWeb(t, t.users.viewer);
    await agent.get('/').expect(200);
    t.clock.advance(12 * 60 * 60 * 1000 + 1000);
    try {
      await agent.get('/').expect(303).expect('Location', '/login');
    } finally {
      t.clock.set('2026-01-15T09:00:00Z');
    }
  });

  it('ends the sessions of a deactivated user at once', async () => {
    const user = await t.createUser('caseworker');
    const { agent } = await signInToWeb(t, user);
    await agent.get('/').expect(200);
    await t.dataSource.query('UPDATE users SET active = false WHERE id = $1', [user.id]);
    await agent.get('/').expect(303);
  });

  it('serves its own CSS and script, and nothing else from the assets path', async () => {
    const css = await t.http().get('/assets/vigil.css').expect(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    await t
      .http()
      .get('/assets/vigil.js')
      .expect(200)
      .expect('Content-Type', /javascript/);
    await t.http().get('/assets/..%2Fweb.module.ts').expect(404);
    await t.http().get('/assets/nothing.css').expect(404);
  });
});
