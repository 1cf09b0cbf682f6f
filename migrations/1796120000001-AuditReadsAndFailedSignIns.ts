import { MigrationInterface, QueryRunner } from 'typeorm';

// Reads of confidential entries and refused sign-ins are audited too.
export class AuditReadsAndFailedSignIns1796120000001 implements MigrationInterface {
  name = 'AuditReadsAndFailedSignIns1796120000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TYPE audit_action ADD VALUE IF NOT EXISTS 'read'`);
    await queryRunner.query(`ALTER TYPE audit_action ADD VALUE IF NOT EXISTS 'login_failed'`);
  }

  async down(): Promise<void> {
    // PostgreSQL cannot drop a value from an enum, and the audit log keeps the rows that use them.
  }
}
