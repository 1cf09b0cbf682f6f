import { MigrationInterface, QueryRunner } from 'typeorm';

// The whole case model. Hand-written so the database enforces what it can: enums, checks,
// foreign keys, unique keys, an append-only audit log and the timeline view.
export class InitialSchema1795943584904 implements MigrationInterface {
  name = 'InitialSchema1795943584904';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE EXTENSION IF NOT EXISTS pg_trgm;

      CREATE TYPE user_role AS ENUM ('admin', 'caseworker', 'viewer');
      CREATE TYPE language AS ENUM ('en', 'ru', 'fr', 'es');
      CREATE TYPE audit_action AS ENUM ('create', 'update', 'delete', 'export', 'import', 'login', 'feed');
      CREATE TYPE date_precision AS ENUM ('day', 'month', 'year');
      CREATE TYPE visibility AS ENUM ('public', 'internal', 'confidential');
      CREATE TYPE case_status AS ENUM ('under_investigation', 'charged', 'on_trial', 'convicted', 'acquitted', 'closed');
      CREATE TYPE detention_status AS ENUM ('in_custody', 'on_bail', 'house_arrest', 'released');
      CREATE TYPE charge_status AS ENUM ('alleged', 'in_charge_sheet', 'framed', 'dropped', 'convicted', 'acquitted');
      CREATE TYPE hearing_status AS ENUM ('scheduled', 'held', 'adjourned', 'cancelled');
      CREATE TYPE custody_kind AS ENUM ('police', 'judicial', 'pre_trial', 'house_arrest', 'administrative');
      CREATE TYPE event_type AS ENUM (
        'arrest', 'raid', 'detention', 'transfer', 'release', 'charge_sheet', 'court', 'bail_denied',
        'bail_granted', 'statement', 'un_action', 'advocacy', 'travel_ban', 'hunger_strike', 'ill_treatment',
        'health', 'family_visit_denied', 'death_in_custody', 'other'
      );

