import { MigrationInterface, QueryRunner } from 'typeorm';

// Files on entries (court orders, charge sheets, statements), kept in PostgreSQL so that one backup
// holds everything. An entry's files go when the entry goes; they are read with the entry's
// visibility, looked up at read time, so they follow it when it changes.
const ENTRY_TABLES = {
  event: 'events',
  charge: 'charges',
  hearing: 'hearings',
  custody_order: 'custody_orders',
};

export class EntryDocuments1797010000000 implements MigrationInterface {
  name = 'EntryDocuments1797010000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE entry_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        entry_kind text NOT NULL CHECK (entry_kind IN ('event', 'charge', 'hearing', 'custody_order')),
        entry_id uuid NOT NULL,
        -- Room for a sealed name (a confidential entry's files, src/crypto/sealed-documents.ts).
        file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 2000),
        media_type text NOT NULL,
        size integer NOT NULL CHECK (size > 0 AND size <= 26214400),
        sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        citation text CHECK (citation IS NULL OR length(trim(citation)) > 0),
        uploaded_by uuid REFERENCES users (id) ON DELETE SET NULL,
        content bytea NOT NULL
      );
      CREATE INDEX entry_documents_entry_idx ON entry_documents (entry_kind, entry_id);
      CREATE FUNCTION vigil_delete_entry_documents() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM entry_documents WHERE entry_kind = TG_ARGV[0] AND entry_id = OLD.id;
        RETURN OLD;
      END $$;
    `);
    for (const [kind, table] of Object.entries(ENTRY_TABLES)) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_documents_go_with_entry AFTER DELETE ON ${table}
           FOR EACH ROW EXECUTE FUNCTION vigil_delete_entry_documents('${kind}')`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of Object.values(ENTRY_TABLES)) {
      await queryRunner.query(`DROP TRIGGER ${table}_documents_go_with_entry ON ${table}`);
    }
    await queryRunner.query(`DROP TABLE entry_documents; DROP FUNCTION vigil_delete_entry_documents()`);
  }
}
