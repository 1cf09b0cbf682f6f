import { MigrationInterface, QueryRunner } from 'typeorm';

// Co-accused become participants with a story of their own. Every case's main defender and each
// co-accused link becomes a row of case_participants, which also keeps each person's derived
// detention facts for the lists. Events, charges and custody orders may now belong to one
// participant (participant_id) or be shared (null); a hearing always concerns everyone.
//
// Existing entries, decided so that no one's story changes:
// - detention events (arrest, bail, release, sentence...) and custody orders belong to the case's
//   main defender: until now they could only tell that defender's detention (a co-accused had none);
// - charges of a case without co-accused belong to its defender; in a case with co-accused they stay
//   shared, as the charges of the joint prosecution;
// - everything else (raids, statements, hearings) stays shared.
// The per-person facts start as the case's stored ones for the main defender and as "not detained"
// for a co-accused (no entry opened custody for them), which is what the fold of their entries says.

// The fold's event types as they were when this migration was written (never edited once landed).
const DETENTION_TYPES = [
  'arrest',
  'detention',
  'bail_revoked',
  'bail_granted',
  'release',
  'acquittal',
  'pardon',
  'sentence_served',
  'death_in_custody',
  'disappearance',
  'sentence',
  'hunger_strike',
  'travel_ban',
  'incommunicado',
];

export class CaseParticipants1797020000000 implements MigrationInterface {
  name = 'CaseParticipants1797020000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_participants (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        defender_id uuid NOT NULL REFERENCES defenders (id) ON DELETE RESTRICT,
        main boolean NOT NULL DEFAULT false,
        detention_status detention_status NOT NULL DEFAULT 'not_detained',
        viewer_detention_status detention_status NOT NULL DEFAULT 'not_detained',
        arrested_on date,
        arrested_on_precision date_precision NOT NULL DEFAULT 'day',
        released_on date,
        released_on_precision date_precision,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (case_id, defender_id)
      );
      CREATE UNIQUE INDEX case_participants_one_main ON case_participants (case_id) WHERE main;
      CREATE INDEX case_participants_defender_idx ON case_participants (defender_id);

      INSERT INTO case_participants (case_id, defender_id, main, detention_status, viewer_detention_status,
                                     arrested_on, arrested_on_precision, released_on, released_on_precision)
      SELECT id, defender_id, true, detention_status, viewer_detention_status,
             arrested_on, arrested_on_precision, released_on, released_on_precision
        FROM cases;
      INSERT INTO case_participants (case_id, defender_id, main)
      SELECT link.case_id, link.defender_id, false
        FROM case_co_accused link JOIN cases kase ON kase.id = link.case_id
       WHERE link.defender_id <> kase.defender_id;

      ALTER TABLE cases ADD COLUMN unnamed_co_accused integer NOT NULL DEFAULT 0
        CHECK (unnamed_co_accused BETWEEN 0 AND 100000);
    `);
    // The entry's participant must take part in the entry's case; an update of the participant's
    // defender (the case's main defender replaced) carries their entries along.
    for (const table of ['events', 'charges', 'custody_orders']) {
      await queryRunner.query(`
        ALTER TABLE ${table} ADD COLUMN participant_id uuid;
        ALTER TABLE ${table} ADD CONSTRAINT ${table}_participant_fk FOREIGN KEY (case_id, participant_id)
          REFERENCES case_participants (case_id, defender_id) ON UPDATE CASCADE;
        CREATE INDEX ${table}_participant_idx ON ${table} (case_id, participant_id);
      `);
    }
    await queryRunner.query(
      `UPDATE events e SET participant_id = kase.defender_id FROM cases kase
        WHERE kase.id = e.case_id AND e.type::text = ANY($1::text[])`,
      [DETENTION_TYPES],
    );
    await queryRunner.query(`
      UPDATE custody_orders o SET participant_id = kase.defender_id FROM cases kase WHERE kase.id = o.case_id;
      UPDATE charges c SET participant_id = kase.defender_id FROM cases kase
       WHERE kase.id = c.case_id AND NOT EXISTS (SELECT 1 FROM case_participants p WHERE p.case_id = c.case_id AND NOT p.main);
      DROP TABLE case_co_accused;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE case_co_accused (
        case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
        defender_id uuid NOT NULL REFERENCES defenders (id) ON DELETE CASCADE,
        PRIMARY KEY (case_id, defender_id)
      );
      CREATE INDEX case_co_accused_defender_idx ON case_co_accused (defender_id);
      INSERT INTO case_co_accused (case_id, defender_id)
      SELECT case_id, defender_id FROM case_participants WHERE NOT main;
      ALTER TABLE events DROP COLUMN participant_id;
      ALTER TABLE charges DROP COLUMN participant_id;
      ALTER TABLE custody_orders DROP COLUMN participant_id;
      ALTER TABLE cases DROP COLUMN unnamed_co_accused;
      DROP TABLE case_participants;
    `);
  }
}
