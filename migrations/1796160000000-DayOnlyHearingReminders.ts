import { MigrationInterface, QueryRunner } from 'typeorm';

// Hearings whose time is not known were reminded at midnight (and PT2H at 22:00 the night before);
// now each offset falls due at 09:00 on the day it lands and the outcome chase starts at 18:00 on
// the hearing day, under keys that carry the day (reminder-plan.ts). Pending rows of the old shape
// are cancelled and replaced by rows of the new one: new ids, so the old rows' delayed jobs find
// them cancelled and send nothing, while the reconciler queues the new rows when a worker starts.
// Every other column (including any added later) is copied from the old row.
export class DayOnlyHearingReminders1796160000000 implements MigrationInterface {
  name = 'DayOnlyHearingReminders1796160000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      WITH old AS (
        SELECT r.*, h.id AS hearing_id, h.scheduled_local::date AS day, c.timezone
          FROM reminders r
          JOIN hearings h ON h.id = r.subject_id AND NOT h.time_known
          JOIN cases c ON c.id = r.case_id
         WHERE r.status = 'pending' AND r.kind IN ('hearing_upcoming', 'outcome_missing')
      ),
      cancelled AS (
        UPDATE reminders SET status = 'cancelled', updated_at = now() WHERE id IN (SELECT id FROM old)
      ),
      reshaped AS (
        SELECT old.*, CASE WHEN kind = 'hearing_upcoming'
                        THEN ((day + time '09:00') - "offset"::interval)::date
                        ELSE day + (substr("offset", 2)::int - 1) END AS lands_on
          FROM old
      ),
      fresh AS (
        SELECT reshaped.*, (lands_on + CASE WHEN kind = 'hearing_upcoming' THEN time '09:00' ELSE time '18:00' END)
                             AT TIME ZONE timezone AS due
          FROM reshaped
      )
      INSERT INTO reminders
      SELECT (jsonb_populate_record(NULL::reminders, to_jsonb(r) || jsonb_build_object(
                'id', gen_random_uuid(), 'created_at', now(), 'updated_at', now(),
                'due_at', fresh.due,
                'status', CASE WHEN fresh.due > now() THEN 'pending' ELSE 'skipped' END,
                'dedupe_key', CASE WHEN fresh.kind = 'hearing_upcoming' THEN 'hearing:' ELSE 'outcome:' END
                              || fresh.hearing_id || ':' || fresh."offset" || ':' || to_char(fresh.day, 'YYYY-MM-DD'),
                'title', regexp_replace(r.title, ' 00:00 [^ ]+$', ''),
                'details', r.details || CASE WHEN fresh.kind = 'hearing_upcoming'
                                        THEN jsonb_build_object('daysAhead', fresh.day - fresh.lands_on)
                                        ELSE '{}'::jsonb END))).*
        FROM fresh JOIN reminders r ON r.id = fresh.id
      ON CONFLICT (dedupe_key) WHERE status <> 'cancelled' DO NOTHING
    `);
  }

  async down(): Promise<void> {
    // The replaced rows stay cancelled: putting midnight reminders back would not be a repair.
  }
}
