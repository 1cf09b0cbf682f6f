import { MigrationInterface, QueryRunner } from 'typeorm';

// Teams, their members, and restrictions of defenders and cases to teams. No row in
// defender_teams or case_teams means unrestricted, so every existing defender and case stays as
// visible as it was. A team that restricts something cannot be deleted (ON DELETE RESTRICT):
// deleting it would silently open what it closed.
export class Teams1796300000000 implements MigrationInterface {
  name = 'Teams1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        updated_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        name text NOT NULL CHECK (length(trim(name)) > 0)
      );
      CREATE UNIQUE INDEX teams_name_key ON teams (lower(name));
      CREATE TRIGGER row_times BEFORE INSERT OR UPDATE ON teams FOR EACH ROW EXECUTE FUNCTION stamp_row_times();

      CREATE TABLE team_members (
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        PRIMARY KEY (team_id, user_id)
      );
      CREATE INDEX team_members_user_idx ON team_members (user_id, team_id);

      CREATE TABLE defender_teams (
        defender_id uuid NOT NULL REFERENCES defenders (id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE RESTRICT,
        PRIMARY KEY (defender_id, team_id)
      );
      CREATE INDEX defender_teams_team_idx ON defender_teams (team_id);

      CREATE TABLE case_teams (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        team_id uuid NOT NULL REFERENCES teams (id) ON DELETE RESTRICT,
        PRIMARY KEY (case_id, team_id)
      );
      CREATE INDEX case_teams_team_idx ON case_teams (team_id);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE case_teams;
      DROP TABLE defender_teams;
      DROP TABLE team_members;
      DROP TABLE teams;
    `);
  }
}
