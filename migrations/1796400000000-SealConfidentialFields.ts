import { MigrationInterface, QueryRunner } from 'typeorm';
import { DataKeys } from '../src/crypto/data-keys';
import { connectionKeys } from '../src/crypto/sealed-connection';

// Contacts, two-factor keys and the free text of confidential entries (and of the reminders that
// repeat it) are sealed by the app (src/crypto). This
// migration seals what earlier versions stored in clear, and the free text of every entry's and
// defender's audit snapshot (the log cannot be resealed when an entry later becomes confidential),
// as the owner with the append-only trigger lifted for these statements alone; it records the key
// that sealed them, and makes the database refuse a confidential row whose free text arrives unsealed.

const SEALED = /^vigil-sealed:v1:[0-9a-f]{16}:/;

/** The free-text columns as they are at this migration (src/crypto/sealed-fields.ts lists today's). */
const TABLES: {
  table: string;
  columns: string[];
  when: 'always' | 'confidential' | 'event';
  key?: string;
}[] = [
  { table: 'defenders', columns: ['contacts'], when: 'always' },
  { table: 'events', columns: ['title', 'description', 'bail_conditions_note'], when: 'confidential' },
  { table: 'event_sources', columns: ['citation', 'url'], when: 'event' },
  {
    table: 'hearings',
    columns: ['court', 'judge', 'purpose', 'outcome', 'outcome_notes'],
    when: 'confidential',
  },
  { table: 'charges', columns: ['law', 'section', 'offence'], when: 'confidential' },
  { table: 'custody_orders', columns: ['court', 'judge', 'place', 'notes'], when: 'confidential' },
  { table: 'reminders', columns: ['title', 'details'], when: 'confidential' },
  { table: 'second_factors', columns: ['secret'], when: 'always', key: 'user_id' },
];

/** The same fields as the audit log's snapshots name them. */
const SNAPSHOT_FIELDS: Record<string, string[]> = {
  defender: ['contacts'],
  event: ['title', 'description', 'bailConditionsNote'],
  hearing: ['court', 'judge', 'purpose', 'outcome', 'outcomeNotes'],
  charge: ['law', 'section', 'offence'],
  custody_order: ['court', 'judge', 'place', 'notes'],
};

/** The jsonb columns among them: sealed, each holds a JSON string. */
const JSON_COLUMNS = ['contacts', 'details'];

const rowsToSeal = (table: string, columns: string[], when: string, key = 'id'): string => {
  const unsealed = columns
    .map((column) =>
      JSON_COLUMNS.includes(column)
        ? `(${column} <> '[]'::jsonb AND NOT (jsonb_typeof(${column}) = 'string' AND ${column} #>> '{}' ~ '${SEALED.source}'))`
        : `(${column} IS NOT NULL AND ${column} !~ '${SEALED.source}')`,
    )
    .join(' OR ');
  const which =
    when === 'confidential'
      ? `visibility = 'confidential' AND `
      : when === 'event'
        ? `event_id IN (SELECT id FROM events WHERE visibility = 'confidential') AND `
        : '';
  return `SELECT ${key} AS key, ${columns.join(', ')} FROM ${table} WHERE ${which}(${unsealed})`;
};

