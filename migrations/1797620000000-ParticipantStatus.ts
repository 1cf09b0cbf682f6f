import { MigrationInterface, QueryRunner } from 'typeorm';
import { deriveStages, StageInput, STAGE_EVENT_TYPES } from '../src/cases/case-stages';

// Each person in a case gets a status of their own (case_participants.status, viewer_status, stage,
// viewer_stage): the stage fold of their own entries and the shared ones, as their detention already
// is. A case's status becomes its defender's (cases.defender_id): until now every entry of the case
// told it, so a co-accused's own conviction read as everyone's.
// In a case of one person, every entry is theirs or shared: they keep the case's stored values. A
// case with co-accused is folded again, each person from their own story, the case from its
// defender's.
const CHARGED = ['in_charge_sheet', 'framed', 'convicted', 'acquitted'];
const MICROS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

export class ParticipantStatus1797620000000 implements MigrationInterface {
  name = 'ParticipantStatus1797620000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE case_participants
        ADD COLUMN status case_status NOT NULL DEFAULT 'under_investigation',
        ADD COLUMN viewer_status case_status NOT NULL DEFAULT 'under_investigation',
        ADD COLUMN stage case_stage NOT NULL DEFAULT 'investigation',
        ADD COLUMN viewer_stage case_stage NOT NULL DEFAULT 'investigation';
      UPDATE case_participants p
         SET status = c.status, viewer_status = c.viewer_status,
             stage = coalesce(c.stage, 'investigation'), viewer_stage = coalesce(c.viewer_stage, 'investigation')
        FROM cases c WHERE c.id = p.case_id;
    `);
    const people = (await queryRunner.query(
      `SELECT p.case_id AS "caseId", p.defender_id AS "defenderId", p.main
         FROM case_participants p
        WHERE EXISTS (SELECT 1 FROM case_participants other WHERE other.case_id = p.case_id AND NOT other.main)
        ORDER BY p.case_id, p.defender_id`,
    )) as { caseId: string; defenderId: string; main: boolean }[];
    for (const person of people) {
      const all = deriveStages(await this.input(queryRunner, person.caseId, person.defenderId, true));
      const viewers = deriveStages(await this.input(queryRunner, person.caseId, person.defenderId, false));
      const values = [all.status, viewers.status, all.current.kind, viewers.current.kind];
      await queryRunner.query(
        `UPDATE case_participants SET status = $3, viewer_status = $4, stage = $5, viewer_stage = $6
          WHERE case_id = $1 AND defender_id = $2`,
        [person.caseId, person.defenderId, ...values],
      );
      if (person.main) {
        await queryRunner.query(
          `UPDATE cases SET status = $2, viewer_status = $3, stage = $4, viewer_stage = $5 WHERE id = $1`,
          [person.caseId, ...values],
        );
      }
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // The case's status stays its defender's, which it also was whenever no co-accused had a decision of their own.
    await queryRunner.query(`
      ALTER TABLE case_participants DROP COLUMN status, DROP COLUMN viewer_status,
        DROP COLUMN stage, DROP COLUMN viewer_stage;
    `);
  }

  /** One person's story as the stage fold read it when this migration was written. */
  private async input(
    queryRunner: QueryRunner,
    caseId: string,
    defenderId: string,
    confidential: boolean,
  ): Promise<StageInput> {
    const visible = confidential ? '' : `AND visibility <> 'confidential'`;
    const theirs = `AND (participant_id IS NULL OR participant_id = $2)`;
    const [{ court, override }] = (await queryRunner.query(
      `SELECT court, status_override AS override FROM cases WHERE id = $1`,
      [caseId],
    )) as { court: string | null; override: StageInput['override'] }[];
    const events = (await queryRunner.query(
      `SELECT id, type::text, occurred_on::text AS date, precision::text,
              to_char(created_at AT TIME ZONE 'UTC', ${MICROS}) AS "createdAt", period_position AS "periodPosition",
              day_position AS "dayPosition", stage::text, court, decision::text, appeal_deadline::text AS "appealDeadline"
         FROM events WHERE case_id = $1 AND type::text = ANY($3::text[]) ${theirs} ${visible}`,
      [caseId, defenderId, STAGE_EVENT_TYPES],
    )) as StageInput['events'];
    const hearings = (await queryRunner.query(
      `SELECT id, to_char(scheduled_local, 'YYYY-MM-DD') AS day, stage::text, court,
              to_char(created_at AT TIME ZONE 'UTC', ${MICROS}) AS "createdAt"
         FROM hearings WHERE case_id = $1 AND status <> 'cancelled' ${visible}`,
      [caseId],
    )) as StageInput['hearings'];
    const [{ charged }] = (await queryRunner.query(
      `SELECT count(*) > 0 AS charged FROM charges
        WHERE case_id = $1 AND status::text = ANY($3::text[]) ${theirs} ${visible}`,
      [caseId, defenderId, CHARGED],
    )) as { charged: boolean }[];
    return { events, hearings, charged, court, override };
  }
}
