import { DataSource } from 'typeorm';
import { DataKeys, dataKeyId, decodeDataKey } from '../src/crypto/data-keys';
import { dataSourceOptions } from '../src/database/data-source-options';
import { MIGRATIONS } from '../src/database/migrations';
import { SealConfidentialFields1796400000000 } from '../migrations/1796400000000-SealConfidentialFields';
import { TEST_DATA_KEY } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

// An installation upgrading to sealed fields: what the earlier version stored in clear is sealed by
// the migration, without loss, and an upgrade without a key stops before changing anything.

const FIRST_NEW = MIGRATIONS.indexOf(SealConfidentialFields1796400000000);
const keys = () => new DataKeys(decodeDataKey(TEST_DATA_KEY));

describe('sealing what an earlier version stored in clear', () => {
  let database: TestDatabase;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    const before = new DataSource({
      ...dataSourceOptions(database.url),
      migrations: MIGRATIONS.slice(0, FIRST_NEW),
    });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    const one = async (sql: string, params: unknown[] = []) =>
      ((await before.query(sql, params)) as { id: string }[])[0].id;
    ids.defender = await one(
      `INSERT INTO defenders (full_name, country, contacts)
       VALUES ('Leyla Aliyeva', 'AZ', '[{"name": "Tural", "relation": "brother", "phone": "+994 50 000 11 22"}]')
       RETURNING id`,
    );
    ids.case = await one(
      `INSERT INTO cases (defender_id, title, country, timezone, status, detention_status, viewer_detention_status)
       VALUES ($1, 'Baku case', 'AZ', 'Asia/Baku', 'charged', 'in_custody', 'in_custody')
       RETURNING id`,
      [ids.defender],
    );
    ids.hearing = await one(
      `INSERT INTO hearings (case_id, scheduled_local, scheduled_at, court, judge, visibility)
       VALUES ($1, '2025-05-05 10:00', '2025-05-05 06:00Z', 'Baku Grave Crimes Court', 'Judge Mammadov', 'confidential')
       RETURNING id`,
      [ids.case],
    );
    ids.publicHearing = await one(
      `INSERT INTO hearings (case_id, scheduled_local, scheduled_at, court, visibility)
       VALUES ($1, '2025-06-05 10:00', '2025-06-05 06:00Z', 'Baku Court of Appeal', 'public') RETURNING id`,
      [ids.case],
    );
    ids.event = await one(
      `INSERT INTO events (case_id, occurred_on, type, description, visibility)
       VALUES ($1, '2025-04-01', 'ill_treatment', 'Beaten in the transfer van', 'confidential') RETURNING id`,
      [ids.case],
    );
    await before.query(
      `INSERT INTO event_sources (event_id, position, citation, url) VALUES ($1, 0, 'Her lawyer', 'https://example.org/van')`,
      [ids.event],
    );
    await before.query(
      `INSERT INTO audit_log (at, actor_email, action, entity, entity_id, after)
       VALUES (now(), 'someone@example.org', 'create', 'hearing', $1, $2)`,
      [
        ids.hearing,
        JSON.stringify({
          court: 'Baku Grave Crimes Court',
          judge: 'Judge Mammadov',
          visibility: 'confidential',
        }),
      ],
    );
    await before.destroy();
  });
  afterAll(() => database.drop());

  it('stops, saying to set VIGIL_DATA_KEY, when there is something to seal and no key, changing nothing', async () => {
    const keyless = new DataSource(dataSourceOptions(database.url));
    await keyless.initialize();
    try {
      await expect(keyless.runMigrations({ transaction: 'each' })).rejects.toThrow(
        /This upgrade seals contacts and confidential entries: set VIGIL_DATA_KEY/,
      );
      const [{ court }] = await keyless.query('SELECT court FROM hearings WHERE id = $1', [ids.hearing]);
      expect(court).toBe('Baku Grave Crimes Court');
    } finally {
      await keyless.destroy();
    }
  });

  it('seals contacts, confidential entries, their sources and audit snapshots, and the app reads them unchanged', async () => {
    const dataSource = new DataSource(dataSourceOptions(database.url, keys()));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      const raw = new DataSource(dataSourceOptions(database.url));
      await raw.initialize();
      try {
        const stored = JSON.stringify(
          await raw.query(
            `SELECT (SELECT json_agg(d) FROM defenders d) AS d, (SELECT json_agg(h) FROM hearings h) AS h,
                    (SELECT json_agg(e) FROM events e) AS e, (SELECT json_agg(s) FROM event_sources s) AS s,
                    (SELECT json_agg(a) FROM audit_log a) AS a`,
          ),
        );
        for (const secret of [
          'Tural',
          '+994',
          'Grave Crimes',
          'Mammadov',
          'transfer van',
          'Her lawyer',
          'example.org/van',
        ]) {
          expect(stored).not.toContain(secret);
        }
        // Public entries stay in clear.
        expect(stored).toContain('Baku Court of Appeal');
        const [{ id }] = await raw.query('SELECT id FROM data_keys');
        expect(id).toBe(dataKeyId(decodeDataKey(TEST_DATA_KEY)));
      } finally {
        await raw.destroy();
      }

      const [defender] = await dataSource.query('SELECT contacts FROM defenders WHERE id = $1', [
        ids.defender,
      ]);
      expect(defender.contacts).toEqual([{ name: 'Tural', relation: 'brother', phone: '+994 50 000 11 22' }]);
      const [hearing] = await dataSource.query('SELECT court, judge FROM hearings WHERE id = $1', [
        ids.hearing,
      ]);
      expect(hearing).toEqual({ court: 'Baku Grave Crimes Court', judge: 'Judge Mammadov' });
      const [source] = await dataSource.query('SELECT citation, url FROM event_sources WHERE event_id = $1', [
        ids.event,
      ]);
      expect(source).toEqual({ citation: 'Her lawyer', url: 'https://example.org/van' });
      const [audit] = await dataSource.query(`SELECT after FROM audit_log WHERE entity_id = $1`, [
        ids.hearing,
      ]);
      expect(audit.after).toEqual({
        court: 'Baku Grave Crimes Court',
        judge: 'Judge Mammadov',
        visibility: 'confidential',
      });
      // The append-only log is append-only again.
      await expect(dataSource.query('UPDATE audit_log SET actor_email = NULL')).rejects.toThrow();
    } finally {
      await dataSource.destroy();
    }
  });
});
