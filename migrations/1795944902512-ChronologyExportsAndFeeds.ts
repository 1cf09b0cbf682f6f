import { MigrationInterface, QueryRunner } from 'typeorm';

// Chronology exports and calendar feeds: the closing line a country's exports end with, which
// event tells a record in words (set by the import, so an export does not say it twice), and the
// revocable tokens of subscribed hearing calendars (stored hashed; the token is shown once).
export class ChronologyExportsAndFeeds1795944902512 implements MigrationInterface {
  name = 'ChronologyExportsAndFeeds1795944902512';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE chronology_closing_lines (
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        language language NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        text text NOT NULL CHECK (length(trim(text)) > 0 AND length(text) <= 1000),
        PRIMARY KEY (country, language)
      );

      CREATE TABLE chronology_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        charge_id uuid REFERENCES charges (id) ON DELETE CASCADE,
        hearing_id uuid REFERENCES hearings (id) ON DELETE CASCADE,
        custody_order_id uuid REFERENCES custody_orders (id) ON DELETE CASCADE,
        CONSTRAINT chronology_links_one_record_check CHECK (num_nonnulls(charge_id, hearing_id, custody_order_id) = 1)
      );
      CREATE INDEX chronology_links_event_idx ON chronology_links (event_id);
      CREATE UNIQUE INDEX chronology_links_charge_key ON chronology_links (charge_id) WHERE charge_id IS NOT NULL;
      CREATE UNIQUE INDEX chronology_links_hearing_key ON chronology_links (hearing_id) WHERE hearing_id IS NOT NULL;
      CREATE UNIQUE INDEX chronology_links_custody_order_key ON chronology_links (custody_order_id)
        WHERE custody_order_id IS NOT NULL;

      CREATE TABLE calendar_feeds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        case_id uuid REFERENCES cases (id) ON DELETE CASCADE,
        token_hash text NOT NULL CHECK (token_hash ~ '^[0-9a-f]{64}$'),
        revoked_at timestamptz
      );
      CREATE UNIQUE INDEX calendar_feeds_token_key ON calendar_feeds (token_hash);
      CREATE INDEX calendar_feeds_user_idx ON calendar_feeds (user_id, created_at);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE calendar_feeds, chronology_links, chronology_closing_lines;`);
  }
}
