import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { AuditService } from '../src/audit/audit.service';
import { Clock } from '../src/common/clock';
import { dataSourceOptions } from '../src/database/data-source-options';
import { DemoSeeder } from '../src/demo/seed-demo';
import { ReminderScheduler } from '../src/reminders/reminder-scheduler';
import { runCli } from './support/cli';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

// `npm run cli -- backup` of a database holding the demo case, restored with `restore` into a fresh
// database: every row of every table comes back, the audit log and the reminders with them.
describe('backup and restore', () => {
  let t: TestApp;
  let fresh: TestDatabase;
  let restored: DataSource;
  const dir = mkdtempSync(join(tmpdir(), 'vigil-backup-'));
  const file = join(dir, 'vigil.dump');

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-01-15T09:00:00Z' });
    await new DemoSeeder(
      t.dataSource,
      t.app.get(AuditService),
      t.app.get(ReminderScheduler),
      t.app.get(Clock),
    ).seed();
    fresh = await createTestDatabase({ migrate: false });
  });

  afterAll(async () => {
    await restored?.destroy();
    await fresh?.drop();
    await t?.close();
  });

  const tables = async (dataSource: DataSource): Promise<string[]> =>
    (
      (await dataSource.query(
        `SELECT table_name AS name FROM information_schema.tables
          WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
      )) as { name: string }[]
    ).map((row) => row.name);

  /** Every row of a table, as text, in a stable order. */
  const rows = async (dataSource: DataSource, table: string): Promise<string[]> =>
    ((await dataSource.query(`SELECT t::text AS row FROM "${table}" t ORDER BY 1`)) as { row: string }[]).map(
      (r) => r.row,
    );

  it('writes a custom-format dump readable by its owner alone', async () => {
    const result = await runCli(['backup', '--file', file], {
      NODE_ENV: 'test',
      DATABASE_URL: t.config.databaseUrl,
    });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('PGDMP');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('restores every row, the audit log and the reminders into a fresh database', async () => {
    const result = await runCli(['restore', '--file', file], { NODE_ENV: 'test', DATABASE_URL: fresh.url });
    expect(result).toMatchObject({ code: 0 });
    restored = new DataSource(dataSourceOptions(fresh.url));
    await restored.initialize();

    const names = await tables(t.dataSource);
    expect(names).toEqual(
      expect.arrayContaining(['audit_log', 'reminders', 'defenders', 'cases', 'migrations']),
    );
    expect(await tables(restored)).toEqual(names);
    for (const table of names) {
      expect({ table, rows: await rows(restored, table) }).toEqual({
        table,
        rows: await rows(t.dataSource, table),
      });
    }
    // The demo is there to be found, with its history and its planned reminders.
    const [{ audits, reminders, demo }] = (await restored.query(
      `SELECT (SELECT count(*)::int FROM audit_log) AS audits,
              (SELECT count(*)::int FROM reminders WHERE status = 'pending') AS reminders,
              (SELECT count(*)::int FROM defenders WHERE full_name = 'Khurram Parvez') AS demo`,
    )) as { audits: number; reminders: number; demo: number }[];
    expect(audits).toBeGreaterThan(10);
    expect(reminders).toBeGreaterThan(0);
    expect(demo).toBe(1);
    // The restored database keeps its rules: the audit log is still append-only, and no migration is pending.
    await expect(restored.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    expect(await restored.showMigrations()).toBe(false);
  });

  it('refuses to restore over a database that holds anything, and changes nothing', async () => {
    const before = await rows(restored, 'audit_log');
    const result = await runCli(['restore', '--file', file], { NODE_ENV: 'test', DATABASE_URL: fresh.url });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/is not empty/);
    expect(await rows(restored, 'audit_log')).toEqual(before);
  });

  it('says what is wrong when the file is missing', async () => {
    const result = await runCli(['backup'], { NODE_ENV: 'test', DATABASE_URL: t.config.databaseUrl });
    expect(result).toMatchObject({ code: 1, stderr: expect.stringMatching(/--file is required/) });
    // The app that was backed up keeps serving.
    await t.http().get('/api/defenders').set(bearer(t.users.viewer)).expect(200);
  });
});
