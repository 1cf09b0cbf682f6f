import { createHmac } from 'node:crypto';
import request from 'supertest';
import { AuditEntry } from '../src/audit/audit-entry.entity';
import { bearer, startTestApp, TestApp, TestUser } from './support/test-app';
import { csrfFrom, signInToWeb } from './support/web-session';

// Accounts: what a change of password, role or active flag does to the sessions already open, the
// last admin, password strength on every path that sets one, and the tokens the API accepts.

describe('accounts and sessions', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const signIn = async (user: TestUser, password = user.password): Promise<TestUser> => {
    const login = await t.http().post('/api/auth/login').send({ email: user.email, password }).expect(200);
    return { ...user, password, token: login.body.accessToken as string };
  };
  const patchUser = (id: string, body: object) =>
    t.http().patch(`/api/users/${id}`).set(bearer(t.users.admin)).send(body);

  describe('a change of password, role or active flag ends every earlier session of the user', () => {
    it.each([
      ['a password reset', { password: 'a brand new passphrase here' }],
      ['a role change', { role: 'viewer' }],
    ])('after %s, the old API token and the old web cookie are refused', async (_, change) => {
      const user = await t.createUser('caseworker');
      const web = await signInToWeb(t, user);
      await t.http().get('/api/users/me').set(bearer(user)).expect(200);
      await web.agent.get('/').expect(200);

      await patchUser(user.id, change).expect(200);

      await t.http().get('/api/users/me').set(bearer(user)).expect(401);
      await web.agent.get('/').expect(303).expect('Location', '/login');
      const again = await signIn(user, 'password' in change ? change.password : user.password);
      await t.http().get('/api/users/me').set(bearer(again)).expect(200);
    });

    it('after deactivation, and still after reactivation', async () => {
      const user = await t.createUser('caseworker');
      const web = await signInToWeb(t, user);
      await t.http().delete(`/api/users/${user.id}`).set(bearer(t.users.admin)).expect(200);
      await patchUser(user.id, { active: true }).expect(200);

      await t.http().get('/api/users/me').set(bearer(user)).expect(401);
      await web.agent.get('/').expect(303).expect('Location', '/login');
      await t
        .http()
        .get('/api/users/me')
        .set(bearer(await signIn(user)))
        .expect(200);
    });

    it('after an admin changes their own password, their own old token too', async () => {
      const admin = await t.createUser('admin');
      await t
        .http()
        .patch(`/api/users/${admin.id}`)
        .set(bearer(admin))
        .send({ password: 'my own new passphrase' })
        .expect(200);
      await t.http().get('/api/users/me').set(bearer(admin)).expect(401);
    });

    it('keeps the sessions of a user whose name alone changed', async () => {
      const user = await t.createUser('viewer');
      const web = await signInToWeb(t, user);
      await patchUser(user.id, { name: 'Renamed Viewer' }).expect(200);
      await t.http().get('/api/users/me').set(bearer(user)).expect(200);
      await web.agent.get('/').expect(200);
    });
  });

  describe('password strength, on every path that sets a password', () => {
    const weak = [' '.repeat(12), 'aaaaaaaaaaaa', 'password1234'];

    it.each(weak)('refuses %j through the API, on create and on reset, saying why', async (password) => {
      const created = await t
        .http()
        .post('/api/users')
        .set(bearer(t.users.admin))
        .send({ email: 'weak@example.org', name: 'Weak', password, role: 'viewer' })
        .expect(400);
      expect(created.body.details).toEqual([
        { field: 'password', problem: expect.stringMatching(/^is too easy to guess: \S/) },
      ]);
      const reset = await patchUser(t.users.viewer.id, { password }).expect(400);
      expect(reset.body.details[0]).toMatchObject({ field: 'password' });
      await t.http().get('/api/users/me').set(bearer(t.users.viewer)).expect(200);
    });

    it('refuses the account’s own email as its password', async () => {
      const response = await t
        .http()
        .post('/api/users')
        .set(bearer(t.users.admin))
        .send({
          email: 'asha.rao@example.org',
          name: 'Asha Rao',
          password: 'asha.rao@example.org',
          role: 'viewer',
        })
        .expect(400);
      expect(response.body.details[0]).toMatchObject({ field: 'password' });
    });

    it('refuses a weak password on the users page, beside the field', async () => {
      const web = await signInToWeb(t, t.users.admin);
      const page = await web.agent
        .post('/settings/users')
        .type('form')
        .send({
          _csrf: web.csrf,
          name: 'Weak',
          email: 'weak-page@example.org',
          password: 'password1234',
          role: 'viewer',
        })
        .expect(400);
      expect(page.text).toMatch(/id="f-password-error"[^>]*>.*too easy to guess/s);
      const rows = await t.dataSource.query(`SELECT 1 FROM users WHERE email = 'weak-page@example.org'`);
      expect(rows).toEqual([]);
    });
  });

  describe('API tokens', () => {
    // A token signed with the app's own secret, as an attacker holding an old or leaked token could
    // not make one; what is tested is that the API insists on an expiry even on a genuine signature.
    const signed = (claims: object): string => {
      const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
      const body = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
      const signature = createHmac('sha256', t.config.jwtSecret).update(body).digest('base64url');
      return `${body}.${signature}`;
    };

    it('refuses a token without an expiry', async () => {
      const user = await t.createUser('viewer');
      const [{ session_version: ver }] = await t.dataSource.query(
        'SELECT session_version FROM users WHERE id = $1',
        [user.id],
      );
      // jsonwebtoken checks exp against the machine's time, not the injected clock.
      const now = Math.floor(Date.now() / 1000);
      const withExpiry = signed({ sub: user.id, ver, iat: now, exp: now + 600 });
      await t.http().get('/api/users/me').set('Authorization', `Bearer ${withExpiry}`).expect(200);
      const forever = signed({ sub: user.id, ver, iat: now });
      await t.http().get('/api/users/me').set('Authorization', `Bearer ${forever}`).expect(401);
    });
  });

  describe('failed sign-ins', () => {
    it('write an audit row with the address, the account tried and the reason, never the password', async () => {
      const user = await t.createUser('caseworker');
      const deactivated = await t.createUser('viewer');
      await t.http().delete(`/api/users/${deactivated.id}`).set(bearer(t.users.admin)).expect(200);
      const tries = [
        { email: user.email, password: 'a wrong guess 1', reason: 'wrong password', entityId: user.id },
        { email: 'Nobody@Example.org', password: 'a wrong guess 2', reason: 'unknown email', entityId: null },
        {
          email: deactivated.email,
          password: deactivated.password,
          reason: 'deactivated',
          entityId: deactivated.id,
        },
      ];
      for (const { email, password } of tries) {
        await t.http().post('/api/auth/login').send({ email, password }).expect(401);
      }
      const audit = await t
        .http()
        .get('/api/audit?action=login_failed&limit=3')
        .set(bearer(t.users.admin))
        .expect(200);
      const rows = (audit.body.items as AuditEntry[]).reverse();
      expect(rows).toEqual(
        tries.map(({ email, reason, entityId }) =>
          expect.objectContaining({
            action: 'login_failed',
            actorId: null,
            entity: 'user',
            entityId,
            context: {
              ip: expect.stringMatching(/127\.0\.0\.1|::1/),
              via: 'api',
              email: email.toLowerCase(),
              reason,
            },
          }),
        ),
      );
      const everything = JSON.stringify(await t.dataSource.query('SELECT * FROM audit_log'));
      for (const { password } of tries) {
        expect(everything).not.toContain(password);
      }
    });

    it('on the sign-in page too', async () => {
      const fresh = await t.createUser('viewer');
      const browser = request.agent(t.app.getHttpServer());
      const login = await browser.get('/login').expect(200);
      await browser
        .post('/login')
        .type('form')
        .send({ email: fresh.email, password: 'not my password', _csrf: csrfFrom(login.text) })
        .expect(401);
      const [row] = await t.dataSource.query(
        `SELECT entity_id, context FROM audit_log WHERE action = 'login_failed' ORDER BY id DESC LIMIT 1`,
      );
      expect(row).toEqual({
        entity_id: fresh.id,
        context: { ip: expect.any(String), via: 'web', email: fresh.email, reason: 'wrong password' },
      });
    });
  });

  describe('the last active admin', () => {
    // Last in the file: these leave t.users.admin demoted.
    it('cannot demote, deactivate or delete themselves, with a 409 saying why', async () => {
      const admins = await t.dataSource.query(`SELECT id FROM users WHERE role = 'admin' AND active`);
      const others = admins.filter((row: { id: string }) => row.id !== t.users.admin.id);
      for (const { id } of others) {
        await patchUser(id, { role: 'caseworker' }).expect(200);
      }
      const self = t.users.admin.id;
      for (const refused of [
        patchUser(self, { role: 'caseworker' }),
        patchUser(self, { active: false }),
        t.http().delete(`/api/users/${self}`).set(bearer(t.users.admin)),
      ]) {
        const response = await refused.expect(409);
        expect(response.body.message).toMatch(/admin@example.org is the last active admin/);
      }
      const web = await signInToWeb(t, t.users.admin);
      await web.agent
        .post(`/settings/users/${self}/active`)
        .type('form')
        .send({ _csrf: web.csrf, active: 'false' })
        .expect(409);
      const [me] = await t.dataSource.query('SELECT role, active FROM users WHERE id = $1', [self]);
      expect(me).toEqual({ role: 'admin', active: true });
      await t.http().get('/api/users').set(bearer(t.users.admin)).expect(200);
    });

    it('leaves exactly one admin when the last two demote each other at the same moment', async () => {
      const first = await t.createUser('admin');
      const second = await t.createUser('admin');
      await t.dataSource.query(
        `UPDATE users SET role = 'caseworker' WHERE role = 'admin' AND id <> ALL($1)`,
        [[first.id, second.id]],
      );
      // Both requests are held at their first lock until each of them is waiting, then let go
      // together: without a lock around the count, each would see the other still an admin.
      const holder = t.dataSource.createQueryRunner();
      await holder.startTransaction();
      await holder.query('SELECT id FROM users WHERE id = ANY($1) FOR UPDATE', [[first.id, second.id]]);
      const demote = (by: TestUser, whom: TestUser) =>
        t
          .http()
          .patch(`/api/users/${whom.id}`)
          .set(bearer(by))
          .send({ role: 'viewer' })
          .then((r) => r.status);
      const statuses = Promise.all([demote(first, second), demote(second, first)]);
      for (let waiting = 0; waiting < 2;) {
        await new Promise((resolve) => setImmediate(resolve));
        [{ waiting }] = await t.dataSource.query(
          `SELECT count(*)::int AS waiting FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
      }
      await holder.commitTransaction();
      await holder.release();
      expect((await statuses).sort()).toEqual([200, 409]);
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM users WHERE role = 'admin' AND active`,
      );
      expect(n).toBe(1);
    });
  });
});
