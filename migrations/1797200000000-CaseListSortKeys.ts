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
// - stage: the stage under way.
// They are not entity columns: only the list queries read them. Each case is folded once to fill them.
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
        ADD COLUMN viewer_stage case_stage NOT NULL DEFAULT 'investigation'
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
    await queryRunner.query(`
      ALTER TABLE cases
        DROP COLUMN custody_days_closed, DROP COLUMN custody_open_since, DROP COLUMN open_period_order_ids,
        DROP COLUMN viewer_custody_days_closed, DROP COLUMN viewer_custody_open_since,
        DROP COLUMN viewer_open_period_order_ids, DROP COLUMN stage, DROP COLUMN viewer_stage
    `);
  }
}
