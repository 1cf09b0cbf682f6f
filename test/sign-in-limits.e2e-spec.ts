import { AuditEntry } from '../src/audit/audit-entry.entity';
import { bearer, startTestApp, TestApp } from './support/test-app';

// The per-address sign-in limit at its production value, and whose address counts. A file of its
// own: the limiter is per api process, and these tests use up the loopback address's allowance.

const failedSignIns = async (t: TestApp, count: number): Promise<AuditEntry[]> => {
  const audit = await t
    .http()
    .get(`/api/audit?action=login_failed&limit=${count}`)
    .set(bearer(t.users.admin))
    .expect(200);
  return (audit.body.items as AuditEntry[]).reverse();
};

describe('sign-in limit per address', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-15T09:00:00Z' });
  });
  afterAll(() => t.close());

  it('refuses the 21st attempt in 15 minutes from one address, however X-Forwarded-For is rotated', async () => {
    for (let n = 0; n < 20; n += 1) {
      await t
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', `203.0.113.${n + 1}`)
        .send({ email: `sprayed-${n}@example.org`, password: 'a wrong guess' })
        .expect(401);
    }
    // Even the right password of another account, from a "new" address.
    const refused = await t
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', '198.51.100.7')
      .send({ email: t.users.viewer.email, password: t.users.viewer.password })
      .expect(429);
    expect(refused.body.message).toMatch(/try again in 15 minutes/);

    // The audit log has the connection's address, not the ones the client claimed.
    const rows = await failedSignIns(t, 20);
    expect(rows).toHaveLength(20);
    const addresses = new Set(rows.map((row) => row.context?.ip));
    expect([...addresses]).toEqual([expect.stringMatching(/^(::ffff:)?127\.0\.0\.1$|^::1$/)]);
    expect(JSON.stringify(rows)).not.toMatch(/203\.0\.113|198\.51\.100/);
    expect(rows[19].context).toMatchObject({ locked: ['address'] });
    expect(rows.slice(0, 19).every((row) => row.context?.locked === undefined)).toBe(true);

    t.clock.advance(15 * 60_000);
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: t.users.viewer.email, password: t.users.viewer.password })
      .expect(200);
  });
});

describe('sign-in behind a proxy named in TRUST_PROXY', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ env: { TRUST_PROXY: 'loopback' } });
  });
  afterAll(() => t.close());

  it('takes the client address from the trusted proxy’s X-Forwarded-For', async () => {
    await t
      .http()
      .post('/api/auth/login')
      .set('X-Forwarded-For', '203.0.113.9')
      .send({ email: t.users.viewer.email, password: 'a wrong guess' })
      .expect(401);
    const [row] = await failedSignIns(t, 1);
    expect(row.context).toMatchObject({ ip: '203.0.113.9', reason: 'wrong password' });
  });
});
