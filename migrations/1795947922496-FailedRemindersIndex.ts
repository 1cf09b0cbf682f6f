import { MigrationInterface, QueryRunner } from 'typeorm';

// The dashboard lists failed reminders by due time; they are few among many sent ones, so a partial
// index finds them without scanning the table.
export class FailedRemindersIndex1795947922496 implements MigrationInterface {
  name = 'FailedRemindersIndex1795947922496';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX reminders_failed_idx ON reminders (due_at, id) WHERE status = 'failed'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX reminders_failed_idx`);
  }
}
