import { MigrationInterface, QueryRunner } from 'typeorm';

// The dashboard's "custody ending within 7 days" looks orders up by where they end: ordered_on + days
// when the length is known, else the stated end (the custody clock's own rule).
export class DashboardCustodyEndIndex1795945760239 implements MigrationInterface {
  name = 'DashboardCustodyEndIndex1795945760239';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE INDEX custody_orders_end_idx ON custody_orders ((coalesce(ordered_on + days, until)))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX custody_orders_end_idx`);
  }
}
