import { bearer, startTestApp, TestApp } from './support/test-app';

// createdAt and updatedAt come from one clock (the database's, through the row_times trigger): a new
// row's are equal, and no row is ever updated before it was created.

const TABLES_WITH_BOTH = `
  SELECT table_name AS name FROM information_schema.columns
   WHERE table_schema = current_schema() AND column_name IN ('created_at', 'updated_at')
   GROUP BY table_name HAVING count(*) = 2 ORDER BY table_name`;

describe('row creation and update times', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  const tables = async () =>
    ((await t.dataSource.query(TABLES_WITH_BOTH)) as { name: string }[]).map((r) => r.name);

  it('every table with created_at and updated_at stamps them with the row_times trigger', async () => {
    const names = await tables();
    expect(names).toEqual(expect.arrayContaining(['defenders', 'cases', 'hearings', 'reminders', 'users']));
    const stamped = (await t.dataSource.query(
      `SELECT DISTINCT c.relname AS name FROM pg_trigger tg JOIN pg_class c ON c.oid = tg.tgrelid
        WHERE tg.tgname = 'row_times' AND NOT tg.tgisinternal`,
    )) as { name: string }[];
    expect(stamped.map((r) => r.name).sort()).toEqual(names);
  });

  it('a new row written through the API has updatedAt equal to createdAt, to the microsecond', async () => {
    const caseworker = bearer(t.users.caseworker);
    const defender = await t
      .http()
      .post('/api/defenders')
      .set(caseworker)
      .send({ fullName: 'Khurram Parvez', country: 'IN', profession: 'human rights defender' })
      .expect(201);
    expect(defender.body.updatedAt).toBe(defender.body.createdAt);
    const created = await t
      .http()
      .post('/api/cases')
      .set(caseworker)
      .send({
        defenderId: defender.body.id,
        title: 'NIA case',
        country: 'IN',
        timezone: 'Asia/Kolkata',
        status: 'charged',
        detentionStatus: 'in_custody',
        arrestedOn: '2021-11-22',
      })
      .expect(201);
    const hearing = await t
      .http()
      .post(`/api/cases/${created.body.id}/hearings`)
      .set(caseworker)
      .send({ scheduledAt: '2026-01-10T10:30', court: 'NIA Special Court, New Delhi' })
      .expect(201);
    // One transaction: the hearing updated, a custody order and the next hearing created, reminders planned.
    await t
      .http()
      .post(`/api/hearings/${hearing.body.id}/outcome`)
      .set(caseworker)
      .send({
        result: 'Judicial custody extended',
        custodyExtension: { kind: 'judicial', days: 50 },
        nextHearingAt: '2026-02-13T10:30',
      })
      .expect(200);

    const rows = (await t.dataSource.query(
      `SELECT 'defender' AS kind, created_at = updated_at AS same FROM defenders WHERE id = $1
       -- A new case's detention history (its arrest written as an entry) is folded into the case's
       -- derived columns in the transaction that creates it: an update after the insert.
       UNION ALL SELECT 'case', created_at < updated_at FROM cases WHERE id = $2
       UNION ALL SELECT 'custody order', created_at = updated_at FROM custody_orders WHERE case_id = $2
       UNION ALL SELECT 'next hearing', created_at = updated_at FROM hearings WHERE case_id = $2 AND id <> $3`,
      [defender.body.id, created.body.id, hearing.body.id],
    )) as { kind: string; same: boolean }[];
    expect(rows).toEqual([
      { kind: 'defender', same: true },
      { kind: 'case', same: true },
      { kind: 'custody order', same: true },
      { kind: 'next hearing', same: true },
    ]);
    for (const name of await tables()) {
      const [{ n }] = (await t.dataSource.query(
        `SELECT count(*)::int AS n FROM "${name}" WHERE updated_at < created_at`,
      )) as { n: number }[];
      expect({ table: name, updatedBeforeCreated: n }).toEqual({ table: name, updatedBeforeCreated: 0 });
    }
  });

  it('a row updated in the transaction that created it is updated after it was created', async () => {
    const [row] = await t.dataSource.transaction(async (manager) => {
      const [{ id }] = (await manager.query(
        `INSERT INTO defenders (full_name, country) VALUES ('Narges Mohammadi', 'IR') RETURNING id`,
      )) as { id: string }[];
      await manager.query(`UPDATE defenders SET bio = 'Journalist', updated_at = now() WHERE id = $1`, [id]);
      return (await manager.query('SELECT created_at < updated_at AS later FROM defenders WHERE id = $1', [
        id,
      ])) as { later: boolean }[];
    });
    expect(row).toEqual({ later: true });
  });
});
