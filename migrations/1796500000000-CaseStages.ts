import { MigrationInterface, QueryRunner } from 'typeorm';

// Stages of a case (investigation, first instance, appeal, cassation, other) and the entries that
// drive them: appeal_filed and appeal_decision events; a stage, a court, a decision and an appeal
// deadline on the events that carry them; a stage on hearings. The case's status becomes derived
// (src/cases/case-stages.ts); the carry-over of the typed status into entries is the next migration.
export class CaseStages1796500000000 implements MigrationInterface {
  name = 'CaseStages1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const type of ['appeal_filed', 'appeal_decision']) {
      await queryRunner.query(`ALTER TYPE event_type ADD VALUE IF NOT EXISTS '${type}'`);
    }
    await queryRunner.query(`ALTER TYPE case_status ADD VALUE IF NOT EXISTS 'on_appeal'`);
    await queryRunner.query(`ALTER TYPE reminder_kind ADD VALUE IF NOT EXISTS 'appeal_deadline'`);
    await queryRunner.query(`
      CREATE TYPE case_stage AS ENUM ('investigation', 'first_instance', 'appeal', 'cassation', 'other');
      CREATE TYPE stage_decision AS ENUM ('convicted', 'acquitted', 'dismissed', 'upheld', 'overturned',
        'sentence_reduced', 'sentence_increased', 'retrial_ordered');

      ALTER TABLE events
        ADD COLUMN stage case_stage,
        ADD COLUMN court text,
        ADD COLUMN decision stage_decision,
        ADD COLUMN appeal_deadline date,
        ADD CONSTRAINT events_stage_check CHECK (
          stage IS NULL
          OR type::text IN ('court', 'conviction', 'acquittal', 'sentence', 'appeal_decision')
          OR (type::text = 'appeal_filed' AND stage IN ('appeal', 'cassation', 'other'))),
        ADD CONSTRAINT events_court_check CHECK (
          court IS NULL OR type::text IN ('court', 'conviction', 'acquittal', 'appeal_filed', 'appeal_decision')),
        ADD CONSTRAINT events_decision_check CHECK (
          CASE WHEN type::text = 'appeal_decision' THEN decision IS NOT NULL
               ELSE decision IS NULL OR type::text = 'court' END),
        ADD CONSTRAINT events_appeal_deadline_check CHECK (
          appeal_deadline IS NULL
          OR (type::text IN ('conviction', 'acquittal', 'appeal_decision', 'court')
              AND (occurred_on IS NULL OR appeal_deadline >= occurred_on)));

      -- null: the stage under way on the hearing's day.
      ALTER TABLE hearings ADD COLUMN stage case_stage;

      -- What no entry can tell (a case closed, a status not known): set by hand, it wins.
      ALTER TABLE cases
        ADD COLUMN status_override text CHECK (status_override IN ('closed', 'unknown')),
        ADD COLUMN viewer_status case_status;
      UPDATE cases SET viewer_status = status;
      ALTER TABLE cases ALTER COLUMN viewer_status SET NOT NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // PostgreSQL cannot drop enum values; rows using them go, the values stay unused.
    await queryRunner.query(`
      DELETE FROM reminders WHERE kind::text = 'appeal_deadline';
      UPDATE cases SET status = status_override::case_status WHERE status_override IS NOT NULL;
      DELETE FROM events WHERE type::text IN ('appeal_filed', 'appeal_decision');
      UPDATE cases SET status = 'unknown' WHERE status::text = 'on_appeal';
      ALTER TABLE cases DROP COLUMN status_override, DROP COLUMN viewer_status;
      ALTER TABLE hearings DROP COLUMN stage;
      ALTER TABLE events DROP COLUMN stage, DROP COLUMN court, DROP COLUMN decision, DROP COLUMN appeal_deadline;
      DROP TYPE stage_decision;
      DROP TYPE case_stage;
    `);
  }
}
