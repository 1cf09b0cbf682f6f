import { DataSource } from 'typeorm';
import { ParticipantStatus1797620000000 } from '../migrations/1797620000000-ParticipantStatus';
import { DataKeys, decodeDataKey } from '../src/crypto/data-keys';
import { dataSourceOptions } from '../src/database/data-source-options';
import { MIGRATIONS } from '../src/database/migrations';
import { TEST_DATA_KEY } from './support/test-app';
import { createTestDatabase, TestDatabase } from './support/test-database';

// Cases whose status every entry told, a co-accused's own judgment included, written as Vigil
// stored them before each person had a status of their own, then migrated: each person gets the
// status of their own story, and the case its defender's.

const keys = new DataKeys(decodeDataKey(TEST_DATA_KEY));
const FIRST_NEW = MIGRATIONS.indexOf(ParticipantStatus1797620000000);

describe('migrating to a status for each person in a case', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  const ids: Record<string, string> = {};
  let [main, coAccused] = ['', ''];

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
        (await before.query(`INSERT INTO defenders (full_name, country) VALUES ($1, 'EG') RETURNING id`, [
          name,
        ])) as { id: string }[]
      )[0].id;
    [main, coAccused] = [await defender('Leila Mansour'), await defender('Youssef Amin')];
    // status and stage, and viewers': what the fold of every entry of the case stored.
    const kase = async (name: string, [status, viewerStatus, stage]: string[], people: string[]) => {
      const [row] = (await before.query(
        `INSERT INTO cases (defender_id, title, country, timezone, status, viewer_status, stage, viewer_stage,
                            detention_status, viewer_detention_status)
         VALUES ($1, $2, 'EG', 'Africa/Cairo', $3, $4, $5, $5, 'not_detained', 'not_detained') RETURNING id`,
        [main, name, status, viewerStatus, stage],
      )) as { id: string }[];
      ids[name] = row.id;
      for (const [index, person] of people.entries()) {
        await before.query(`INSERT INTO case_participants (case_id, defender_id, main) VALUES ($1, $2, $3)`, [
          row.id,
          person,
          index === 0,
        ]);
      }
      return row.id;
    };
    const event = (caseId: string, type: string, participantId: string | null, visibility = 'public') =>
      before.query(
        `INSERT INTO events (case_id, participant_id, occurred_on, precision, type, description, visibility)
         VALUES ($1, $2, '2026-02-20', 'day', $3, $4, $5)`,
        [
          caseId,
          participantId,
          type,
          visibility === 'confidential' ? keys.seal('written before') : 'written before',
          visibility,
        ],
      );
    const his = await kase('his judgment', ['convicted', 'charged', 'first_instance'], [main, coAccused]);
    await event(his, 'charge_sheet', null);
    await event(his, 'conviction', coAccused);
    await event(his, 'appeal_filed', main, 'confidential');
    const alone = await kase('alone', ['convicted', 'convicted', 'first_instance'], [main]);
    await event(alone, 'conviction', null);
    await before.destroy();
    dataSource = new DataSource(dataSourceOptions(database.url, keys));
    await dataSource.initialize();
    await dataSource.runMigrations({ transaction: 'each' });
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  const people = async (name: string) =>
    Object.fromEntries(
      (
        (await dataSource.query(
          `SELECT defender_id AS id, status::text, viewer_status::text AS viewer, stage::text,
                  viewer_stage::text AS "viewerStage"
             FROM case_participants WHERE case_id = $1`,
          [ids[name]],
        )) as { id: string; status: string; viewer: string; stage: string; viewerStage: string }[]
      ).map(({ id, ...row }) => [id, row]),
    );
  const stored = async (name: string) =>
    (
      (await dataSource.query(
        `SELECT status::text, viewer_status::text AS viewer, stage::text, viewer_stage::text AS "viewerStage"
           FROM cases WHERE id = $1`,
        [ids[name]],
      )) as object[]
    )[0];

  it('gives each person the status of their own story, viewers’ without confidential entries', async () => {
    expect(await people('his judgment')).toEqual({
      [main]: { status: 'on_appeal', viewer: 'charged', stage: 'appeal', viewerStage: 'investigation' },
      [coAccused]: {
        status: 'convicted',
        viewer: 'convicted',
        stage: 'first_instance',
        viewerStage: 'first_instance',
      },
    });
  });

  it('makes the case’s status its defender’s, not a co-accused’s judgment', async () => {
    expect(await stored('his judgment')).toEqual({
      status: 'on_appeal',
      viewer: 'charged',
      stage: 'appeal',
      viewerStage: 'investigation',
    });
  });

  it('keeps the case’s values for the one person of a case without co-accused', async () => {
    expect(await people('alone')).toEqual({
      [main]: {
        status: 'convicted',
        viewer: 'convicted',
        stage: 'first_instance',
        viewerStage: 'first_instance',
      },
    });
  });
});
