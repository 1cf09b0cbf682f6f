import { MigrationInterface, QueryRunner } from 'typeorm';

// A reminder is shown and mailed only to readers who may read the entry it is about, so each row
// carries that entry's visibility (kept up to date by every replan). Rows whose entry is gone stay
// confidential: nobody can tell any more who was meant to read them.
export class ReminderVisibility1796100000000 implements MigrationInterface {
  name = 'ReminderVisibility1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE reminders ADD COLUMN visibility visibility NOT NULL DEFAULT 'confidential';
      UPDATE reminders SET visibility = 'public' WHERE kind IN ('detention_milestone', 'weekly_digest');
      UPDATE reminders r SET visibility = h.visibility FROM hearings h
       WHERE r.kind IN ('hearing_upcoming', 'outcome_missing') AND h.id = r.subject_id;
      UPDATE reminders r SET visibility = o.visibility FROM custody_orders o
       WHERE r.kind = 'custody_ending' AND o.id = r.subject_id;
      -- A limit is as readable as the least restricted charge that invokes it (limitVisibility).
      UPDATE reminders r SET visibility = invoked.visibility FROM (
        SELECT s.id, min(ch.visibility) AS visibility
          FROM reminders s
          JOIN cases c ON c.id = s.case_id
          JOIN statutory_limits l ON l.id = s.subject_id AND l.country = c.country
          JOIN charges ch ON ch.case_id = s.case_id AND ch.status <> 'dropped'
                         AND strpos(lower(ch.law), lower(btrim(l.law_pattern))) > 0
         WHERE s.kind = 'statutory_limit'
         GROUP BY s.id) invoked
       WHERE r.id = invoked.id;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE reminders DROP COLUMN visibility`);
  }
}
