import { MigrationInterface, QueryRunner } from 'typeorm';

// The sign-in limiter's counts, shared by every api process and kept across restarts: one row per
// account or address (under an HMAC of it), with its failed (or still unchecked) attempts since its
// window started. Rows whose window has passed are deleted as sign-ins come in.
export class SignInFailures1796170000000 implements MigrationInterface {
  name = 'SignInFailures1796170000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE sign_in_failures (
        key text PRIMARY KEY CHECK (key ~ '^[0-9a-f]{64}$'),
        failures integer NOT NULL CHECK (failures >= 0),
        started_at timestamptz NOT NULL
      );
      CREATE INDEX sign_in_failures_started_idx ON sign_in_failures (started_at);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE sign_in_failures`);
  }
}
