import { ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import request from 'supertest';
import { DataKeys, decodeDataKey, generateDataKey } from '../src/crypto/data-keys';
import { createTestDatabase, TestDatabase } from './support/test-database';

// The build as the Docker image runs it: `node dist/src/cli migration:run`, `seed:demo`, `user:create`
// and `node dist/src/main api` in production mode, on an empty database. `npm test` builds first.

const ROOT = join(__dirname, '..');
const run = promisify(execFile);

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

describe('the built app, started as the image starts it', () => {
  let database: TestDatabase;
  let api: ChildProcess;
  let output = '';
  let env: NodeJS.ProcessEnv;
  let base: string;

  beforeAll(async () => {
    expect(existsSync(join(ROOT, 'dist/src/main.js'))).toBe(true);
    database = await createTestDatabase({ migrate: false });
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    env = {
      PATH: process.env.PATH,
      TZ: 'Asia/Kolkata',
      NODE_ENV: 'production',
      PORT: String(port),
      DATABASE_URL: database.url,
      REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
      SMTP_URL: 'smtp://127.0.0.1:2',
      JWT_SECRET: randomBytes(32).toString('hex'),
      VIGIL_DATA_KEY: generateDataKey(),
      QUEUE_PREFIX: `vigil-built-${randomBytes(4).toString('hex')}`,
      ADMIN_EMAIL: 'first-admin@example.org',
      ADMIN_PASSWORD: 'the first admin password',
    };
  });

  afterAll(async () => {
    if (api && api.exitCode === null) {
      api.kill('SIGKILL');
    }
    await database?.drop();
  });

  it('migrates an empty database and loads the demo case twice without duplicating it', async () => {
    await run(process.execPath, ['dist/src/cli', 'migration:run'], { cwd: ROOT, env });
    const first = await run(process.execPath, ['dist/src/cli', 'seed:demo'], { cwd: ROOT, env });
    expect(first.stdout).toMatch(/created 1 defender, 2 cases/);
    const second = await run(process.execPath, ['dist/src/cli', 'seed:demo'], { cwd: ROOT, env });
    expect(second.stdout).toMatch(/created nothing/);
  });

  it('creates a user from the command line', async () => {
    const { stdout } = await run(
      process.execPath,
      [
        'dist/src/cli',
        'user:create',
        '--email',
        'cli@example.org',
        '--name',
        'From CLI',
        '--role',
        'caseworker',
      ],
      { cwd: ROOT, env: { ...env, VIGIL_USER_PASSWORD: 'a password from the cli' } },
    );
    expect(stdout).toMatch(/Created caseworker cli@example.org/);
  });

  it("resets a user's second factor from the command line, for an admin locked out", async () => {
    const client = new Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(
        `INSERT INTO second_factors (user_id, secret, confirmed_at)
         SELECT id, $1, now() FROM users WHERE email = 'cli@example.org'`,
        // Sealed with the app's key, as the app stores it.
        [new DataKeys(decodeDataKey(env.VIGIL_DATA_KEY!)).seal('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP')],
      );
      const { stdout } = await run(
        process.execPath,
        ['dist/src/cli', 'user:reset-two-factor', '--email', 'CLI@example.org'],
        { cwd: ROOT, env },
      );
      expect(stdout).toMatch(/Reset the second factor of CLI@example.org/);
      expect((await client.query('SELECT 1 FROM second_factors')).rowCount).toBe(0);
      const audit = await client.query(
        `SELECT actor_id, context FROM audit_log WHERE entity = 'second_factor' AND action = 'delete'`,
      );
      expect(audit.rows).toEqual([{ actor_id: null, context: { reason: 'reset from the command line' } }]);
    } finally {
      await client.end();
    }
  });

  it('refuses an easily guessed password on the command line, saying why', async () => {
    const args = ['user:create', '--email', 'weak@example.org', '--name', 'Weak', '--role', 'viewer'];
    await expect(
      run(process.execPath, ['dist/src/cli', ...args, '--password', 'password1234'], { cwd: ROOT, env }),
    ).rejects.toMatchObject({ stderr: expect.stringMatching(/password is too easy to guess: \S/) });
  });

  it('serves the API, the OpenAPI document and the web pages with their assets', async () => {
    api = spawn(process.execPath, ['dist/src/main', 'api'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    api.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    api.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const started = Date.now();
    while (!output.includes('API listening')) {
      if (api.exitCode !== null || Date.now() - started > 30_000) {
        throw new Error(`The api did not start:\n${output}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    await request(base).get('/health/ready').expect(200);
    const given = await request(base)
      .post('/api/auth/login')
      .send({ email: 'first-admin@example.org', password: 'the first admin password' })
      .expect(200);
    // The first admin chooses their own password before anything else.
    await request(base)
      .post('/api/users/me/password')
      .set('Authorization', `Bearer ${given.body.accessToken}`)
      .send({ currentPassword: 'the first admin password', newPassword: 'the first admin chose this one' })
      .expect(204);
    const login = await request(base)
      .post('/api/auth/login')
      .send({ email: 'first-admin@example.org', password: 'the first admin chose this one' })
      .expect(200);
    const cases = await request(base)
      .get('/api/cases?limit=10')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(cases.body.total).toBe(2);
    await request(base)
      .post('/api/auth/login')
      .send({ email: 'cli@example.org', password: 'a password from the cli' })
      .expect(200);

    const page = await request(base).get('/login').expect(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.text).toContain('<form');
    const css = await request(base).get('/assets/vigil.css').expect(200);
    expect(css.headers['content-type']).toMatch(/text\/css/);
    await request(base).get('/docs-json').expect(200);
  });

  it('stops on SIGTERM after closing its connections, with no error logged', async () => {
    const exited = new Promise<string>((resolve) =>
      api.on('exit', (code, signal) => resolve(`${code}/${signal}`)),
    );
    api.kill('SIGTERM');
    // Nest runs its shutdown hooks, then re-raises the signal, as orchestrators expect.
    expect(['0/null', 'null/SIGTERM']).toContain(await exited);
    expect(output).not.toMatch(/ERROR/);
  });
});
