import { AuditEntry } from '../src/audit/audit-entry.entity';
import { bearer, startTestApp, TestApp, TEST_PASSWORD } from './support/test-app';

describe('auth, users and the audit log', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('logs in with the right password and returns a bearer token and the user', async () => {
    const response = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'Caseworker@Example.org', password: TEST_PASSWORD })
      .expect(200);
    expect(response.body).toMatchObject({
      tokenType: 'Bearer',
      user: { email: 'caseworker@example.org', role: 'caseworker' },
    });
    expect(response.body.accessToken).toEqual(expect.any(String));
    expect(response.body.user.passwordHash).toBeUndefined();
  });

  it('stores passwords only as Argon2id hashes with OWASP parameters', async () => {
    const rows: { password_hash: string }[] = await t.dataSource.query('SELECT password_hash FROM users');
    expect(rows.length).toBeGreaterThan(0);
    for (const { password_hash: hash } of rows) {
      expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
      expect(hash).not.toContain(TEST_PASSWORD);
    }
  });

  it('refuses a wrong password and an unknown email alike, with 401', async () => {
    const wrong = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'caseworker@example.org', password: 'nope' });
    const unknown = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'nobody@example.org', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body.message).toBe(unknown.body.message);
  });

  it('refuses an account for 15 minutes after five wrong passwords, even with the right one', async () => {
    const victim = await t.createUser('caseworker');
    for (let attempt = 0; attempt < 5; attempt += 1) {
      await t
        .http()
        .post('/api/auth/login')
        .send({ email: victim.email, password: `guess ${attempt}` })
        .expect(401);
    }
    const refused = await t
      .http()
      .post('/api/auth/login')
      .send({ email: victim.email, password: victim.password })
      .expect(429);
    expect(refused.body).toMatchObject({
      statusCode: 429,
      message: expect.stringMatching(/try again in 15 minutes/),
    });
    // Other accounts are not locked out by it.
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: t.users.viewer.email, password: TEST_PASSWORD })
      .expect(200);
    t.clock.advance(15 * 60_000);
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: victim.email, password: victim.password })
      .expect(200);
  });

  it('answers 400 with a problem per field for a malformed login', async () => {
    const response = await t
      .http()
      .post('/api/auth/login')
      .send({ email: 'not-an-email', extra: 1 })
      .expect(400);
    expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
    const fields = response.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password', 'extra']));
  });

  it('needs a bearer token on /api routes, and rejects a forged one', async () => {
    await t.http().get('/api/users/me').expect(401);
    await t.http().get('/api/users/me').set('Authorization', 'Bearer forged.token.here').expect(401);
    const me = await t.http().get('/api/users/me').set(bearer(t.users.viewer)).expect(200);
    expect(me.body.email).toBe('viewer@example.org');
  });

  it('lets only admins manage users', async () => {
    const body = {
      email: 'new@example.org',
      name: 'New Person',
      password: 'a long enough password',
      role: 'viewer',
    };
    await t.http().post('/api/users').set(bearer(t.users.caseworker)).send(body).expect(403);
    await t.http().get('/api/users').set(bearer(t.users.viewer)).expect(403);
    const created = await t.http().post('/api/users').set(bearer(t.users.admin)).send(body).expect(201);
    expect(created.body).toMatchObject({ email: 'new@example.org', role: 'viewer', active: true });
    expect(created.body.passwordHash).toBeUndefined();

    const list = await t.http().get('/api/users?limit=2&offset=0').set(bearer(t.users.admin)).expect(200);
    const users: number = (await t.dataSource.query('SELECT count(*)::int AS n FROM users'))[0].n;
    expect(list.body).toMatchObject({ limit: 2, offset: 0, total: users });
    expect(list.body.items).toHaveLength(2);

    await t.http().post('/api/users').set(bearer(t.users.admin)).send(body).expect(409);
  });

  it('deactivates instead of deleting, and a deactivated user can no longer sign in or use a token', async () => {
    const user = await t.createUser('caseworker');
    await t.http().delete(`/api/users/${user.id}`).set(bearer(t.users.admin)).expect(200);
    await t.http().get('/api/users/me').set(bearer(user)).expect(401);
    await t.http().post('/api/auth/login').send({ email: user.email, password: user.password }).expect(401);
  });

  it('answers 400 for a malformed id and 404 for an unknown one', async () => {
    const bad = await t.http().get('/api/users/not-a-uuid').set(bearer(t.users.admin)).expect(400);
    expect(bad.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
    await t
      .http()
      .get('/api/users/00000000-0000-4000-8000-000000000000')
      .set(bearer(t.users.admin))
      .expect(404);
  });

  it('writes an audit row for each change, readable by admins only', async () => {
    const user = await t.createUser('viewer');
    await t
      .http()
      .patch(`/api/users/${user.id}`)
      .set(bearer(t.users.admin))
      .send({ name: 'Renamed' })
      .expect(200);
    await t
      .http()
      .get(`/api/audit?entity=user&entityId=${user.id}`)
      .set(bearer(t.users.caseworker))
      .expect(403);
    const audit = await t
      .http()
      .get(`/api/audit?entity=user&entityId=${user.id}`)
      .set(bearer(t.users.admin))
      .expect(200);
    const actions = audit.body.items.map((row: AuditEntry) => row.action);
    expect(actions).toEqual(['update', 'login', 'create']);
    const update = audit.body.items[0];
    expect(update).toMatchObject({
      actorEmail: 'admin@example.org',
      before: { name: 'Test viewer' },
      after: { name: 'Renamed' },
    });
    expect(JSON.stringify(audit.body)).not.toContain('argon2');
  });

  it('keeps the audit log append-only in the database itself', async () => {
    await expect(t.dataSource.query('UPDATE audit_log SET entity = $1', ['tampered'])).rejects.toThrow(
      /append-only/,
    );
    await expect(t.dataSource.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query('TRUNCATE audit_log')).rejects.toThrow(/append-only/);
  });

  it('serves health, readiness and the OpenAPI document without a token', async () => {
    await t.http().get('/health').expect(200, { status: 'ok' });
    const ready = await t.http().get('/health/ready').expect(200);
    expect(ready.body.checks).toMatchObject({ postgres: { status: 'up' }, redis: { status: 'up' } });
    const openApi = await t.http().get('/docs-json').expect(200);
    expect(Object.keys(openApi.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/users']),
    );
  });
});
