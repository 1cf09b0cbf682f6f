import { DataSource } from 'typeorm';
import { CaseParticipants1797020000000 } from '../migrations/1797020000000-CaseParticipants';
import { DataKeys, decodeDataKey } from '../src/crypto/data-keys';
import { dataSourceOptions } from '../src/database/data-source-options';
import { MIGRATIONS } from '../src/database/migrations';
import { TEST_DATA_KEY } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

// Cases as Vigil stored them before participants (a defender and co-accused links), migrated: every
// person stays in their case, and everyone's detention reads as it did.

const FIRST_NEW = MIGRATIONS.indexOf(CaseParticipants1797020000000);
const keys = new DataKeys(decodeDataKey(TEST_DATA_KEY));

describe('migrating co-accused links to participants', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    const before = new DataSource({
      ...dataSourceOptions(database.url, keys),
      migrations: MIGRATIONS.slice(0, FIRST_NEW),
    });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    const defender = async (name: string) =>
      (
        (await before.query(`INSERT INTO defenders (full_name, country) VALUES ($1, 'TH') RETURNING id`, [
          name,
        ])) as {
          id: string;
        }[]
      )[0].id;
    ids.anon = await defender('Anon Nampa');
    ids.panusaya = await defender('Panusaya Sithijirawattanakul');
    ids.alone = await defender('Somyot Prueksakasemsuk');
    const kase = async (defenderId: string, title: string) =>
      (
        (await before.query(
          `INSERT INTO cases (defender_id, title, country, timezone, status, viewer_status, detention_status,
                            viewer_detention_status, arrested_on)
         VALUES ($1, $2, 'TH', 'Asia/Bangkok', 'charged', 'charged', 'in_custody', 'in_custody', '2021-02-09')
         RETURNING id`,
          [defenderId, title],
        )) as { id: string }[]
      )[0].id;
    ids.joint = await kase(ids.anon, 'Rally case');
    ids.single = await kase(ids.alone, 'Magazine case');
    await before.query('INSERT INTO case_co_accused (case_id, defender_id) VALUES ($1, $2)', [
      ids.joint,
      ids.panusaya,
    ]);
    const entry = async (caseId: string, type: string, visibility = 'public') =>
      (
        (await before.query(
          `INSERT INTO events (case_id, occurred_on, type, description, visibility)
         VALUES ($1, '2021-02-09', $2, $3, $4) RETURNING id`,
          [
            caseId,
            type,
            visibility === 'confidential' ? keys.seal('as recorded before') : 'as recorded before',
            visibility,
          ],
        )) as { id: string }[]
      )[0].id;
    ids.jointArrest = await entry(ids.joint, 'arrest');
    // Sealed at rest since SealConfidentialFields: the migration must move it without opening it.
    ids.jointBail = await entry(ids.joint, 'bail_granted', 'confidential');
    ids.jointRaid = await entry(ids.joint, 'raid');
    ids.singleArrest = await entry(ids.single, 'arrest');
    const charge = async (caseId: string) =>
      (
        (await before.query(
          `INSERT INTO charges (case_id, law, section, status) VALUES ($1, 'Criminal Code', '112', 'alleged') RETURNING id`,
          [caseId],
        )) as { id: string }[]
      )[0].id;
    ids.jointCharge = await charge(ids.joint);
    ids.singleCharge = await charge(ids.single);
    ids.order = (
      (await before.query(
        `INSERT INTO custody_orders (case_id, kind, ordered_on, days) VALUES ($1, 'pre_trial', '2021-02-10', 12) RETURNING id`,
        [ids.joint],
      )) as { id: string }[]
    )[0].id;
    await before.destroy();
    dataSource = new DataSource(dataSourceOptions(database.url, keys));
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const ownerOf = async (table: string, id: string) =>
    (
      (await dataSource.query(`SELECT participant_id AS owner FROM ${table} WHERE id = $1`, [id])) as {
        owner: string | null;
      }[]
    )[0].owner;

  it('makes the defender and every co-accused a participant, keeping the stored facts', async () => {
    const rows = (await dataSource.query(
      `SELECT case_id AS "caseId", defender_id AS "defenderId", main, detention_status::text AS status,
              arrested_on::text AS "arrestedOn"
         FROM case_participants ORDER BY main DESC, defender_id`,
    )) as { caseId: string; defenderId: string; main: boolean; status: string; arrestedOn: string | null }[];
    expect(rows).toHaveLength(3);
    expect(rows).toEqual(
      expect.arrayContaining([
        {
          caseId: ids.joint,
          defenderId: ids.anon,
          main: true,
          status: 'in_custody',
          arrestedOn: '2021-02-09',
        },
        {
          caseId: ids.single,
          defenderId: ids.alone,
          main: true,
          status: 'in_custody',
          arrestedOn: '2021-02-09',
        },
        {
          caseId: ids.joint,
          defenderId: ids.panusaya,
          main: false,
          status: 'not_detained',
          arrestedOn: null,
        },
      ]),
    );
  });

  it('gives the detention entries to the defender, keeps the rest shared', async () => {
    expect(await ownerOf('events', ids.jointArrest)).toBe(ids.anon);
    expect(await ownerOf('events', ids.jointBail)).toBe(ids.anon);
    const [bail] = (await dataSource.query(
      `SELECT description, description LIKE 'vigil-sealed:%' AS sealed FROM events WHERE id = $1`,
      [ids.jointBail],
    )) as { description: string; sealed: boolean }[];
    expect(bail).toEqual({ description: 'as recorded before', sealed: true });
    expect(await ownerOf('events', ids.singleArrest)).toBe(ids.alone);
    expect(await ownerOf('custody_orders', ids.order)).toBe(ids.anon);
    expect(await ownerOf('events', ids.jointRaid)).toBeNull();
    // A joint case's charges were the prosecution's; a case of one's are its defender's.
    expect(await ownerOf('charges', ids.jointCharge)).toBeNull();
    expect(await ownerOf('charges', ids.singleCharge)).toBe(ids.alone);
  });

  it('refuses an entry whose participant is not in its case', async () => {
    await expect(
      dataSource.query('UPDATE events SET participant_id = $2 WHERE id = $1', [ids.singleArrest, ids.anon]),
    ).rejects.toThrow(/participant_fk/);
  });
});
