import { MigrationInterface, QueryRunner } from 'typeorm';

// created_at is clock_timestamp() (the moment the row is written) while updated_at defaulted to now()
// (the transaction's start) or to whatever an UPDATE set (now(), the app's clock): a new row could be
// updated before it was created. One trigger now stamps both from the database's clock: a new row's
// updated_at is its created_at, an update's is clock_timestamp(), and never before created_at.
// Every table with both columns gets it; test/row-times.e2e-spec.ts fails for a table without it.
const TABLES_WITH_BOTH = `
  SELECT table_name AS name FROM information_schema.columns
   WHERE table_schema = current_schema() AND column_name IN ('created_at', 'updated_at')
   GROUP BY table_name HAVING count(*) = 2 ORDER BY table_name`;

export class OneClockForRowTimes1796110000000 implements MigrationInterface {
  name = 'OneClockForRowTimes1796110000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION stamp_row_times() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP = 'INSERT' THEN
          NEW.updated_at := GREATEST(NEW.updated_at, NEW.created_at);
        ELSE
          NEW.updated_at := GREATEST(clock_timestamp(), NEW.created_at);
        END IF;
        RETURN NEW;
      END $$`);
    for (const { name } of (await queryRunner.query(TABLES_WITH_BOTH)) as { name: string }[]) {
      await queryRunner.query(`UPDATE "${name}" SET updated_at = created_at WHERE updated_at < created_at`);
      await queryRunner.query(
        `CREATE TRIGGER row_times BEFORE INSERT OR UPDATE ON "${name}" FOR EACH ROW EXECUTE FUNCTION stamp_row_times()`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { name } of (await queryRunner.query(TABLES_WITH_BOTH)) as { name: string }[]) {
      await queryRunner.query(`DROP TRIGGER IF EXISTS row_times ON "${name}"`);
    }
    await queryRunner.query('DROP FUNCTION stamp_row_times()');
  }
}
