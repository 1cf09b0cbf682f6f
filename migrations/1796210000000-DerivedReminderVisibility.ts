import { MigrationInterface, QueryRunner } from 'typeorm';

// Milestone, statutory and sentence reminders are now as readable as the custody entries they are
// computed from (reminderVisibility), not public or their subject alone. Rows stored before this get
// the exact value on their case's next replan; until then each is made at least as restricted as the
// case's most restricted entry that opens or closes custody (never more open than the exact rule).
export class DerivedReminderVisibility1796210000000 implements MigrationInterface {
  name = 'DerivedReminderVisibility1796210000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      UPDATE reminders r SET visibility = c.most, updated_at = now()
        FROM (SELECT case_id, max(visibility) AS most FROM events
               WHERE type::text IN ('arrest', 'detention', 'bail_revoked', 'bail_granted', 'release',
                                    'acquittal', 'pardon', 'sentence_served', 'death_in_custody',
                                    'disappearance')
               GROUP BY case_id) c
       WHERE r.case_id = c.case_id
         AND r.kind IN ('detention_milestone', 'statutory_limit', 'sentence_ending', 'release_overdue')
         AND c.most > r.visibility
    `);
  }

  async down(): Promise<void> {
    // The earlier, more open values are not kept: the next replan sets each row as the rule says.
  }
}
