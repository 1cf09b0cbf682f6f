import { MigrationInterface, QueryRunner } from 'typeorm';

// The detention history becomes a fold over the case's entries (src/cases/detention-history.ts):
// new event types and the fields they carry, undated events, imprecise charge dates, sentences of
// any length, and derived statuses the fold can reach. New enum values are compared as text here:
// PostgreSQL refuses a value added in the same transaction as a literal of its type.
export class DetentionEntryFields1796150000000 implements MigrationInterface {
  name = 'DetentionEntryFields1796150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const type of [
      'bail_revoked',
      'conviction',
      'acquittal',
      'sentence',
      'pardon',
      'sentence_served',
      'disappearance',
      'incommunicado',
    ]) {
      await queryRunner.query(`ALTER TYPE event_type ADD VALUE IF NOT EXISTS '${type}'`);
    }
    for (const status of ['not_detained', 'deceased', 'disappeared']) {
      await queryRunner.query(`ALTER TYPE detention_status ADD VALUE IF NOT EXISTS '${status}'`);
    }
    await queryRunner.query(`ALTER TYPE case_status ADD VALUE IF NOT EXISTS 'unknown'`);
    await queryRunner.query(`
      CREATE TYPE custody_basis AS ENUM ('police', 'judicial', 'pre_trial', 'administrative', 'house_arrest', 'sentence');
      CREATE TYPE bail_condition AS ENUM (
        'electronic_monitoring', 'house_confinement', 'travel_ban', 'reporting', 'surety', 'other'
      );

      -- An event may be undated ("date unknown"); it sorts last.
      ALTER TABLE events
        ALTER COLUMN occurred_on DROP NOT NULL,
        ADD COLUMN custody_basis custody_basis,
        ADD COLUMN bail_conditions bail_condition[],
        ADD COLUMN bail_conditions_note text,
        ADD COLUMN sentence_term text,
        ADD COLUMN sentence_starts_on date,
        ADD COLUMN credit_for_custody boolean,
        ADD COLUMN ended_on date,
        -- Where an entry known to its month or year sits in it, when the caseworker says so; else by type.
        ADD COLUMN period_position text CHECK (period_position IN ('start', 'end')),
        ADD CONSTRAINT events_custody_basis_check
          CHECK (custody_basis IS NULL OR type::text IN ('arrest', 'detention', 'bail_revoked')),
        ADD CONSTRAINT events_bail_conditions_check
          CHECK ((bail_conditions IS NULL AND bail_conditions_note IS NULL) OR type::text = 'bail_granted'),
        ADD CONSTRAINT events_sentence_check CHECK (
          CASE WHEN type::text = 'sentence'
            THEN sentence_term ~ '^(P(?=[0-9])([0-9]+Y)?([0-9]+M)?([0-9]+W)?([0-9]+D)?|life|death)$'
            ELSE sentence_term IS NULL AND sentence_starts_on IS NULL AND credit_for_custody IS NULL
          END),
        ADD CONSTRAINT events_ended_on_check CHECK (
          ended_on IS NULL
          OR (type::text IN ('hunger_strike', 'travel_ban', 'incommunicado')
              AND (occurred_on IS NULL OR ended_on >= occurred_on)));

      ALTER TABLE charges
        ALTER COLUMN section DROP NOT NULL,
        ADD COLUMN brought_on_precision date_precision NOT NULL DEFAULT 'day',
        ADD COLUMN counts integer CHECK (counts > 0),
        ADD CONSTRAINT charges_precision_check
          CHECK (brought_on IS NULL OR vigil_date_fits_precision(brought_on, brought_on_precision));

      -- A sentence of fifteen years is a custody order of more than 3650 days.
      ALTER TABLE custody_orders
        DROP CONSTRAINT custody_orders_days_check,
        ADD CONSTRAINT custody_orders_days_check CHECK (days > 0);

      -- arrested_on, released_on and detention_status are now derived from the entries and stored
      -- for the lists: the first day of custody, the end of the last period once it is closed.
      -- A release known only to its year is stored as 1 January, so the two no longer compare.
      -- viewer_detention_status is the same fold without confidential entries: what a viewer's list
      -- may filter on without learning what they may not read.
      ALTER TABLE cases
        DROP CONSTRAINT cases_release_after_arrest_check,
        ADD COLUMN released_on_precision date_precision,
        ADD COLUMN viewer_detention_status detention_status;
      UPDATE cases SET viewer_detention_status = detention_status;
      ALTER TABLE cases ALTER COLUMN viewer_detention_status SET NOT NULL;
      CREATE INDEX cases_viewer_detention_idx ON cases (viewer_detention_status, country);

      -- One rule for an order's end: the earlier of ordered_on + days and the stated until.
      DROP INDEX custody_orders_end_idx;
      CREATE INDEX custody_orders_end_idx ON custody_orders ((least(ordered_on + days, until)));
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX custody_orders_end_idx;
      CREATE INDEX custody_orders_end_idx ON custody_orders ((coalesce(ordered_on + days, until)));
      ALTER TABLE cases DROP COLUMN viewer_detention_status, DROP COLUMN released_on_precision;
      ALTER TABLE custody_orders
        DROP CONSTRAINT custody_orders_days_check,
        ADD CONSTRAINT custody_orders_days_check CHECK (days > 0 AND days <= 3650);
      ALTER TABLE charges
        DROP CONSTRAINT charges_precision_check,
        DROP COLUMN counts,
        DROP COLUMN brought_on_precision;
      ALTER TABLE events
        DROP CONSTRAINT events_ended_on_check,
        DROP CONSTRAINT events_sentence_check,
        DROP CONSTRAINT events_bail_conditions_check,
        DROP CONSTRAINT events_custody_basis_check,
        DROP COLUMN period_position,
        DROP COLUMN ended_on,
        DROP COLUMN credit_for_custody,
        DROP COLUMN sentence_starts_on,
        DROP COLUMN sentence_term,
        DROP COLUMN bail_conditions_note,
        DROP COLUMN bail_conditions,
        DROP COLUMN custody_basis;
      DROP TYPE bail_condition;
      DROP TYPE custody_basis;
    `);
    // Enum values cannot be dropped; undated events, unsectioned charges and the release check stay as they are.
  }
}
