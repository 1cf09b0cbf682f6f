import { MigrationInterface, QueryRunner } from 'typeorm';

// Two-factor sign-in: each user's TOTP secret and hashed recovery codes, a per-user and an
// organisation-wide requirement, and the short-lived challenges between the password and the code.
export class TwoFactor1796200000000 implements MigrationInterface {
  name = 'TwoFactor1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users ADD COLUMN require_two_factor boolean NOT NULL DEFAULT false;

      -- One row per user who has started enrolling; confirmed_at is set by their first valid code.
      CREATE TABLE second_factors (
        user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        secret text NOT NULL,
        confirmed_at timestamptz,
        -- The RFC 6238 step of the last code accepted: that code and older ones are refused.
        last_time_step bigint,
        -- SHA-256 of each unused recovery code; a used one is removed.
        recovery_code_hashes text[] NOT NULL DEFAULT '{}'
      );

      CREATE TABLE security_settings (
        id smallint PRIMARY KEY CHECK (id = 1),
        require_two_factor boolean NOT NULL DEFAULT false
      );
      INSERT INTO security_settings (id) VALUES (1);

      -- Between a right password and the second factor: only the SHA-256 of the challenge is kept.
      CREATE TABLE sign_in_challenges (
        token_hash text PRIMARY KEY CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        session_version integer NOT NULL,
        expires_at timestamptz NOT NULL
      );
      CREATE INDEX sign_in_challenges_expires_idx ON sign_in_challenges (expires_at);

      -- A user newly required to use a second factor who has none yet is signed out everywhere, so
      -- their next sign-in takes them to enrolment.
      CREATE FUNCTION vigil_users_require_two_factor() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF NOT EXISTS (SELECT 1 FROM second_factors
                          WHERE user_id = NEW.id AND confirmed_at IS NOT NULL) THEN
            NEW.session_version := NEW.session_version + 1;
          END IF;
          RETURN NEW;
        END $$;
      CREATE TRIGGER users_require_two_factor BEFORE UPDATE ON users FOR EACH ROW
        WHEN (NEW.require_two_factor AND NOT OLD.require_two_factor)
        EXECUTE FUNCTION vigil_users_require_two_factor();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER users_require_two_factor ON users;
      DROP FUNCTION vigil_users_require_two_factor();
      DROP TABLE sign_in_challenges;
      DROP TABLE security_settings;
      DROP TABLE second_factors;
      ALTER TABLE users DROP COLUMN require_two_factor;
    `);
  }
}
