import { DataSource } from 'typeorm';
import { StatutoryLimitsAsData1796600000000 } from '../migrations/1796600000000-StatutoryLimitsAsData';
import { dataSourceOptions } from '../src/database/data-source-options';
import { MIGRATIONS } from '../src/database/migrations';
import { createTestDatabase, TestDatabase } from './support/test-database';

// Limits stored the way Vigil kept them before they became data (days, extended days, a law
// pattern), then migrated: none is lost, ids stay (pending reminders point at them), and the three
// rows Vigil shipped are the reviewed ones.

const FIRST_NEW = MIGRATIONS.indexOf(StatutoryLimitsAsData1796600000000);

describe('migrating statutory limits to data', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let ownId: string;
  let uapaId: string;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    const before = new DataSource({
      ...dataSourceOptions(database.url),
      migrations: MIGRATIONS.slice(0, FIRST_NEW),
    });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    [{ id: ownId }] = (await before.query(
      `INSERT INTO statutory_limits (country, law_pattern, reference, description, days, extended_days, active)
       VALUES ('BY', 'Criminal Procedure Code', 'CPC art. 127', 'Pre-trial custody limit', 60, 540, false)
       RETURNING id`,
    )) as { id: string }[];
    [{ id: uapaId }] = (await before.query(
      `SELECT id FROM statutory_limits WHERE reference = 'UAPA s.43D(2)'`,
    )) as { id: string }[];
    await before.destroy();
    dataSource = new DataSource(dataSourceOptions(database.url));
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const row = async (id: string) =>
    (
      (await dataSource.query(`SELECT * FROM statutory_limits WHERE id = $1`, [id])) as Record<
        string,
        unknown
      >[]
    )[0];

  it("keeps an admin's own row, its days becoming periods, the extension one a court orders", async () => {
    expect(await row(ownId)).toMatchObject({
      country: 'BY',
      law_pattern: 'Criminal Procedure Code',
      reference: 'CPC art. 127',
      description: 'Pre-trial custody limit',
      citation: 'CPC art. 127',
      active: false,
      starts_on: 'arrest',
      stopped_by: ['charge_sheet', 'release'],
      bases: [],
      periods: [
        { length: 60, unit: 'days', renewedByCourt: false },
        { length: 480, unit: 'days', renewedByCourt: true },
      ],
    });
  });

  it('rewrites the shipped UAPA row in place as one alternative of the CrPC s.167(2) rule, and adds the other countries', async () => {
    expect(await row(uapaId)).toMatchObject({
      reference: 'UAPA s.43D(2)',
      rule: 'IN CrPC s.167(2) default bail',
      priority: 1,
      bases: ['police', 'judicial', 'pre_trial'],
      periods: [
        { length: 90, unit: 'days', renewedByCourt: false },
        { length: 90, unit: 'days', renewedByCourt: true },
      ],
    });
    const countries = (await dataSource.query(
      `SELECT country, count(*)::int AS rows FROM statutory_limits WHERE country <> 'BY' GROUP BY country ORDER BY country`,
    )) as { country: string; rows: number }[];
    expect(countries).toEqual([
      { country: 'DZ', rows: 3 },
      { country: 'EG', rows: 1 },
      { country: 'IN', rows: 5 },
      { country: 'TH', rows: 2 },
    ]);
  });
});
