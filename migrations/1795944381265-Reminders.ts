import { MigrationInterface, QueryRunner } from 'typeorm';

// The reminder engine: one row per reminder (PostgreSQL is the only source of truth; Redis only
// holds delayed jobs that can be rebuilt from these rows), one row per message actually handed to
// SMTP, the global and per-case policy, watchers, external recipients and statutory limits.
export class Reminders1795944381265 implements MigrationInterface {
  name = 'Reminders1795944381265';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TYPE reminder_kind AS ENUM (
        'hearing_upcoming', 'custody_ending', 'detention_milestone', 'outcome_missing', 'statutory_limit', 'weekly_digest'
      );
      CREATE TYPE reminder_status AS ENUM ('pending', 'sent', 'skipped', 'cancelled', 'failed');

      -- One row: the global policy (ISO 8601 offsets and milestone days).
      CREATE TABLE reminder_settings (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        updated_at timestamptz NOT NULL DEFAULT now(),
        policy jsonb NOT NULL CHECK (jsonb_typeof(policy) = 'object')
      );
      INSERT INTO reminder_settings (policy) VALUES ('{
        "hearingOffsets": ["P7D", "P1D", "PT2H"],
        "custodyOffsets": ["P3D", "P1D"],
        "statutoryOffsets": ["P14D", "P3D"],
        "milestoneDays": [30, 100, 150, 365],
        "milestonesYearly": true
      }');

      CREATE TABLE case_reminder_policies (
        case_id uuid PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
        updated_at timestamptz NOT NULL DEFAULT now(),
        policy jsonb NOT NULL CHECK (jsonb_typeof(policy) = 'object')
      );

      CREATE TABLE case_watchers (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        muted boolean NOT NULL DEFAULT false,
        PRIMARY KEY (case_id, user_id)
      );
      CREATE INDEX case_watchers_user_idx ON case_watchers (user_id);

      CREATE TABLE case_recipients (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(trim(name)) > 0),
        email text NOT NULL CHECK (email = lower(email) AND email LIKE '%_@_%'),
        language language NOT NULL DEFAULT 'en',
        CONSTRAINT case_recipients_email_key UNIQUE (case_id, email)
      );

      CREATE TABLE statutory_limits (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        country char(2) NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
        law_pattern text NOT NULL,
        reference text NOT NULL CHECK (length(trim(reference)) > 0),
        description text NOT NULL CHECK (length(trim(description)) > 0),
        days integer NOT NULL CHECK (days > 0 AND days <= 3650),
        extended_days integer CHECK (extended_days > days AND extended_days <= 3650),
        active boolean NOT NULL DEFAULT true
      );
      INSERT INTO statutory_limits (country, law_pattern, reference, description, days, extended_days) VALUES
        ('IN', 'Unlawful Activities (Prevention) Act', 'UAPA s.43D(2)',
         'Charge sheet due within 90 days of arrest; the court may extend this to 180 days on the prosecutor''s report. After that the accused may claim default bail.',
         90, 180),
        ('IN', '', 'CrPC s.167(2)(a)(ii)',
         'Charge sheet due within 60 days of arrest for offences punishable with less than ten years'' imprisonment, or the accused may claim default bail.',
         60, NULL),
        ('IN', '', 'CrPC s.167(2)(a)(i)',
         'Charge sheet due within 90 days of arrest for offences punishable with death, life imprisonment or at least ten years, or the accused may claim default bail.',
         90, NULL);

      CREATE TABLE reminders (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        kind reminder_kind NOT NULL,
        case_id uuid REFERENCES cases (id) ON DELETE CASCADE,
        user_id uuid REFERENCES users (id) ON DELETE CASCADE,
        subject_id uuid,
        subject_at timestamptz NOT NULL,
        "offset" text NOT NULL,
        due_at timestamptz NOT NULL,
        dedupe_key text NOT NULL,
        title text NOT NULL,
        details jsonb NOT NULL DEFAULT '{}',
        status reminder_status NOT NULL DEFAULT 'pending',
        attempts integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        last_error text,
        sent_at timestamptz,
        message_id text,
        CONSTRAINT reminders_owner_check CHECK (
          (kind = 'weekly_digest' AND user_id IS NOT NULL) OR (kind <> 'weekly_digest' AND case_id IS NOT NULL)
        ),
        CONSTRAINT reminders_sent_check CHECK ((status = 'sent') = (sent_at IS NOT NULL))
      );
      -- One live row per key: a cancelled row may be followed by a new one with the same key
      -- (a hearing moved away and back), but a sent or skipped one never.
      CREATE UNIQUE INDEX reminders_dedupe_key ON reminders (dedupe_key) WHERE status <> 'cancelled';
      CREATE INDEX reminders_pending_idx ON reminders (due_at) WHERE status = 'pending';
      CREATE INDEX reminders_case_idx ON reminders (case_id, due_at);
      CREATE INDEX reminders_list_idx ON reminders (due_at, id);

      -- Each message handed to SMTP: written right after acceptance, so a retry after a partial
      -- failure mails only those not yet served, with the same Message-ID every time.
      CREATE TABLE reminder_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        reminder_id uuid NOT NULL REFERENCES reminders (id) ON DELETE CASCADE,
        recipient text NOT NULL,
        email text NOT NULL,
        language language NOT NULL,
        message_id text NOT NULL,
        sent_at timestamptz NOT NULL,
        CONSTRAINT reminder_deliveries_key UNIQUE (reminder_id, recipient)
      );
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE reminder_deliveries, reminders, statutory_limits, case_recipients, case_watchers,
        case_reminder_policies, reminder_settings;
      DROP TYPE reminder_status, reminder_kind;
    `);
  }
}
