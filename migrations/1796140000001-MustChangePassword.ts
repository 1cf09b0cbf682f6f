import { MigrationInterface, QueryRunner } from 'typeorm';

// The first admin's password sat in an environment variable or a file (the compose setup generates
// it): whoever signs in with it must choose their own before doing anything else.
export class MustChangePassword1796140000001 implements MigrationInterface {
  name = 'MustChangePassword1796140000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE users DROP COLUMN must_change_password`);
  }
}
