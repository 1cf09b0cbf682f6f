import { Writable } from 'node:stream';
import { bearer, startTestApp, TestApp } from './support/test-app';

// Logs as an admin reads them: JSON lines, one per request with its id, route, user and latency,
// the same id in the X-Request-Id header and in error responses, and nothing secret on any line.
describe('structured logs', () => {
  let t: TestApp;
  let output = '';
  const logs = new Writable({
    write(chunk: Buffer, _encoding, done) {
      output += chunk.toString();
      done();
    },
  });
  type Line = Record<string, unknown> & {
    requestId?: string;
    route?: string;
    userId?: string;
    req?: { method: string; path: string };
    res?: { statusCode: number };
    responseTime?: number;
    msg?: string;
  };
  const lines = (): Line[] =>
    output
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Line);
  const requestLine = (id: string): Line | undefined =>
    lines().find((line) => line.requestId === id && line.res);

  const ADMIN_EMAIL = 'first.admin@example.org';
  const ADMIN_PASSWORD = 'generated-by-setup-Xq7v9L2m';

  beforeAll(async () => {
    t = await startTestApp({ env: { LOG_LEVEL: 'info', ADMIN_EMAIL, ADMIN_PASSWORD }, logs });
  });

  afterAll(() => t?.close());

  it('writes JSON lines only, with email addresses scrubbed from messages', () => {
    expect(lines().length).toBeGreaterThan(0);
    expect(lines().map((line) => line.msg)).toContain('Created the first admin, [email]');
    expect(output).not.toContain(ADMIN_EMAIL);
  });

  it('logs a refused sign-in with its request id, route, status and latency, and no credentials', async () => {
    const response = await t
      .http()
      .post('/api/auth/login')
      .set('X-Request-Id', 'proxy-trace-4711')
      .set('Cookie', 'vigil_session=cookie-value-never-logged')
      .send({ email: ADMIN_EMAIL, password: 'a wrong password never logged' })
      .expect(401);
    expect(response.headers['x-request-id']).toBe('proxy-trace-4711');
    expect(response.body).toMatchObject({ statusCode: 401, requestId: 'proxy-trace-4711' });
    expect(requestLine('proxy-trace-4711')).toMatchObject({
      route: '/api/auth/login',
      req: { method: 'POST', path: '/api/auth/login' },
      res: { statusCode: 401 },
      responseTime: expect.any(Number),
    });
    for (const secret of [ADMIN_EMAIL, 'never logged', 'cookie-value']) {
      expect(output).not.toContain(secret);
    }
  });

  it('names the signed-in user and the route, not the query or the token', async () => {
    const user = t.users.caseworker;
    const created = await t
      .http()
      .post('/api/defenders')
      .set(bearer(user))
      .send({
        fullName: 'Asel Secretname',
        country: 'KG',
        contacts: [
          { name: 'Aigul', relation: 'sister', phone: '+996 555 123 456', email: 'asel.family@example.org' },
        ],
      })
      .expect(201);
    const search = await t.http().get('/api/defenders?q=Secretname').set(bearer(user)).expect(200);
    const id = search.headers['x-request-id'];
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestLine(id)).toMatchObject({
      userId: user.id,
      route: '/api/defenders',
      req: { method: 'GET', path: '/api/defenders' },
      res: { statusCode: 200 },
    });
    expect(requestLine(created.headers['x-request-id'])).toMatchObject({
      userId: user.id,
      res: { statusCode: 201 },
    });
    // Once per line: a log shipper may keep the first of two keys, and the first was the catch-all route.
    const raw = output
      .split('\n')
      .find((line) => line.includes(`"requestId":"${id}"`) && line.includes('"res"'));
    expect(raw?.match(/"route":/g)).toEqual(['"route":']);
    for (const secret of ['Secretname', 'asel.family', '555 123', user.token, 'Bearer']) {
      expect(output).not.toContain(secret);
    }
  });

  it('gives a generated id to every request and puts it in the error envelope', async () => {
    const missing = await t
      .http()
      .get('/api/defenders/00000000-0000-4000-8000-000000000000')
      .set(bearer(t.users.viewer))
      .expect(404);
    expect(missing.body.requestId).toBe(missing.headers['x-request-id']);
    // A forged id with other characters is not taken over.
    const forged = await t.http().get('/health').set('X-Request-Id', 'x"} {"level":60').expect(200);
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("puts the request's id on the lines written while serving it, such as a server error", async () => {
    await t.dataSource.query('ALTER TABLE defenders RENAME TO defenders_away');
    try {
      const failed = await t.http().get('/api/defenders').set(bearer(t.users.viewer)).expect(500);
      const id = failed.headers['x-request-id'];
      expect(failed.body.requestId).toBe(id);
      const forRequest = lines().filter((line) => line.requestId === id);
      // The error filter's line (with the stack) and the request's own line.
      expect(forRequest.map((line) => line.level)).toEqual([50, 50]);
      expect(forRequest[0]).toMatchObject({ context: 'Errors', msg: 'GET /api/defenders' });
    } finally {
      await t.dataSource.query('ALTER TABLE defenders_away RENAME TO defenders');
    }
  });

  it('leaves no calendar feed token on any line, a served feed or a server error', async () => {
    const created = await t
      .http()
      .post('/api/calendar/feeds')
      .set(bearer(t.users.viewer))
      .send({})
      .expect(201);
    const token = created.body.token as string;
    const served = await t.http().get(`/calendar/${token}.ics`).expect(200);
    expect(requestLine(served.headers['x-request-id'])).toMatchObject({
      route: '/calendar/:token.ics',
      req: { method: 'GET', path: '/calendar/[redacted]' },
      res: { statusCode: 200 },
    });
    await t.dataSource.query('ALTER TABLE calendar_feeds RENAME TO calendar_feeds_away');
    try {
      const failed = await t.http().get(`/calendar/${token}.ics`).expect(500);
      const forRequest = lines().filter((line) => line.requestId === failed.headers['x-request-id']);
      expect(forRequest[0]).toMatchObject({ context: 'Errors', msg: 'GET /calendar/[redacted]' });
    } finally {
      await t.dataSource.query('ALTER TABLE calendar_feeds_away RENAME TO calendar_feeds');
    }
    expect(output).not.toContain(token);
  });
});
