import { MigrationInterface, QueryRunner } from 'typeorm';
import { VISIBILITIES } from '../src/common/entry';
import { storeClockFacts, detentionInputs } from '../src/cases/detention-store';
import { caseStages } from '../src/cases/stage-store';

// The case list sorts by days in custody and custody end, and filters by stage, in SQL. What those
// depend on is folded from the entries (detention-history.ts, case-stages.ts), so the cases table
// keeps it, like the detention status, once from every entry and once from what viewers read:
// - custody_days_closed: the days of the closed custody periods known to the day;
// - custody_open_since: the first day of the open period, when known to the day (days in custody
//   are the two together, counted to the reader's today);
// - open_period_order_ids: the orders made in the open period, among which the one in force on a
//   given day is chosen (null when no period is open);
// - stage: the stage under way;
// - viewer_last_change_at: when the case last changed in a way a viewer could see (an entry they may
//   read written, changed or deleted, or one of the case's own fields edited). For readers who see
//   everything that is updated_at: the case row is stamped whenever an entry changes.
// They are not entity columns: only the list queries read them. Each case is folded once to fill
// them. Triggers keep the last change, so no write path (the API, imports, the demo) can miss it;
// they stamp it from the same clock as updated_at (clock_timestamp()).
const ENTRY_TABLES = ['events', 'hearings', 'custody_orders', 'charges'];
// What a case page shows of the case itself, whoever reads it.
const CASE_FIELDS = [
  'defender_id',
  'title',
  'country',
  'timezone',
  'case_number',
  'court',
  'status_override',
  'place_of_detention',
];
export class CaseListSortKeys1797200000000 implements MigrationInterface {
  name = 'CaseListSortKeys1797200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE cases
        ADD COLUMN custody_days_closed integer,
        ADD COLUMN custody_open_since date,
        ADD COLUMN open_period_order_ids uuid[],
        ADD COLUMN viewer_custody_days_closed integer,
        ADD COLUMN viewer_custody_open_since date,
        ADD COLUMN viewer_open_period_order_ids uuid[],
        ADD COLUMN stage case_stage NOT NULL DEFAULT 'investigation',
        ADD COLUMN viewer_stage case_stage NOT NULL DEFAULT 'investigation',
        ADD COLUMN viewer_last_change_at timestamptz
    `);
    // Every entry change touches its case's row (so updated_at too); one a viewer could see, also
    // viewer_last_change_at. A deleted case's entries find no row to touch.
    await queryRunner.query(`
      CREATE FUNCTION note_case_change() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        changed_case uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.case_id ELSE NEW.case_id END;
        seen_by_viewers boolean := (TG_OP <> 'INSERT' AND OLD.visibility <> 'confidential')
                                   OR (TG_OP <> 'DELETE' AND NEW.visibility <> 'confidential');
      BEGIN
        UPDATE cases
           SET viewer_last_change_at = CASE WHEN seen_by_viewers THEN clock_timestamp() ELSE viewer_last_change_at END
         WHERE id = changed_case;
        RETURN NULL;
      END $$
    `);
    for (const table of ENTRY_TABLES) {
      await queryRunner.query(
        `CREATE TRIGGER case_change AFTER INSERT OR UPDATE OR DELETE ON ${table}
           FOR EACH ROW EXECUTE FUNCTION note_case_change()`,
      );
    }
    await queryRunner.query(`
      CREATE FUNCTION note_case_field_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (${CASE_FIELDS.map((field) => `NEW.${field}`).join(', ')})
           IS DISTINCT FROM (${CASE_FIELDS.map((field) => `OLD.${field}`).join(', ')}) THEN
          NEW.viewer_last_change_at := clock_timestamp();
        END IF;
        RETURN NEW;
      END $$
    `);
    await queryRunner.query(
      `CREATE TRIGGER case_field_change BEFORE UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION note_case_field_change()`,
    );
    await queryRunner.query(`
      UPDATE cases c SET viewer_last_change_at = greatest(c.created_at, ${ENTRY_TABLES.map(
        (table) =>
          `(SELECT max(x.updated_at) FROM ${table} x WHERE x.case_id = c.id AND x.visibility <> 'confidential')`,
      ).join(', ')})
    `);
    const manager = queryRunner.manager;
    const ids = ((await queryRunner.query(`SELECT id FROM cases ORDER BY id`)) as { id: string }[]).map(
      ({ id }) => id,
    );
    const viewerVisibilities = VISIBILITIES.filter((visibility) => visibility !== 'confidential');
    for (const id of ids) {
      const all = (await detentionInputs(manager, [id], VISIBILITIES, { charges: false })).get(id);
      if (all) {
        await storeClockFacts(manager, id, all, {
          events: all.events.filter((event) => event.visibility !== 'confidential'),
          custodyOrders: all.custodyOrders.filter((order) => order.visibility !== 'confidential'),
        });
      }
      const every = (await caseStages(manager, [id], VISIBILITIES)).get(id);
      const viewers = (await caseStages(manager, [id], viewerVisibilities)).get(id);
      if (every && viewers) {
        await queryRunner.query(`UPDATE cases SET stage = $2, viewer_stage = $3 WHERE id = $1`, [
          id,
          every.current.kind,
          viewers.current.kind,
        ]);
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER case_field_change ON cases`);
    await queryRunner.query(`DROP FUNCTION note_case_field_change()`);
    for (const table of ENTRY_TABLES) {
      await queryRunner.query(`DROP TRIGGER case_change ON ${table}`);
    }
    await queryRunner.query(`DROP FUNCTION note_case_change()`);
    await queryRunner.query(`
      ALTER TABLE cases
        DROP COLUMN custody_days_closed, DROP COLUMN custody_open_since, DROP COLUMN open_period_order_ids,
        DROP COLUMN viewer_custody_days_closed, DROP COLUMN viewer_custody_open_since,
        DROP COLUMN viewer_open_period_order_ids, DROP COLUMN stage, DROP COLUMN viewer_stage,
        DROP COLUMN viewer_last_change_at
    `);
  }
}
