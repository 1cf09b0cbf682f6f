import { MigrationInterface, QueryRunner } from 'typeorm';

// now() is the transaction's start, so every row written in one transaction (an import, an outcome
// with its custody order and next hearing, the demo seed) had the same created_at, and the timeline's
// last tie-break (date, precision, creation) fell through to random ids. clock_timestamp() is the
// moment each row is written, so entries of one day keep the order they were entered in.
const TABLES = [
  'users',
  'defenders',
  'cases',
  'charges',
  'hearings',
  'custody_orders',
  'events',
  'reminders',
  'statutory_limits',
  'case_watchers',
  'case_recipients',
  'calendar_feeds',
  'chronology_closing_lines',
  'web_sessions',
];

export class CreationTimesInWriteOrder1795946656006 implements MigrationInterface {
  name = 'CreationTimesInWriteOrder1795946656006';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN created_at SET DEFAULT clock_timestamp()`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN created_at SET DEFAULT now()`);
    }
  }
}
