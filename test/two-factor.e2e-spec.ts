import request from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { totpCode } from '../src/two-factor/totp';
import { bearer, startTestApp, TestApp, TestUser } from './support/test-app';
import { csrfFrom, signInToWeb } from './support/web-session';

// Two-factor sign-in end to end: enrolment through the API and the pages, codes computed here with
// the same library an authenticator app follows, the clock moved to step through codes and windows.

const STEP_MS = 30_000;

describe('two-factor sign-in', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-15T09:00:00Z' });
  });
  afterAll(() => t.close());
  // Every test gets fresh limiter windows (all requests come from one loopback address) and a new code step.
  beforeEach(() => t.clock.advance(16 * 60_000));

  const code = (secret: string, offsetSteps = 0): string =>
    totpCode(secret, new Date(t.clock.now().getTime() + offsetSteps * STEP_MS));

  const password = (user: TestUser) =>
    t.http().post('/api/auth/login').send({ email: user.email, password: user.password }).expect(200);

  const secondFactor = (challenge: string, value: string) =>
    t.http().post('/api/auth/login/second-factor').send({ challenge, code: value });

  /** Enrols a signed-in user through the API; answers the secret and the recovery codes. */
  const enrol = async (user: TestUser): Promise<{ secret: string; recoveryCodes: string[] }> => {
    const started = await t.http().post('/api/auth/two-factor/enrolment').set(bearer(user)).expect(200);
    const secret = started.body.secret as string;
    const confirmed = await t
      .http()
      .post('/api/auth/two-factor/enrolment/confirm')
      .set(bearer(user))
      .send({ code: code(secret) })
      .expect(200);
    // Past the confirming code's step and the one after, so "the step before" is unused in the tests.
    t.clock.advance(2 * STEP_MS);
    return { secret, recoveryCodes: confirmed.body.recoveryCodes as string[] };
  };

  const audit = async (query: string): Promise<AuditEntry[]> =>
    (await t.http().get(`/api/audit?${query}`).set(bearer(t.users.admin)).expect(200)).body
      .items as AuditEntry[];

  it('enrols by QR code and secret, confirmed by a first code; then a sign-in needs a code and the secret never shows again', async () => {
    const user = await t.createUser('caseworker');
    const started = await t.http().post('/api/auth/two-factor/enrolment').set(bearer(user)).expect(200);
    const { secret, otpauthUrl, qrCode } = started.body as Record<string, string>;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(new URL(otpauthUrl).searchParams.get('secret')).toBe(secret);
    expect(qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(qrCode.split(',')[1], 'base64').toString()).toMatch(/^<svg /);

    // Not enrolled until a code confirms it: the password alone still signs in.
    expect((await password(user)).body.accessToken).toEqual(expect.any(String));
    await t
      .http()
      .post('/api/auth/two-factor/enrolment/confirm')
      .set(bearer(user))
      .send({ code: '000000' === code(secret) ? '111111' : '000000' })
      .expect(400);
    const confirmed = await t
      .http()
      .post('/api/auth/two-factor/enrolment/confirm')
      .set(bearer(user))
      .send({ code: code(secret) })
      .expect(200);
    const recoveryCodes = confirmed.body.recoveryCodes as string[];
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);

    const status = await t.http().get('/api/auth/two-factor').set(bearer(user)).expect(200);
    expect(status.body).toEqual({
      enrolled: true,
      required: false,
      requiredByOrganisation: false,
      recoveryCodesLeft: 10,
    });
    expect(JSON.stringify(status.body)).not.toContain(secret);
    // Neither the secret nor a fresh one: enrolment cannot be restarted over a confirmed factor.
    const again = await t.http().post('/api/auth/two-factor/enrolment').set(bearer(user)).expect(409);
    expect(JSON.stringify(again.body)).not.toContain(secret);
    const me = await t.http().get('/api/users/me').set(bearer(user)).expect(200);
    expect(JSON.stringify(me.body)).not.toContain(secret);

    // The database keeps only hashes of the recovery codes.
    const [row] = (await t.dataSource.query(
      'SELECT recovery_code_hashes::text AS hashes FROM second_factors WHERE user_id = $1',
      [user.id],
    )) as Array<{ hashes: string }>;
    for (const recovery of recoveryCodes) {
      expect(row.hashes).not.toContain(recovery);
      expect(row.hashes).not.toContain(recovery.replace(/-/g, ''));
    }

    t.clock.advance(STEP_MS);
    const login = await password(user);
    expect(login.body).toEqual({ secondFactor: 'code', challenge: expect.any(String), expiresIn: 300 });
    const signedIn = await secondFactor(login.body.challenge as string, code(secret)).expect(200);
    expect(signedIn.body.user).toMatchObject({ id: user.id });
    await t
      .http()
      .get('/api/users/me')
      .set(bearer({ ...user, token: signedIn.body.accessToken }))
      .expect(200);

    const [enrolled] = await audit(`entity=second_factor&entityId=${user.id}&action=create`);
    expect(enrolled.actorId).toBe(user.id);
    expect(JSON.stringify(enrolled)).not.toContain(secret);
  });

  it('never issues a token before the second factor: not for the password, not for the challenge', async () => {
    const user = await t.createUser('admin');
    const { secret } = await enrol(user);
    const login = await password(user);
    expect(login.body.accessToken).toBeUndefined();
    const challenge = login.body.challenge as string;
    // The challenge is no bearer token, and the old token of the enrolling session is not turned into one.
    await t.http().get('/api/users/me').set('Authorization', `Bearer ${challenge}`).expect(401);
    await t.http().post('/api/auth/login/enrol').send({ challenge }).expect(409);
    await secondFactor(challenge, '').expect(400);
    await secondFactor('not-a-challenge', code(secret)).expect(401);

    // A challenge expires after five minutes, and is used once.
    t.clock.advance(5 * 60_000 + 1);
    await secondFactor(challenge, code(secret)).expect(401);
    const fresh = (await password(user)).body.challenge as string;
    const signedIn = await secondFactor(fresh, code(secret)).expect(200);
    t.clock.advance(STEP_MS);
    await secondFactor(fresh, code(secret)).expect(401);
    await t
      .http()
      .get('/api/users')
      .set(bearer({ ...user, token: signedIn.body.accessToken }))
      .expect(200);
  });

  it('accepts the code of the step before and after, and a code only once', async () => {
    const user = await t.createUser('viewer');
    const { secret } = await enrol(user);
    const challenge = async () => (await password(user)).body.challenge as string;

    await secondFactor(await challenge(), code(secret, -1)).expect(200);
    // The same code again, or an older one, in a later sign-in: refused even inside its window.
    const replay = await secondFactor(await challenge(), code(secret, -1)).expect(401);
    expect(replay.body.details).toEqual([{ field: 'code', problem: 'is wrong or was used already' }]);
    await secondFactor(await challenge(), code(secret, 1)).expect(200);
    t.clock.advance(3 * STEP_MS);
    await secondFactor(await challenge(), code(secret, -2)).expect(401);
    await secondFactor(await challenge(), code(secret, 2)).expect(401);
    await secondFactor(await challenge(), code(secret)).expect(200);

    // One code sent several times at the same moment: one sign-in, no more.
    t.clock.advance(STEP_MS);
    const challenges = await Promise.all(Array.from({ length: 4 }, challenge));
    const responses = await Promise.all(challenges.map((each) => secondFactor(each, code(secret))));
    expect(responses.map((response) => response.status).sort()).toEqual([200, 401, 401, 401]);

    const failures = await audit(`action=login_failed&entityId=${user.id}`);
    expect(failures.map((row) => row.context?.reason)).toEqual([
      'code already used',
      'code already used',
      'code already used',
      'wrong code',
      'wrong code',
      'code already used',
    ]);
    expect(failures[2].context).toMatchObject({ via: 'api', email: user.email });
  });

  it('throttles wrong codes like passwords, and a new password does not buy more guesses', async () => {
    const user = await t.createUser('caseworker');
    const { secret } = await enrol(user);
    const wrong = code(secret) === '123456' ? '654321' : '123456';
    for (let n = 0; n < 5; n += 1) {
      // A fresh challenge each time: the count is the account's, not the challenge's.
      await secondFactor((await password(user)).body.challenge as string, wrong).expect(401);
    }
    const refused = await secondFactor((await password(user)).body.challenge as string, code(secret)).expect(
      429,
    );
    expect(refused.body.message).toMatch(/Too many wrong codes: try again in 15 minutes/);
    const failures = await audit(`action=login_failed&entityId=${user.id}`);
    expect(failures).toHaveLength(5);
    expect(failures.every((row) => row.context?.reason === 'wrong code')).toBe(true);
    expect(failures[0].context).toMatchObject({ locked: ['account'] });

    t.clock.advance(15 * 60_000);
    await secondFactor((await password(user)).body.challenge as string, code(secret)).expect(200);
  });

  it('takes each recovery code once, however it is typed', async () => {
    const user = await t.createUser('caseworker');
    const { recoveryCodes } = await enrol(user);
    const [first, second] = recoveryCodes;

    const signedIn = await secondFactor(
      (await password(user)).body.challenge as string,
      first.toUpperCase(),
    ).expect(200);
    await t
      .http()
      .get('/api/users/me')
      .set(bearer({ ...user, token: signedIn.body.accessToken }))
      .expect(200);
    const reused = await secondFactor((await password(user)).body.challenge as string, first).expect(401);
    expect(reused.body.accessToken).toBeUndefined();
    await secondFactor((await password(user)).body.challenge as string, second.replace(/-/g, ' ')).expect(
      200,
    );

    const status = await t
      .http()
      .get('/api/auth/two-factor')
      .set(bearer({ ...user, token: signedIn.body.accessToken }));
    expect(status.body.recoveryCodesLeft).toBe(8);
    const [failure] = await audit(`action=login_failed&entityId=${user.id}`);
    expect(failure.context).toMatchObject({ reason: 'wrong recovery code' });
    const logins = await audit(`action=login&entityId=${user.id}&limit=2`);
    expect(logins.map((row) => row.context?.secondFactor)).toEqual(['recovery code', 'recovery code']);
  });

  /** Password on the sign-in page; answers the agent and where it was sent. */
  const webPassword = async (user: TestUser, next = '/') => {
    const agent = request.agent(t.app.getHttpServer());
    const page = await agent.get(`/login?next=${encodeURIComponent(next)}`).expect(200);
    const response = await agent
      .post('/login')
      .type('form')
      .send({ email: user.email, password: user.password, next, _csrf: csrfFrom(page.text) })
      .expect(303);
    return {
      agent,
      location: response.headers.location as string,
      setCookie: [response.headers['set-cookie'] ?? []].flat(),
    };
  };

  it('asks for the code on a second step of the sign-in page, and opens no session before it', async () => {
    const user = await t.createUser('caseworker');
    const { secret } = await enrol(user);
    const { agent, location, setCookie } = await webPassword(user, '/settings');
    expect(location).toBe('/login/second-factor?next=%2Fsettings');
    expect(setCookie.some((cookie: string) => cookie.startsWith('vigil_session='))).toBe(false);
    await agent.get('/settings').expect(303).expect('Location', '/login?next=%2Fsettings');

    const page = await agent.get(location).expect(200);
    expect(page.text).toContain('<label for="f-code">Code');
    expect(page.text).not.toContain(secret);
    const wrong = await agent
      .post('/login/second-factor')
      .type('form')
      .send({
        code: code(secret) === '000000' ? '111111' : '000000',
        next: '/settings',
        _csrf: csrfFrom(page.text),
      })
      .expect(401);
    expect(wrong.text).toContain('That code is not right, or was used already');
    await agent.get('/settings').expect(303);

    await agent
      .post('/login/second-factor')
      .type('form')
      .send({ code: code(secret), next: '/settings', _csrf: csrfFrom(wrong.text) })
      .expect(303)
      .expect('Location', '/settings');
    await agent.get('/settings').expect(200);
    const [failure] = await audit(`action=login_failed&entityId=${user.id}`);
    expect(failure.context).toMatchObject({ via: 'web', reason: 'wrong code' });
  });

  it('lets an admin reset a second factor (audited): every session of the user ends, the password alone signs in', async () => {
    const user = await t.createUser('caseworker');
    await enrol(user);
    const signedIn = await secondFactor(
      (await password(user)).body.challenge as string,
      code(
        (await t.dataSource.query('SELECT secret FROM second_factors WHERE user_id = $1', [user.id]))[0]
          .secret,
      ),
    ).expect(200);
    const token = signedIn.body.accessToken as string;

    await t.http().delete(`/api/users/${user.id}/two-factor`).set(bearer(t.users.caseworker)).expect(403);
    await t
      .http()
      .delete(`/api/users/${user.id}/two-factor`)
      .set(bearer({ ...user, token }))
      .expect(403);
    const reset = await t
      .http()
      .delete(`/api/users/${user.id}/two-factor`)
      .set(bearer(t.users.admin))
      .expect(200);
    expect(reset.body).toMatchObject({ enrolled: false, recoveryCodesLeft: 0 });

    await t
      .http()
      .get('/api/users/me')
      .set(bearer({ ...user, token }))
      .expect(401);
    expect((await password(user)).body.accessToken).toEqual(expect.any(String));
    const [row] = await audit(`entity=second_factor&entityId=${user.id}&action=delete`);
    expect(row).toMatchObject({ actorId: t.users.admin.id, before: { recoveryCodesLeft: 10 } });
    await t
      .http()
      .delete(`/api/users/00000000-0000-4000-8000-000000000000/two-factor`)
      .set(bearer(t.users.admin))
      .expect(404);
  });

  it('sends a user an admin requires it of to enrolment, signing them out first', async () => {
    const user = await t.createUser('viewer');
    await t
      .http()
      .patch(`/api/users/${user.id}`)
      .set(bearer(t.users.admin))
      .send({ requireTwoFactor: true })
      .expect(200)
      .expect((response) => expect(response.body.requireTwoFactor).toBe(true));
    await t.http().get('/api/users/me').set(bearer(user)).expect(401);

    const login = await password(user);
    expect(login.body).toEqual({ secondFactor: 'enrol', challenge: expect.any(String), expiresIn: 300 });
    const challenge = login.body.challenge as string;
    await t.http().get('/api/users/me').set('Authorization', `Bearer ${challenge}`).expect(401);
    const started = await t.http().post('/api/auth/login/enrol').send({ challenge }).expect(200);
    const secret = started.body.secret as string;
    expect(started.body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    await secondFactor(challenge, code(secret) === '000000' ? '111111' : '000000').expect(401);
    const done = await secondFactor(challenge, code(secret)).expect(200);
    expect(done.body.recoveryCodes).toHaveLength(10);
    await t
      .http()
      .get('/api/users/me')
      .set(bearer({ ...user, token: done.body.accessToken }))
      .expect(200);
    const [change] = await audit(`entity=user&entityId=${user.id}&action=update`);
    expect(change).toMatchObject({ before: { requireTwoFactor: false }, after: { requireTwoFactor: true } });
  });

  it('sets up two-factor from the settings page; an admin requires and resets it from the users list', async () => {
    const user = await t.createUser('caseworker');
    const web = await signInToWeb(t, user);
    const settings = await web.agent.get('/settings').expect(200);
    expect(settings.text).toContain('<a href="/settings/two-factor">Set it up</a>');
    const page = await web.agent.get('/settings/two-factor').expect(200);
    const secret = /<code class="two-factor-secret">([A-Z2-7]+)<\/code>/.exec(page.text)?.[1] ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(page.text).toMatch(/<img src="data:image\/svg\+xml;base64,/);
    const wrong = await web.agent
      .post('/settings/two-factor')
      .type('form')
      .send({ code: code(secret) === '000000' ? '111111' : '000000', _csrf: csrfFrom(page.text) })
      .expect(400);
    expect(wrong.text).toContain(secret);
    const done = await web.agent
      .post('/settings/two-factor')
      .type('form')
      .send({ code: code(secret), _csrf: csrfFrom(page.text) })
      .expect(200);
    expect([...done.text.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)]).toHaveLength(10);
    const after = await web.agent.get('/settings/two-factor').expect(200);
    expect(after.text).toContain('Two-factor sign-in is on');
    expect(after.text).not.toContain(secret);
    expect((await password(user)).body).toMatchObject({ secondFactor: 'code' });

    // The admin's list shows it; a caseworker may not reset anyone's.
    await web.agent
      .post(`/settings/users/${user.id}/two-factor/reset`)
      .type('form')
      .send({ _csrf: csrfFrom(after.text) })
      .expect(403);
    const admin = await signInToWeb(t, t.users.admin);
    const list = await admin.agent.get('/settings').expect(200);
    expect(list.text).toContain(`action="/settings/users/${user.id}/two-factor/reset"`);
    await admin.agent
      .post(`/settings/users/${user.id}/two-factor/required`)
      .type('form')
      .send({ requireTwoFactor: 'true', _csrf: admin.csrf })
      .expect(303);
    await admin.agent
      .post(`/settings/users/${user.id}/two-factor/reset`)
      .type('form')
      .send({ _csrf: admin.csrf })
      .expect(303);
    // Reset and still required: signed out, and sent to enrol again.
    await web.agent.get('/settings').expect(303);
    expect((await password(user)).body).toMatchObject({ secondFactor: 'enrol' });
    const [reset] = await audit(`entity=second_factor&entityId=${user.id}&action=delete`);
    expect(reset.actorId).toBe(t.users.admin.id);
  });

  // Last: it signs out everyone without a second factor, the fixture users included.
  it('requires a second factor of everyone when an enrolled admin says so (audited); the others enrol at their next sign-in', async () => {
    await t
      .http()
      .put('/api/auth/two-factor/requirement')
      .set(bearer(t.users.caseworker))
      .send({ requireTwoFactor: true })
      .expect(403);
    const refused = await t
      .http()
      .put('/api/auth/two-factor/requirement')
      .set(bearer(t.users.admin))
      .send({ requireTwoFactor: true })
      .expect(409);
    expect(refused.body.details).toEqual([
      { field: 'requireTwoFactor', problem: 'needs your own second factor first' },
    ]);
    await t
      .http()
      .put('/api/auth/two-factor/requirement')
      .set(bearer(t.users.admin))
      .send({ requireTwoFactor: 'yes' })
      .expect(400);

    const boss = await t.createUser('admin');
    await enrol(boss);
    await t
      .http()
      .put('/api/auth/two-factor/requirement')
      .set(bearer(boss))
      .send({ requireTwoFactor: true })
      .expect(200, { requireTwoFactor: true });
    await t
      .http()
      .get('/api/auth/two-factor/requirement')
      .set(bearer(boss))
      .expect(200, { requireTwoFactor: true });
    const [row] = (await t.http().get('/api/audit?entity=security_settings').set(bearer(boss)).expect(200))
      .body.items as AuditEntry[];
    expect(row).toMatchObject({
      actorId: boss.id,
      action: 'update',
      before: { requireTwoFactor: false },
      after: { requireTwoFactor: true },
    });

    // The enrolled admin keeps working; the others are signed out and must enrol.
    await t.http().get('/api/users').set(bearer(boss)).expect(200);
    await t.http().get('/api/users/me').set(bearer(t.users.caseworker)).expect(401);
    expect((await password(t.users.caseworker)).body).toMatchObject({ secondFactor: 'enrol' });

    // On the pages: after the password, the QR code and the key, and nothing else until a code confirms it.
    const { agent, location } = await webPassword(t.users.viewer, '/cases');
    expect(location).toBe('/login/second-factor?next=%2Fcases');
    await agent.get('/cases').expect(303);
    const page = await agent.get(location).expect(200);
    expect(page.text).toContain('Set up two-factor sign-in');
    const secret = /<code class="two-factor-secret">([A-Z2-7]+)<\/code>/.exec(page.text)?.[1] ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const qr = /<img src="data:image\/svg\+xml;base64,([^"]+)"/.exec(page.text)?.[1] ?? '';
    expect(Buffer.from(qr, 'base64').toString()).toMatch(/^<svg /);
    // Shown again (a reload), the same secret: the app has scanned it already.
    expect((await agent.get(location).expect(200)).text).toContain(secret);
    await agent.get('/settings').expect(303);

    const done = await agent
      .post('/login/second-factor')
      .type('form')
      .send({ code: code(secret), next: '/cases', _csrf: csrfFrom(page.text) })
      .expect(200);
    const shown = [...done.text.matchAll(/<li><code>([a-z0-9-]+)<\/code><\/li>/g)].map((match) => match[1]);
    expect(shown).toHaveLength(10);
    expect(done.text).toContain('href="/cases"');
    await agent.get('/cases').expect(200);

    await t
      .http()
      .put('/api/auth/two-factor/requirement')
      .set(bearer(boss))
      .send({ requireTwoFactor: false })
      .expect(200);
    expect((await password(t.users.caseworker)).body.accessToken).toEqual(expect.any(String));
  });
});
