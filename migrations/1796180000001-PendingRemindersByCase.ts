import { MigrationInterface, QueryRunner } from 'typeorm';

// "Cases that notify nobody" (dashboard, case page, outcome answer) reads every pending reminder's
// case and visibility against the case's audience: a partial index holding just those two columns
// of pending rows is read in case order, without visiting the sent and cancelled ones.
export class PendingRemindersByCase1796180000001 implements MigrationInterface {
  name = 'PendingRemindersByCase1796180000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX reminders_pending_case_idx ON reminders (case_id, visibility) WHERE status = 'pending'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX reminders_pending_case_idx`);
  }
}
