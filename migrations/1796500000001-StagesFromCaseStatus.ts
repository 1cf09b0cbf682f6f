import { MigrationInterface, QueryRunner } from 'typeorm';
import { CaseStatus, deriveStages, StageInput, STAGE_EVENT_TYPES } from '../src/cases/case-stages';

// Before this, a case's status was typed in; now it is derived from its stages (case-stages.ts).
// Each case keeps the status it had:
// - closed and unknown, which no entry tells, become the case's status override;
// - in a case on trial, convicted or acquitted with a dated charge sheet, the hearings from that day
//   on are put in the first instance (the earlier ones stay with the stage under way on their day);
// - where the entries then tell another status than the typed one, one undated entry, internal like
//   the status was, says what it said: a charge sheet (charged), a court appearance in the first
//   instance (on trial), a conviction (convicted), a first-instance decision acquitting (acquitted:
//   an acquittal event would also end custody, which the typed status did not say).
// A case typed under investigation whose entries already say more (a charge sheet, a conviction)
// reads what its entries say. Then cases.status and viewer_status are folded from the entries.
const NOTE = 'Carried over from the case status when Vigil began deriving it from the entries.';
const CHARGED = ['in_charge_sheet', 'framed', 'convicted', 'acquitted'];
const MICROS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

interface Marker {
  type: string;
  stage: string | null;
  decision: string | null;
}

const MARKERS: Partial<Record<CaseStatus, Marker>> = {
  charged: { type: 'charge_sheet', stage: null, decision: null },
  on_trial: { type: 'court', stage: 'first_instance', decision: null },
  convicted: { type: 'conviction', stage: 'first_instance', decision: null },
  acquitted: { type: 'court', stage: 'first_instance', decision: 'acquitted' },
};

export class StagesFromCaseStatus1796500000001 implements MigrationInterface {
  name = 'StagesFromCaseStatus1796500000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const cases = (await queryRunner.query(`SELECT id, status::text, court FROM cases ORDER BY id`)) as {
      id: string;
      status: CaseStatus;
      court: string | null;
    }[];
    for (const kase of cases) {
      if (kase.status === 'closed' || kase.status === 'unknown') {
        await queryRunner.query(`UPDATE cases SET status_override = $2 WHERE id = $1`, [
          kase.id,
          kase.status,
        ]);
        continue;
      }
      if (['on_trial', 'convicted', 'acquitted'].includes(kase.status)) {
        await queryRunner.query(
          `UPDATE hearings SET stage = 'first_instance'
            WHERE case_id = $1 AND scheduled_local::date >= (
              SELECT max(occurred_on) FROM events
               WHERE case_id = $1 AND type::text = 'charge_sheet' AND precision = 'day')`,
          [kase.id],
        );
      }
      const marker = MARKERS[kase.status];
      const told = deriveStages(await this.input(queryRunner, kase.id, kase.court, true)).status;
      if (marker && told !== kase.status) {
        await queryRunner.query(
          `INSERT INTO events (case_id, occurred_on, precision, type, stage, decision, description, visibility)
           VALUES ($1, NULL, 'day', $2, $3, $4, $5, 'internal')`,
          [kase.id, marker.type, marker.stage, marker.decision, NOTE],
        );
      }
    }
    for (const kase of cases) {
      const all = deriveStages(await this.input(queryRunner, kase.id, kase.court, true));
      const viewers = deriveStages(await this.input(queryRunner, kase.id, kase.court, false));
      await queryRunner.query(`UPDATE cases SET status = $2, viewer_status = $3 WHERE id = $1`, [
        kase.id,
        all.status,
        viewers.status,
      ]);
    }
  }

  async down(): Promise<void> {
    // The carried-over entries are ordinary entries now; the override goes with its column.
  }

  private async input(
    queryRunner: QueryRunner,
    caseId: string,
    court: string | null,
    confidential: boolean,
  ): Promise<StageInput> {
    const visible = confidential ? '' : `AND visibility <> 'confidential'`;
    const [{ override }] = (await queryRunner.query(
      `SELECT status_override AS override FROM cases WHERE id = $1`,
      [caseId],
    )) as { override: StageInput['override'] }[];
    const events = (await queryRunner.query(
      `SELECT id, type::text, occurred_on::text AS date, precision::text,
              to_char(created_at AT TIME ZONE 'UTC', ${MICROS}) AS "createdAt", period_position AS "periodPosition",
              day_position AS "dayPosition", stage::text, court, decision::text, appeal_deadline::text AS "appealDeadline"
         FROM events WHERE case_id = $1 AND type::text = ANY($2::text[]) ${visible}`,
      [caseId, STAGE_EVENT_TYPES],
    )) as StageInput['events'];
    const hearings = (await queryRunner.query(
      `SELECT id, to_char(scheduled_local, 'YYYY-MM-DD') AS day, stage::text, court,
              to_char(created_at AT TIME ZONE 'UTC', ${MICROS}) AS "createdAt"
         FROM hearings WHERE case_id = $1 AND status <> 'cancelled' ${visible}`,
      [caseId],
    )) as StageInput['hearings'];
    const [{ charged }] = (await queryRunner.query(
      `SELECT count(*) > 0 AS charged FROM charges WHERE case_id = $1 AND status::text = ANY($2::text[]) ${visible}`,
      [caseId, CHARGED],
    )) as { charged: boolean }[];
    return { events, hearings, charged, court, override };
  }
}
