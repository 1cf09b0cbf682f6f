import { DateTime } from 'luxon';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { grantAppRole, scramVerifier } from '../src/database/app-role';
import { dataSourceOptions } from '../src/database/data-source-options';
import { makeCase } from './factories/cases';
import { startTestSmtp, TestSmtp } from './support/smtp';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createTestDatabase } from './support/test-database';
import { signInToWeb } from './support/web-session';
import { startTestWorker } from './support/worker';

// The app as `docker compose up` runs it: the migrations ran as the owner, and the api and the worker
// connect as a role of their own that owns nothing. Holding the app's credentials must not be enough
// to rewrite the audit log, by any of the ways a superuser or an owner has.

jest.setTimeout(60_000);

describe('the database role the app connects as', () => {
  let smtp: TestSmtp;
  let t: TestApp;
  let app: Client;
  let owner: Client;

  /** The statement's failure as the app role, asserting it was refused for want of privilege. */
  const refused = async (sql: string): Promise<string> => {
    const error = await app.query(sql).then(
      () => undefined,
      (caught: { code?: string; message: string }) => caught,
    );
    expect(error).toMatchObject({ code: '42501' });
    return error!.message;
  };
  const auditLog = async (): Promise<string> =>
    (await owner.query(`SELECT md5(string_agg(a::text, ',' ORDER BY id)) AS digest FROM audit_log a`)).rows[0]
      .digest;

  beforeAll(async () => {
    smtp = await startTestSmtp();
    t = await startTestApp({ databaseRole: 'app', env: { SMTP_URL: smtp.url } });
    app = new Client({ connectionString: t.config.databaseUrl });
    owner = new Client({ connectionString: t.database.url });
    await app.connect();
    await owner.connect();
  });
  afterAll(async () => {
    await app?.end();
    await owner?.end();
    await t?.close();
    await smtp?.close();
  });

  it('is a role of its own: not a superuser, owning no table, unable to create one', async () => {
    const role = decodeURIComponent(new URL(t.database.appUrl).username);
    const { rows } = await app.query(
      `SELECT current_user AS name, r.rolsuper AS superuser,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
         FROM pg_roles r WHERE r.rolname = current_user`,
    );
    expect(rows).toEqual([{ name: role, superuser: false, owned: 0 }]);
    expect(await refused('CREATE TABLE mine (id int)')).toMatch(/permission denied for schema public/);
    expect(await refused('SELECT * FROM migrations')).toMatch(/permission denied/);
  });

  it('may read and append to the audit log, and cannot update, delete, truncate or switch off its triggers', async () => {
    await t
      .http()
      .post('/api/auth/login')
      .send({ email: t.users.viewer.email, password: t.users.viewer.password });
    const { rows } = await app.query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'login'`);
    expect(rows[0].n).toBeGreaterThanOrEqual(4);
    const before = await auditLog();

    expect(await refused(`UPDATE audit_log SET entity = 'tampered'`)).toMatch(
      /permission denied for table audit_log/,
    );
    expect(await refused('DELETE FROM audit_log')).toMatch(/permission denied for table audit_log/);
    expect(await refused('TRUNCATE audit_log')).toMatch(/permission denied for table audit_log/);
    expect(await refused('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete')).toMatch(
      /must be owner of table audit_log/,
    );
    expect(await refused('ALTER TABLE audit_log DISABLE TRIGGER ALL')).toMatch(/must be owner/);
    expect(await refused('SET session_replication_role = replica')).toMatch(
      /permission denied to set parameter "session_replication_role"/,
    );
    expect(await refused(`SELECT set_config('session_replication_role', 'replica', false)`)).toMatch(
      /permission denied to set parameter/,
    );
    expect(await refused('DROP TRIGGER audit_log_no_update_or_delete ON audit_log')).toMatch(/must be owner/);
    expect(await refused('ALTER TABLE audit_log OWNER TO CURRENT_USER')).toMatch(/must be owner/);
    expect(await auditLog()).toBe(before);
  });

  it('runs the app as that role: the API, the pages, sign-in limits, exports and a reminder sent by the worker', async () => {
    const caseworker = bearer(t.users.caseworker);
    const kase = await makeCase(t.dataSource, { arrestedOn: null });
    await t.http().post(`/api/cases/${kase.id}/watchers`).set(caseworker).send({}).expect(200);
    const hearingAt = DateTime.fromISO('2026-05-08T09:00:00Z');
    t.clock.set(hearingAt.minus({ days: 7, milliseconds: 1500 }).toJSDate());
    const local = hearingAt.setZone(kase.timezone).toFormat("yyyy-MM-dd'T'HH:mm");
    await t
      .http()
      .post(`/api/cases/${kase.id}/hearings`)
      .set(caseworker)
      .send({ scheduledAt: local })
      .expect(201);
    await t
      .http()
      .post(`/api/cases/${kase.id}/events`)
      .set(caseworker)
      .send({
        occurredOn: '2026-04-01',
        precision: 'day',
        type: 'raid',
        title: 'Home raided',
        description: 'A raid.',
        sources: [{ citation: 'A statement' }],
        visibility: 'public',
      })
      .expect(201);
    await t.http().get(`/api/cases/${kase.id}/chronology?format=md`).set(caseworker).expect(200);

    const worker = await startTestWorker(t);
    try {
      const [mail] = await smtp.waitFor(1, 20_000);
      expect(mail.to).toEqual([t.users.caseworker.email]);
    } finally {
      await worker.close();
    }

    await t
      .http()
      .post('/api/auth/login')
      .send({ email: t.users.viewer.email, password: 'a guess' })
      .expect(401);
    const web = await signInToWeb(t, t.users.caseworker);
    await web.agent.get(`/cases/${kase.id}`).expect(200);
    await web.agent.post('/logout').type('form').send({ _csrf: web.csrf }).expect(303);

    const someone = await t.createUser('viewer');
    await t.http().delete(`/api/users/${someone.id}`).set(bearer(t.users.admin)).expect(200);
    const audit = await t.http().get('/api/audit?limit=100').set(bearer(t.users.admin)).expect(200);
    expect(audit.body.items.map((row: { action: string }) => row.action)).toEqual(
      expect.arrayContaining(['create', 'update', 'export', 'login']),
    );
  });

  it('is granted again on every setup without harm, and a superuser or an owner is refused as the app role', async () => {
    const dataSource = new DataSource(dataSourceOptions(t.database.url));
    await dataSource.initialize();
    const role = decodeURIComponent(new URL(t.database.appUrl).username);
    const impostor = `${role}_super`;
    try {
      await grantAppRole(dataSource, {
        name: role,
        password: decodeURIComponent(new URL(t.database.appUrl).password),
      });
      await t.http().get('/api/cases').set(bearer(t.users.viewer)).expect(200);
      expect(await refused('DELETE FROM audit_log')).toMatch(/permission denied/);

      await owner.query(`CREATE ROLE ${impostor} SUPERUSER`);
      await expect(grantAppRole(dataSource, { name: impostor })).rejects.toThrow(/a superuser/);
      await owner.query(`ALTER ROLE ${impostor} NOSUPERUSER`);
      await owner.query(`GRANT ${owner.user} TO ${impostor}`);
      await expect(grantAppRole(dataSource, { name: impostor })).rejects.toThrow(/may act as the owner/);
    } finally {
      await owner.query(`DROP ROLE IF EXISTS ${impostor}`);
      await dataSource.destroy();
    }
  });

  it('warns at start-up in production when the app connects as a superuser, and not as its own role', async () => {
    const warningsAs = async (databaseUrl: string): Promise<string[]> => {
      const warnings: string[] = [];
      const quiet = () => undefined;
      const worker = await startTestWorker(
        { ...t, config: { ...t.config, nodeEnv: 'production', databaseUrl } },
        { log: quiet, error: quiet, warn: (message: unknown) => warnings.push(String(message)) },
      );
      await worker.close();
      return warnings.filter((warning) => warning.startsWith('DATABASE_URL connects as'));
    };
    expect(await warningsAs(t.database.url)).toEqual([
      expect.stringMatching(/a superuser, which can rewrite the audit log/),
    ]);
    expect(await warningsAs(t.config.databaseUrl)).toEqual([]);
  });

  it("sets the app role's password as the SCRAM verifier PostgreSQL itself computes, never in clear", async () => {
    const role = decodeURIComponent(new URL(t.database.appUrl).username);
    const stored = async (name: string): Promise<string> =>
      (await owner.query('SELECT rolpassword FROM pg_authid WHERE rolname = $1', [name])).rows[0].rolpassword;
    expect(await stored(role)).toMatch(/^SCRAM-SHA-256\$4096:/);
    const other = `${role}_scram`;
    try {
      await owner.query(`SET password_encryption = 'scram-sha-256'`);
      await owner.query(`CREATE ROLE ${other} PASSWORD 'correct horse battery staple'`);
      const verifier = await stored(other);
      const [, iterations, salt] = /^SCRAM-SHA-256\$(\d+):([^$]+)\$/.exec(verifier)!;
      expect(
        scramVerifier('correct horse battery staple', Buffer.from(salt, 'base64'), Number(iterations)),
      ).toBe(verifier);
    } finally {
      await owner.query(`DROP ROLE IF EXISTS ${other}`);
    }
  });

  it('is created and granted by the built `migration:run`, as the compose setup runs it', async () => {
    // `npm test` builds first, as for test/built-app.e2e-spec.ts.
    const root = join(__dirname, '..');
    expect(existsSync(join(root, 'dist/src/cli.js'))).toBe(true);
    const database = await createTestDatabase({ migrate: false });
    const client = new Client({ connectionString: database.appUrl });
    try {
      const appUrl = new URL(database.appUrl);
      const passwordFile = join(mkdtempSync(join(tmpdir(), 'vigil-roles-')), 'database-password');
      writeFileSync(passwordFile, `${decodeURIComponent(appUrl.password)}\n`);
      appUrl.password = '';
      const env = {
        PATH: process.env.PATH,
        NODE_ENV: 'test',
        DATABASE_OWNER_URL: database.url,
        DATABASE_URL: appUrl.toString(),
        DATABASE_PASSWORD_FILE: passwordFile,
      };
      const cli = () =>
        promisify(execFile)(process.execPath, ['dist/src/cli', 'migration:run'], { cwd: root, env });
      const first = await cli();
      expect(first.stdout).toMatch(new RegExp(`Applied .*The app connects as ${appUrl.username}`, 's'));
      const again = await cli();
      expect(again.stdout).toMatch(/No pending migrations/);

      await client.connect();
      const { rows } = await client.query(
        `SELECT current_user AS name,
                has_table_privilege('audit_log', 'INSERT') AS append,
                has_table_privilege('audit_log', 'UPDATE') AS rewrite,
                has_table_privilege('cases', 'UPDATE') AS edit`,
      );
      expect(rows).toEqual([{ name: appUrl.username, append: true, rewrite: false, edit: true }]);
    } finally {
      await client.end().catch(() => undefined);
      await database.drop();
    }
  });
});
