import { MigrationInterface, QueryRunner } from 'typeorm';

// The organisation an export is sent by: its name and contact line head the footer of every PDF and
// DOCX page. One row, as reminder_settings; empty until an admin sets it.
export class OrganisationSettings1796190000000 implements MigrationInterface {
  name = 'OrganisationSettings1796190000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE organisation_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        name text,
        contact text,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      INSERT INTO organisation_settings (id) VALUES (1);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE organisation_settings');
  }
}
