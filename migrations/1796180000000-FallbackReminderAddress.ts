import { MigrationInterface, QueryRunner } from 'typeorm';

// Where a reminder goes when nobody on its case may receive it: one address, set by an admin,
// read as an external recipient reads (public entries only). Null: such a reminder goes nowhere.
export class FallbackReminderAddress1796180000000 implements MigrationInterface {
  name = 'FallbackReminderAddress1796180000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE reminder_settings ADD COLUMN fallback_email text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE reminder_settings DROP COLUMN fallback_email`);
  }
}
