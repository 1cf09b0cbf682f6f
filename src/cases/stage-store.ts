import { EntityManager } from 'typeorm';
import { VISIBILITIES, Visibility } from '../common/entry';
import { CaseEvent } from '../events/event.entity';
import {
  CaseStages,
  CHARGE_SHEET_FILED,
  CaseStatus,
  deriveStages,
  STAGE_EVENT_TYPES,
  StageInput,
  StatusOverride,
} from './case-stages';

// Reading a case's entries for the stage fold, and keeping cases.status (and viewer_status, the
// same fold without confidential entries, for viewers' lists) in step with them.

const MICROS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** Each case's entries that `visibilities` allow, as the stage fold reads them, in four queries. */
export async function stageInputs(
  manager: EntityManager,
  caseIds: string[],
  visibilities: readonly Visibility[],
): Promise<Map<string, StageInput>> {
  if (caseIds.length === 0) {
    return new Map();
  }
  // One after another: inside a transaction they share one connection.
  const cases = (await manager.query(
    `SELECT id, court, status_override AS "override" FROM cases WHERE id = ANY($1::uuid[])`,
    [caseIds],
  )) as { id: string; court: string | null; override: StatusOverride | null }[];
  const events = (await manager.query(
    `SELECT case_id AS "caseId", id, type::text, occurred_on::text AS date, precision::text,
            to_char(created_at AT TIME ZONE 'UTC', ${MICROS}) AS "createdAt", period_position AS "periodPosition",
            day_position AS "dayPosition", stage::text, court, decision::text, appeal_deadline::text AS "appealDeadline"
       FROM events
      WHERE case_id = ANY($1::uuid[]) AND visibility = ANY($2::visibility[]) AND type::text = ANY($3::text[])`,
    [caseIds, visibilities, STAGE_EVENT_TYPES],
  )) as (StageInput['events'][number] & { caseId: string })[];
  const hearings = (await manager.query(
    `SELECT case_id AS "caseId", id, to_char(scheduled_local, 'YYYY-MM-DD') AS day, stage::text, court,
            to_char(created_at AT TIME ZONE 'UTC', ${MICROS}) AS "createdAt"
       FROM hearings
      WHERE case_id = ANY($1::uuid[]) AND visibility = ANY($2::visibility[]) AND status <> 'cancelled'`,
    [caseIds, visibilities],
  )) as (StageInput['hearings'][number] & { caseId: string })[];
  const charged = (await manager.query(
    `SELECT DISTINCT case_id AS "caseId" FROM charges
      WHERE case_id = ANY($1::uuid[]) AND visibility = ANY($2::visibility[]) AND status::text = ANY($3::text[])`,
    [caseIds, visibilities, CHARGE_SHEET_FILED],
  )) as { caseId: string }[];
  const inputs = new Map<string, StageInput>(
    cases.map((kase) => [
      kase.id,
      { events: [], hearings: [], charged: false, court: kase.court, override: kase.override },
    ]),
  );
  for (const { caseId, ...event } of events) {
    inputs.get(caseId)?.events.push(event);
  }
  for (const { caseId, ...hearing } of hearings) {
    inputs.get(caseId)?.hearings.push(hearing);
  }
  for (const { caseId } of charged) {
    const input = inputs.get(caseId);
    if (input) {
      input.charged = true;
    }
  }
  return inputs;
}

/** Each case's stages as the entries of `visibilities` tell them. */
export async function caseStages(
  manager: EntityManager,
  caseIds: string[],
  visibilities: readonly Visibility[],
): Promise<Map<string, CaseStages>> {
  const inputs = await stageInputs(manager, caseIds, visibilities);
  return new Map([...inputs].map(([id, input]) => [id, deriveStages(input)]));
}

const VIEWERS = VISIBILITIES.filter((visibility) => visibility !== 'confidential');

/** Folds the case's stages again and stores its status and current stage, in the caller's transaction. */
export async function refreshStatus(manager: EntityManager, caseId: string): Promise<void> {
  const all = (await caseStages(manager, [caseId], VISIBILITIES)).get(caseId);
  const viewers = (await caseStages(manager, [caseId], VIEWERS)).get(caseId);
  if (all && viewers) {
    await manager.query(
      `UPDATE cases SET status = $2, viewer_status = $3, stage = $4, viewer_stage = $5 WHERE id = $1`,
      [caseId, all.status, viewers.status, all.current.kind, viewers.current.kind],
    );
  }
}

const STARTING_NOTE = 'Recorded with the case.';

/** The entry each status given with a new case writes, so that the fold tells it (internal, undated). */
const STARTING_ENTRIES: Partial<Record<CaseStatus, Pick<CaseEvent, 'type' | 'stage' | 'decision'>>> = {
  charged: { type: 'charge_sheet', stage: null, decision: null },
  on_trial: { type: 'court', stage: 'first_instance', decision: null },
  on_appeal: { type: 'appeal_filed', stage: 'appeal', decision: null },
  convicted: { type: 'conviction', stage: 'first_instance', decision: null },
  // Not an acquittal event: that would also end custody, which the status given does not say.
  acquitted: { type: 'court', stage: 'first_instance', decision: 'acquitted' },
};

/**
 * What a new case's status said, as the entry that tells it (none for under_investigation, and
 * closed and unknown are the override instead). The caller audits it and refreshes the status.
 */
export async function writeStartingStage(
  manager: EntityManager,
  caseId: string,
  status: CaseStatus,
): Promise<CaseEvent | null> {
  const entry = STARTING_ENTRIES[status];
  if (!entry) {
    return null;
  }
  return manager.save(
    manager.create(CaseEvent, {
      caseId,
      occurredOn: null,
      precision: 'day',
      ...entry,
      description: STARTING_NOTE,
      visibility: 'internal',
    }),
  );
}
