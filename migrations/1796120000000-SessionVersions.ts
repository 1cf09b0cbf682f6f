import { MigrationInterface, QueryRunner } from 'typeorm';

// Every API token and web session carries the session version of its user when it was issued and
// works only while the user still has it. The database itself moves the version on a new password,
// a new role or a change of active, so an operator's change in psql ends the sessions too, and a
// reactivated user's old sessions stay dead.
export class SessionVersions1796120000000 implements MigrationInterface {
  name = 'SessionVersions1796120000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE users ADD COLUMN session_version integer NOT NULL DEFAULT 0;
      ALTER TABLE web_sessions ADD COLUMN session_version integer NOT NULL DEFAULT 0;
      CREATE FUNCTION vigil_users_end_sessions() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          NEW.session_version := OLD.session_version + 1;
          RETURN NEW;
        END $$;
      CREATE TRIGGER users_end_sessions BEFORE UPDATE ON users FOR EACH ROW
        WHEN (OLD.password_hash IS DISTINCT FROM NEW.password_hash
           OR OLD.role IS DISTINCT FROM NEW.role
           OR OLD.active IS DISTINCT FROM NEW.active)
        EXECUTE FUNCTION vigil_users_end_sessions();
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TRIGGER users_end_sessions ON users;
      DROP FUNCTION vigil_users_end_sessions();
      ALTER TABLE web_sessions DROP COLUMN session_version;
      ALTER TABLE users DROP COLUMN session_version;
    `);
  }
}
