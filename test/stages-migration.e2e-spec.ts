import { DataSource } from 'typeorm';
import { CaseStages1796500000000 } from '../migrations/1796500000000-CaseStages';
import { DataKeys, decodeDataKey } from '../src/crypto/data-keys';
import { dataSourceOptions } from '../src/database/data-source-options';
import { MIGRATIONS } from '../src/database/migrations';
import { TEST_DATA_KEY } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

// A confidential entry written straight to the database is sealed, as the app writes it.
const keys = new DataKeys(decodeDataKey(TEST_DATA_KEY));

// Cases whose status was typed in, written as Vigil stored them before stages, then migrated: each
// keeps the status it had, now told by its entries (or by the override, for closed and unknown).

const FIRST_NEW = MIGRATIONS.indexOf(CaseStages1796500000000);

interface OldCase {
  status: string;
  events?: { type: string; on: string; visibility?: string }[];
  hearings?: string[];
  charges?: string[];
}

describe('migrating typed case statuses to stages', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const ids: Record<string, string> = {};

  const OLD: Record<string, OldCase> = {
    investigated: { status: 'under_investigation' },
    chargedBare: { status: 'charged' },
    chargedBySheet: { status: 'charged', charges: ['in_charge_sheet'] },
    // A trial whose charge sheet is dated: the hearings from then on are the trial's.
    trial: {
      status: 'on_trial',
      events: [{ type: 'charge_sheet', on: '2022-05-13' }],
      hearings: ['2022-03-24', '2022-07-06'],
    },
    trialNoDates: { status: 'on_trial', hearings: ['2023-02-01'] },
    convicted: { status: 'convicted' },
    convictedByEvent: { status: 'convicted', events: [{ type: 'conviction', on: '2024-01-10' }] },
    acquittedHeld: { status: 'acquitted', events: [{ type: 'arrest', on: '2023-01-01' }] },
    closed: { status: 'closed' },
    unknown: { status: 'unknown' },
    secretConviction: {
      status: 'convicted',
      events: [{ type: 'conviction', on: '2024-02-02', visibility: 'confidential' }],
    },
  };

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    const before = new DataSource({
      ...dataSourceOptions(database.url, keys),
      migrations: MIGRATIONS.slice(0, FIRST_NEW),
    });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    const [defender] = (await before.query(
      `INSERT INTO defenders (full_name, country) VALUES ('A journalist', 'MG') RETURNING id`,
    )) as { id: string }[];
    for (const [name, old] of Object.entries(OLD)) {
      const [row] = (await before.query(
        `INSERT INTO cases (defender_id, title, country, timezone, status, detention_status, viewer_detention_status)
         VALUES ($1, $2, 'MG', 'Indian/Antananarivo', $3, 'not_detained', 'not_detained') RETURNING id`,
        [defender.id, name, old.status],
      )) as { id: string }[];
      ids[name] = row.id;
      for (const event of old.events ?? []) {
        await before.query(
          `INSERT INTO events (case_id, occurred_on, precision, type, description, visibility)
           VALUES ($1, $2, 'day', $3, $4, $5)`,
          [
            row.id,
            event.on,
            event.type,
            event.visibility === 'confidential' ? keys.seal('typed before') : 'typed before',
            event.visibility ?? 'public',
          ],
        );
      }
      for (const day of old.hearings ?? []) {
        await before.query(
          `INSERT INTO hearings (case_id, scheduled_local, scheduled_at, time_known, status)
           VALUES ($1, $2::timestamp, $2::timestamp AT TIME ZONE 'Indian/Antananarivo', false, 'held')`,
          [row.id, `${day}T00:00:00`],
        );
      }
      for (const status of old.charges ?? []) {
        await before.query(`INSERT INTO charges (case_id, law, status) VALUES ($1, 'Penal Code', $2)`, [
          row.id,
          status,
        ]);
      }
    }
    await before.destroy();
    dataSource = new DataSource(dataSourceOptions(database.url, keys));
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
        `SELECT status::text, viewer_status::text AS "viewerStatus", status_override AS override
           FROM cases WHERE id = $1`,
        [ids[name]],
      )) as { status: string; viewerStatus: string; override: string | null }[]
    )[0];
  const events = async (name: string) =>
    (await dataSource.query(
      `SELECT type::text, occurred_on::text AS on, stage::text, decision::text, visibility::text
         FROM events WHERE case_id = $1 ORDER BY occurred_on NULLS LAST, created_at`,
      [ids[name]],
    )) as {
      type: string;
      on: string | null;
      stage: string | null;
      decision: string | null;
      visibility: string;
    }[];

  it('keeps every typed status, told by one undated internal entry where the entries did not tell it', async () => {
    for (const name of Object.keys(OLD)) {
      expect({ name, status: (await stored(name)).status }).toEqual({ name, status: OLD[name].status });
    }
    expect(await events('investigated')).toEqual([]);
    expect(await events('chargedBare')).toEqual([
      { type: 'charge_sheet', on: null, stage: null, decision: null, visibility: 'internal' },
    ]);
    expect(await events('convicted')).toEqual([
      { type: 'conviction', on: null, stage: 'first_instance', decision: null, visibility: 'internal' },
    ]);
    expect((await events('trialNoDates')).map((e) => [e.type, e.stage])).toEqual([
      ['court', 'first_instance'],
    ]);
  });

  it('adds nothing the entries already say', async () => {
    expect(await events('chargedBySheet')).toEqual([]);
    expect((await events('convictedByEvent')).map((e) => e.type)).toEqual(['conviction']);
    expect((await events('trial')).map((e) => e.type)).toEqual(['charge_sheet']);
  });

  it('puts a trial’s hearings from its charge sheet on in the first instance, and the earlier ones nowhere by hand', async () => {
    const hearings = (await dataSource.query(
      `SELECT to_char(scheduled_local, 'YYYY-MM-DD') AS day, stage::text FROM hearings WHERE case_id = $1
        ORDER BY scheduled_local`,
      [ids.trial],
    )) as { day: string; stage: string | null }[];
    expect(hearings).toEqual([
      { day: '2022-03-24', stage: null },
      { day: '2022-07-06', stage: 'first_instance' },
    ]);
  });

  it('tells an acquittal by a first-instance decision, not an acquittal event that would end custody', async () => {
    expect(await events('acquittedHeld')).toEqual([
      expect.objectContaining({ type: 'arrest' }),
      { type: 'court', on: null, stage: 'first_instance', decision: 'acquitted', visibility: 'internal' },
    ]);
  });

  it('makes closed and unknown the override, and folds the status viewers read without confidential entries', async () => {
    expect(await stored('closed')).toEqual({ status: 'closed', viewerStatus: 'closed', override: 'closed' });
    expect(await stored('unknown')).toEqual({
      status: 'unknown',
      viewerStatus: 'unknown',
      override: 'unknown',
    });
    expect(await stored('secretConviction')).toEqual({
      status: 'convicted',
      viewerStatus: 'under_investigation',
      override: null,
    });
  });
});
