import { MigrationInterface, QueryRunner } from 'typeorm';

// Reminders that follow the detention history (reminder-plan.ts), and the reason a pending one
// was cancelled when that reason is the person's fate ("Died in custody on 24 April 2022").
export class DetentionReminderKinds1796160000001 implements MigrationInterface {
  name = 'DetentionReminderKinds1796160000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const kind of ['sentence_ending', 'release_overdue', 'no_custody_order', 'hunger_strike_day']) {
      await queryRunner.query(`ALTER TYPE reminder_kind ADD VALUE IF NOT EXISTS '${kind}'`);
    }
    await queryRunner.query(`ALTER TABLE reminders ADD COLUMN cancel_reason text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // PostgreSQL cannot drop an enum value; rows of the new kinds go, the values stay unused.
    await queryRunner.query(
      `DELETE FROM reminders WHERE kind::text IN ('sentence_ending', 'release_overdue', 'no_custody_order', 'hunger_strike_day')`,
    );
    await queryRunner.query(`ALTER TABLE reminders DROP COLUMN cancel_reason`);
  }
}
