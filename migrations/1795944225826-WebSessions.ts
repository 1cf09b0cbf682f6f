import { MigrationInterface, QueryRunner } from 'typeorm';

// Server-side sessions for the web pages. Only a SHA-256 of the cookie's token is stored, so a copy
// of the database cannot be replayed as a cookie; logging out deletes the row.
export class WebSessions1795944225826 implements MigrationInterface {
  name = 'WebSessions1795944225826';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE web_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        expires_at timestamptz NOT NULL,
        user_agent text
      );
      CREATE UNIQUE INDEX web_sessions_token_hash_key ON web_sessions (token_hash);
      CREATE INDEX web_sessions_user_idx ON web_sessions (user_id);
      CREATE INDEX web_sessions_expires_idx ON web_sessions (expires_at);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE web_sessions`);
  }
}
