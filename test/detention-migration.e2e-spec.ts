import { DataSource } from 'typeorm';
import { DataKeys, decodeDataKey } from '../src/crypto/data-keys';
import { dataSourceOptions } from '../src/database/data-source-options';
import { MIGRATIONS } from '../src/database/migrations';
import { DetentionEntryFields1796150000000 } from '../migrations/1796150000000-DetentionEntryFields';
import { TEST_DATA_KEY } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

// Cases written the way Vigil stored them before the detention history was derived from entries
// (typed arrest date, release date and status), then migrated: each must read as it did. Typed under
// investigation, so that the later migration of case statuses (StagesFromCaseStatus) adds nothing here.

const FIRST_NEW = MIGRATIONS.indexOf(DetentionEntryFields1796150000000);

interface OldCase {
  status: 'in_custody' | 'on_bail' | 'house_arrest' | 'released';
  arrestedOn: string | null;
  precision?: 'day' | 'month' | 'year';
  releasedOn: string | null;
  events?: { type: string; on: string; precision?: string; visibility?: string }[];
}

describe('migrating typed detention facts to entries', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const ids: Record<string, string> = {};

  const OLD: Record<string, OldCase> = {
    held: { status: 'in_custody', arrestedOn: '2021-11-22', releasedOn: null },
    // Khurram Parvez's PSA detention as it was stored: arrest known to the month, release an event of 2016.
    psa: {
      status: 'released',
      arrestedOn: '2016-09-01',
      precision: 'month',
      releasedOn: null,
      events: [
        { type: 'release', on: '2016-01-01', precision: 'year' },
        { type: 'arrest', on: '2016-09-01', precision: 'month' },
      ],
    },
    bailed: { status: 'on_bail', arrestedOn: '2022-05-03', releasedOn: '2022-06-01' },
    bailedUndated: { status: 'on_bail', arrestedOn: '2022-05-03', releasedOn: null },
    houseArrest: { status: 'house_arrest', arrestedOn: '2023-01-10', releasedOn: null },
    heldNoDate: { status: 'in_custody', arrestedOn: null, releasedOn: null },
    // A release event from before, and the status says held again.
    heldAgain: {
      status: 'in_custody',
      arrestedOn: '2020-01-01',
      releasedOn: null,
      events: [{ type: 'release', on: '2020-03-01' }],
    },
    died: {
      status: 'in_custody',
      arrestedOn: '2022-02-24',
      releasedOn: null,
      events: [{ type: 'death_in_custody', on: '2022-04-24' }],
    },
    secretRelease: {
      status: 'released',
      arrestedOn: '2021-01-01',
      releasedOn: null,
      events: [{ type: 'release', on: '2021-02-01', visibility: 'confidential' }],
    },
  };

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    const before = new DataSource({
      ...dataSourceOptions(database.url),
      migrations: MIGRATIONS.slice(0, FIRST_NEW),
    });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    const [defender] = (await before.query(
      `INSERT INTO defenders (full_name, country) VALUES ('Someone', 'IN') RETURNING id`,
    )) as { id: string }[];
    for (const [name, old] of Object.entries(OLD)) {
      const [row] = (await before.query(
        `INSERT INTO cases (defender_id, title, country, timezone, status, detention_status, arrested_on,
                            arrested_on_precision, released_on)
         VALUES ($1, $2, 'IN', 'Asia/Kolkata', 'under_investigation', $3, $4, $5, $6) RETURNING id`,
        [defender.id, name, old.status, old.arrestedOn, old.precision ?? 'day', old.releasedOn],
      )) as { id: string }[];
      ids[name] = row.id;
      for (const event of old.events ?? []) {
        await before.query(
          `INSERT INTO events (case_id, occurred_on, precision, type, description, visibility)
           VALUES ($1, $2, $3, $4, 'as typed before', $5)`,
          [row.id, event.on, event.precision ?? 'day', event.type, event.visibility ?? 'public'],
        );
      }
    }
    await before.destroy();
    // With the key, as migration:run has it: a later migration seals the confidential entry.
    dataSource = new DataSource(dataSourceOptions(database.url, new DataKeys(decodeDataKey(TEST_DATA_KEY))));
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const stored = async (name: string) =>
    (
      (await dataSource.query(
        `SELECT detention_status::text AS status, viewer_detention_status::text AS "viewerStatus",
                arrested_on::text AS "arrestedOn", arrested_on_precision::text AS "arrestedOnPrecision",
                released_on::text AS "releasedOn", released_on_precision::text AS "releasedOnPrecision"
           FROM cases WHERE id = $1`,
        [ids[name]],
      )) as Record<string, string | null>[]
    )[0];
  const events = async (name: string) =>
    (await dataSource.query(
      `SELECT type::text, occurred_on::text AS on, precision::text, custody_basis::text AS basis
         FROM events WHERE case_id = $1 ORDER BY occurred_on NULLS LAST, created_at`,
      [ids[name]],
    )) as { type: string; on: string | null; precision: string; basis: string | null }[];

  it('keeps every case’s status, arrest and release, now told by entries', async () => {
    expect(await stored('held')).toMatchObject({
      status: 'in_custody',
      arrestedOn: '2021-11-22',
      releasedOn: null,
    });
    expect(await events('held')).toEqual([
      { type: 'arrest', on: '2021-11-22', precision: 'day', basis: null },
    ]);

    expect(await stored('bailed')).toMatchObject({
      status: 'on_bail',
      arrestedOn: '2022-05-03',
      releasedOn: '2022-06-01',
    });
    expect((await events('bailed')).map((e) => e.type)).toEqual(['arrest', 'bail_granted']);
    expect(await stored('bailedUndated')).toMatchObject({ status: 'on_bail' });
    expect((await events('bailedUndated')).map((e) => [e.type, e.on])).toEqual([
      ['arrest', '2022-05-03'],
      ['bail_granted', null],
    ]);

    expect(await stored('houseArrest')).toMatchObject({ status: 'house_arrest' });
    expect(await events('houseArrest')).toEqual([
      { type: 'arrest', on: '2023-01-10', precision: 'day', basis: 'house_arrest' },
    ]);
    expect(await stored('heldNoDate')).toMatchObject({ status: 'in_custody', arrestedOn: null });
    expect((await events('heldNoDate')).map((e) => [e.type, e.on])).toEqual([['detention', null]]);
  });

  it('adds nothing the events already say: the PSA detention keeps its month and its year', async () => {
    expect(await events('psa')).toHaveLength(2);
    expect(await stored('psa')).toEqual({
      status: 'released',
      viewerStatus: 'released',
      arrestedOn: '2016-09-01',
      arrestedOnPrecision: 'month',
      releasedOn: '2016-01-01',
      releasedOnPrecision: 'year',
    });
  });

  it('keeps a case held when an older release event would have ended its custody', async () => {
    expect(await stored('heldAgain')).toMatchObject({ status: 'in_custody', arrestedOn: '2020-01-01' });
    expect((await events('heldAgain')).map((e) => [e.type, e.on])).toEqual([
      ['arrest', '2020-01-01'],
      ['release', '2020-03-01'],
      ['detention', '2020-03-01'],
    ]);
  });

  it('reads a case whose events record a death as deceased', async () => {
    expect(await stored('died')).toMatchObject({ status: 'deceased', releasedOn: '2022-04-24' });
  });

  it('keeps the status viewers read, folded without confidential entries', async () => {
    expect(await stored('secretRelease')).toMatchObject({ status: 'released', viewerStatus: 'released' });
  });
});