      -- A day-precision date is any day; a month is stored as its first day, a year as 1 January.
      CREATE FUNCTION vigil_date_fits_precision(d date, p date_precision) RETURNS boolean
        LANGUAGE sql IMMUTABLE AS $$
          SELECT CASE p
            WHEN 'day' THEN true
            WHEN 'month' THEN extract(day FROM d) = 1
            WHEN 'year' THEN extract(day FROM d) = 1 AND extract(month FROM d) = 1
          END
        $$;

      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
        name text NOT NULL CHECK (length(trim(name)) > 0),
        password_hash text NOT NULL,
        role user_role NOT NULL,
        active boolean NOT NULL DEFAULT true,
        timezone text NOT NULL DEFAULT 'UTC',
        language language NOT NULL DEFAULT 'en'
      );
      CREATE UNIQUE INDEX users_email_key ON users (email);

      CREATE TABLE audit_log (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_id uuid REFERENCES users (id),
        actor_email text,
        action audit_action NOT NULL,
        entity text NOT NULL,
        entity_id text,
        before jsonb,
        after jsonb,
        context jsonb
      );
      CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id, id);
      CREATE INDEX audit_log_at_idx ON audit_log (at);

      CREATE FUNCTION vigil_audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
        END
      $$;
      CREATE TRIGGER audit_log_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION vigil_audit_log_is_append_only();
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION vigil_audit_log_is_append_only();

      CREATE TABLE defenders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        full_name text NOT NULL CHECK (length(trim(full_name)) > 0),
        other_names text[] NOT NULL DEFAULT '{}',
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        profession text,
        affiliations text[] NOT NULL DEFAULT '{}',
        bio text,
        contacts jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(contacts) = 'array')
      );
      -- Search matches the full name and every other name, case-insensitively, anywhere in the text.
      CREATE FUNCTION vigil_defender_search_text(full_name text, other_names text[]) RETURNS text
        LANGUAGE sql IMMUTABLE AS $$ SELECT lower(full_name || ' ' || array_to_string(other_names, ' ')) $$;
      CREATE INDEX defenders_search_idx ON defenders
        USING gin (vigil_defender_search_text(full_name, other_names) gin_trgm_ops);
      CREATE INDEX defenders_country_name_idx ON defenders (country, full_name);
      CREATE INDEX defenders_name_idx ON defenders (full_name, id);

      CREATE TABLE cases (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        defender_id uuid NOT NULL REFERENCES defenders (id) ON DELETE RESTRICT,
        title text NOT NULL CHECK (length(trim(title)) > 0),
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        timezone text NOT NULL,
        case_number text,
        court text,
        status case_status NOT NULL,
        detention_status detention_status NOT NULL,
        place_of_detention text,
        arrested_on date,
        arrested_on_precision date_precision NOT NULL DEFAULT 'day',
        released_on date,
        CONSTRAINT cases_arrest_precision_check CHECK (arrested_on IS NULL OR vigil_date_fits_precision(arrested_on, arrested_on_precision)),
        CONSTRAINT cases_release_after_arrest_check CHECK (released_on IS NULL OR arrested_on IS NULL OR released_on >= arrested_on)
      );
      CREATE INDEX cases_defender_idx ON cases (defender_id);
      CREATE INDEX cases_filter_idx ON cases (country, status, detention_status);
      CREATE INDEX cases_detention_idx ON cases (detention_status, country);
      CREATE INDEX cases_created_idx ON cases (created_at, id);

      CREATE TABLE case_co_accused (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        defender_id uuid NOT NULL REFERENCES defenders (id) ON DELETE CASCADE,
        PRIMARY KEY (case_id, defender_id)
      );
      CREATE INDEX case_co_accused_defender_idx ON case_co_accused (defender_id);

      CREATE TABLE charges (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        law text NOT NULL CHECK (length(trim(law)) > 0),
        section text NOT NULL CHECK (length(trim(section)) > 0),
        offence text,
        brought_on date,
        status charge_status NOT NULL,
        visibility visibility NOT NULL DEFAULT 'public'
      );
      CREATE INDEX charges_case_idx ON charges (case_id, brought_on);

      CREATE TABLE hearings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        scheduled_local timestamp without time zone NOT NULL,
        scheduled_at timestamptz NOT NULL,
        time_known boolean NOT NULL DEFAULT true,
        court text,
        judge text,
        purpose text,
        status hearing_status NOT NULL DEFAULT 'scheduled',
        outcome text,
        outcome_notes text,
        outcome_recorded_at timestamptz,
        visibility visibility NOT NULL DEFAULT 'public',
        CONSTRAINT hearings_outcome_recorded_check CHECK ((outcome IS NULL) = (outcome_recorded_at IS NULL))
      );
      CREATE INDEX hearings_case_idx ON hearings (case_id, scheduled_at);
      -- The dashboard's "upcoming" and "outcome missing" lists scan by instant across all cases.
      CREATE INDEX hearings_scheduled_idx ON hearings (scheduled_at) WHERE status = 'scheduled';

      CREATE TABLE custody_orders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        kind custody_kind NOT NULL,
        ordered_on date NOT NULL,
        days integer CHECK (days > 0 AND days <= 3650),
        until date,
        court text,
        judge text,
        place text,
        hearing_id uuid REFERENCES hearings (id) ON DELETE SET NULL,
        notes text,
        visibility visibility NOT NULL DEFAULT 'public',
        CONSTRAINT custody_orders_until_check CHECK (until IS NULL OR until >= ordered_on)
      );
      CREATE INDEX custody_orders_case_idx ON custody_orders (case_id, ordered_on);
      CREATE INDEX custody_orders_hearing_idx ON custody_orders (hearing_id) WHERE hearing_id IS NOT NULL;

      CREATE TABLE events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        occurred_on date NOT NULL,
        precision date_precision NOT NULL DEFAULT 'day',
        type event_type NOT NULL,
        title text,
        description text NOT NULL CHECK (length(trim(description)) > 0),
        visibility visibility NOT NULL,
        CONSTRAINT events_precision_check CHECK (vigil_date_fits_precision(occurred_on, precision))
      );
      CREATE INDEX events_case_idx ON events (case_id, occurred_on);

      CREATE TABLE event_sources (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        position smallint NOT NULL CHECK (position >= 0),
        citation text,
        url text CHECK (url IS NULL OR url ~* '^https?://'),
        CONSTRAINT event_sources_something_check CHECK (citation IS NOT NULL OR url IS NOT NULL),
        CONSTRAINT event_sources_position_key UNIQUE (event_id, position)
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE event_sources, events, custody_orders, hearings, charges, case_co_accused, cases, defenders;
      DROP FUNCTION vigil_defender_search_text(text, text[]);
      DROP TRIGGER audit_log_no_truncate ON audit_log;
      DROP TRIGGER audit_log_no_update_or_delete ON audit_log;
      DROP TABLE audit_log, users;
      DROP FUNCTION vigil_audit_log_is_append_only(), vigil_date_fits_precision(date, date_precision);
      DROP TYPE event_type, custody_kind, hearing_status, charge_status, detention_status, case_status,
        visibility, date_precision, audit_action, language, user_role;
    `);
  }
}