export class SealConfidentialFields1796400000000 implements MigrationInterface {
  name = 'SealConfidentialFields1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE data_keys (
        id text PRIMARY KEY,
        -- The key sealed under a newer one once a rotation retired it (audit rows still use it).
        wrapped text,
        registered_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    const keys = connectionKeys(queryRunner.connection);
    // Contacts were a JSON array; now the sealed text of one (or still the empty array, the default).
    await queryRunner.query('ALTER TABLE defenders DROP CONSTRAINT defenders_contacts_check');
    // A sealed source's URL is checked when it is typed (the DTO), no longer by its stored form.
    await queryRunner.query(`
      ALTER TABLE event_sources DROP CONSTRAINT event_sources_url_check,
        ADD CONSTRAINT event_sources_url_check CHECK (url IS NULL OR url ~* '^https?://' OR url ~ '${SEALED.source}')`);
    await this.sealTables(queryRunner, keys);
    await this.sealAuditSnapshots(queryRunner, keys);
    if (keys) {
      await queryRunner.query('INSERT INTO data_keys (id) VALUES ($1) ON CONFLICT DO NOTHING', [
        keys.currentId,
      ]);
    }
    await queryRunner.query(`
      CREATE FUNCTION vigil_require_sealed() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE
        fields jsonb := to_jsonb(NEW);
        value jsonb;
      BEGIN
        IF TG_ARGV[0] = 'confidential' AND fields ->> 'visibility' <> 'confidential' THEN
          RETURN NEW;
        END IF;
        IF TG_ARGV[0] = 'event' AND NOT EXISTS (
             SELECT 1 FROM events WHERE id = (fields ->> 'event_id')::uuid AND visibility = 'confidential') THEN
          RETURN NEW;
        END IF;
        FOR i IN 1 .. TG_NARGS - 1 LOOP
          value := fields -> TG_ARGV[i];
          IF value IS NOT NULL AND value <> 'null'::jsonb AND value <> '[]'::jsonb
             AND NOT (jsonb_typeof(value) = 'string' AND value #>> '{}' ~ '${SEALED.source}') THEN
            RAISE EXCEPTION '%.% must be sealed by the app (confidential)', TG_TABLE_NAME, TG_ARGV[i]
              USING ERRCODE = 'VG001';
          END IF;
        END LOOP;
        RETURN NEW;
      END $$`);
    await queryRunner.query(`
      ALTER TABLE defenders ADD CONSTRAINT defenders_contacts_sealed CHECK (
        contacts = '[]'::jsonb OR (jsonb_typeof(contacts) = 'string' AND contacts #>> '{}' ~ '${SEALED.source}'))`);
    await queryRunner.query(
      `ALTER TABLE second_factors ADD CONSTRAINT second_factors_secret_sealed CHECK (secret ~ '${SEALED.source}')`,
    );
    for (const { table, columns, when } of TABLES.filter(({ when }) => when !== 'always')) {
      await queryRunner.query(
        `CREATE TRIGGER ${table}_sealed BEFORE INSERT OR UPDATE ON ${table}
           FOR EACH ROW EXECUTE FUNCTION vigil_require_sealed(${[when, ...columns].map((a) => `'${a}'`).join(', ')})`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The sealed values stay sealed: the previous version cannot read them, so going back needs a
    // restore of the backup taken before the upgrade.
    await queryRunner.query('ALTER TABLE second_factors DROP CONSTRAINT second_factors_secret_sealed');
    for (const { table } of TABLES.filter(({ when }) => when !== 'always')) {
      await queryRunner.query(`DROP TRIGGER ${table}_sealed ON ${table}`);
    }
    await queryRunner.query(`
      ALTER TABLE event_sources DROP CONSTRAINT event_sources_url_check,
        ADD CONSTRAINT event_sources_url_check CHECK (url IS NULL OR url ~* '^https?://') NOT VALID`);
    await queryRunner.query('ALTER TABLE defenders DROP CONSTRAINT defenders_contacts_sealed');
    await queryRunner.query(
      `ALTER TABLE defenders ADD CONSTRAINT defenders_contacts_check CHECK (jsonb_typeof(contacts) = 'array') NOT VALID`,
    );
    await queryRunner.query('DROP FUNCTION vigil_require_sealed()');
    await queryRunner.query('DROP TABLE data_keys');
  }

  private async sealTables(queryRunner: QueryRunner, keys: DataKeys | undefined): Promise<void> {
    for (const { table, columns, when, key = 'id' } of TABLES) {
      const rows = (await queryRunner.query(rowsToSeal(table, columns, when, key))) as Record<
        string,
        unknown
      >[];
      if (rows.length === 0) {
        continue;
      }
      const sealer = keysOrFail(keys);
      for (const row of rows) {
        const values = columns.map((column) => {
          const value = row[column];
          return value === null
            ? null
            : JSON_COLUMNS.includes(column)
              ? JSON.stringify(sealer.seal(value))
              : sealer.seal(value);
        });
        await queryRunner.query(
          `UPDATE ${table} SET ${columns.map((column, i) => `${column} = $${i + 2}`).join(', ')} WHERE ${key} = $1`,
          [row.key, ...values],
        );
      }
    }
  }

  private async sealAuditSnapshots(queryRunner: QueryRunner, keys: DataKeys | undefined): Promise<void> {
    const rows = (await queryRunner.query(
      `SELECT id, entity, before, after FROM audit_log
        WHERE entity IN ('defender', 'event', 'hearing', 'charge', 'custody_order')
          AND (before IS NOT NULL OR after IS NOT NULL)`,
    )) as {
      id: string;
      entity: string;
      before: Record<string, unknown> | null;
      after: Record<string, unknown> | null;
    }[];
    if (rows.length === 0) {
      return;
    }
    const sealer = keysOrFail(keys);
    const seal = (
      entity: string,
      snapshot: Record<string, unknown> | null,
    ): Record<string, unknown> | null => {
      if (!snapshot) {
        return snapshot;
      }
      const sealed = { ...snapshot };
      const fields = [...SNAPSHOT_FIELDS[entity], ...(entity === 'event' ? ['sources'] : [])];
      for (const field of fields) {
        if (sealed[field] !== null && sealed[field] !== undefined && !SEALED.test(String(sealed[field]))) {
          sealed[field] =
            field === 'sources' && Array.isArray(sealed.sources)
              ? sealed.sources.map((source: Record<string, unknown>) => ({
                  ...source,
                  citation: source.citation ? sealer.seal(source.citation) : null,
                  url: source.url ? sealer.seal(source.url) : null,
                }))
              : sealer.seal(sealed[field]);
        }
      }
      return sealed;
    };
    // The one rewrite of the append-only log: its copies of confidential text, sealed in place.
    await queryRunner.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update_or_delete');
    for (const row of rows) {
      await queryRunner.query('UPDATE audit_log SET before = $2, after = $3 WHERE id = $1', [
        row.id,
        JSON.stringify(seal(row.entity, row.before)),
        JSON.stringify(seal(row.entity, row.after)),
      ]);
    }
    await queryRunner.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update_or_delete');
  }
}

function keysOrFail(keys: DataKeys | undefined): DataKeys {
  if (!keys) {
    throw new Error(
      'This upgrade seals contacts and confidential entries: set VIGIL_DATA_KEY (or VIGIL_DATA_KEY_FILE) to a key made with "openssl rand -base64 32", keep a copy, and run the migrations again',
    );
  }
  return keys;
}
