import { EntityManager } from 'typeorm';
import { VISIBILITIES, Visibility } from '../common/entry';
import { CaseEvent } from '../events/event.entity';
import {
  CaseStages,
  CHARGE_SHEET_FILED,
  CaseStatus,
  STAGE_EVENT_TYPES,
  StageInput,
  StatusOverride,
} from './case-stages';
import { deriveParticipantStages, OwnedStageInput } from './participants';
import { STARTING_NOTE } from './starting-note';

// Reading a case's entries for the stage fold and keeping the stored statuses in step with them:
// each person's (case_participants.status, and viewer_status, the same fold without confidential
// entries) from their own story, and the case's (cases.status, viewer_status, stage, viewer_stage)
// as its defender's story tells it, as the case keeps its defender's detention facts. A case's
// status is thus never a co-accused's own verdict; theirs is beside their name.

const MICROS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** Each case's entries that `visibilities` allow, as the stage fold reads them, in four queries. */
export async function stageInputs(
  manager: EntityManager,
  caseIds: string[],
  visibilities: readonly Visibility[],
): Promise<Map<string, OwnedStageInput & { defenderId: string }>> {
  if (caseIds.length === 0) {
    return new Map();
  }
  // One after another: inside a transaction they share one connection.
  const cases = (await manager.query(
    `SELECT id, court, status_override AS "override", defender_id AS "defenderId"
       FROM cases WHERE id = ANY($1::uuid[])`,
    [caseIds],
  )) as { id: string; court: string | null; override: StatusOverride | null; defenderId: string }[];
  const events = (await manager.query(
    `SELECT case_id AS "caseId", id, type::text, occurred_on::text AS date, precision::text,
            to_char(created_at AT TIME ZONE 'UTC', ${MICROS}) AS "createdAt", period_position AS "periodPosition",
            day_position AS "dayPosition", stage::text, court, decision::text, appeal_deadline::text AS "appealDeadline",
            participant_id AS "participantId"
       FROM events
      WHERE case_id = ANY($1::uuid[]) AND visibility = ANY($2::visibility[]) AND type::text = ANY($3::text[])`,
    [caseIds, visibilities, STAGE_EVENT_TYPES],
  )) as (OwnedStageInput['events'][number] & { caseId: string })[];
  const hearings = (await manager.query(
    `SELECT case_id AS "caseId", id, to_char(scheduled_local, 'YYYY-MM-DD') AS day, stage::text, court,
            to_char(created_at AT TIME ZONE 'UTC', ${MICROS}) AS "createdAt"
       FROM hearings
      WHERE case_id = ANY($1::uuid[]) AND visibility = ANY($2::visibility[]) AND status <> 'cancelled'`,
    [caseIds, visibilities],
  )) as (StageInput['hearings'][number] & { caseId: string })[];
  const filed = (await manager.query(
    `SELECT DISTINCT case_id AS "caseId", participant_id AS "participantId" FROM charges
      WHERE case_id = ANY($1::uuid[]) AND visibility = ANY($2::visibility[]) AND status::text = ANY($3::text[])`,
    [caseIds, visibilities, CHARGE_SHEET_FILED],
  )) as { caseId: string; participantId: string | null }[];
  const inputs = new Map(
    cases.map((kase) => [
      kase.id,
      {
        defenderId: kase.defenderId,
        events: [] as OwnedStageInput['events'],
        hearings: [] as StageInput['hearings'],
        filedCharges: [] as OwnedStageInput['filedCharges'],
        court: kase.court,
        override: kase.override,
      },
    ]),
  );
  for (const { caseId, ...event } of events) {
    inputs.get(caseId)?.events.push(event);
  }
  for (const { caseId, ...hearing } of hearings) {
    inputs.get(caseId)?.hearings.push(hearing);
  }
  for (const { caseId, participantId } of filed) {
    inputs.get(caseId)?.filedCharges.push({ participantId });
  }
  return inputs;
}

/** A case's stages as each of its people's story tells them, and the case's own: its defender's. */
export interface PeopleStages {
  /** The case's defender's stages: the case's status, stage and list filters. */
  main: CaseStages;
  /** Each participant's (defender id), the main defender included. */
  byPerson: Map<string, CaseStages>;
}

/** Each case's stages, person by person, as the entries of `visibilities` tell them. */
export async function peopleStages(
  manager: EntityManager,
  caseIds: string[],
  visibilities: readonly Visibility[],
): Promise<Map<string, PeopleStages>> {
  const inputs = await stageInputs(manager, caseIds, visibilities);
  const people = (await manager.query(
    'SELECT case_id AS "caseId", defender_id AS "defenderId" FROM case_participants WHERE case_id = ANY($1::uuid[])',
    [caseIds],
  )) as { caseId: string; defenderId: string }[];
  return new Map(
    [...inputs].map(([id, input]) => {
      const ids = new Set([
        input.defenderId,
        ...people.filter((person) => person.caseId === id).map((person) => person.defenderId),
      ]);
      const byPerson = deriveParticipantStages(input, [...ids]);
      return [id, { main: byPerson.get(input.defenderId) as CaseStages, byPerson }];
    }),
  );
}

/** Each case's own stages (its defender's story) as the entries of `visibilities` tell them. */
export async function caseStages(
  manager: EntityManager,
  caseIds: string[],
  visibilities: readonly Visibility[],
): Promise<Map<string, CaseStages>> {
  const stages = await peopleStages(manager, caseIds, visibilities);
  return new Map([...stages].map(([id, { main }]) => [id, main]));
}

const VIEWERS = VISIBILITIES.filter((visibility) => visibility !== 'confidential');

/**
 * Folds each person's stages again and stores their status, and the case's (its defender's) status
 * and current stage, from every entry and from what viewers may read, in the caller's transaction.
 */
export async function refreshStatus(manager: EntityManager, caseId: string): Promise<void> {
  const all = (await peopleStages(manager, [caseId], VISIBILITIES)).get(caseId);
  const viewers = (await peopleStages(manager, [caseId], VIEWERS)).get(caseId);
  if (!all || !viewers) {
    return;
  }
  await manager.query(
    `UPDATE cases SET status = $2, viewer_status = $3, stage = $4, viewer_stage = $5 WHERE id = $1`,
    [caseId, all.main.status, viewers.main.status, all.main.current.kind, viewers.main.current.kind],
  );
  for (const [defenderId, stages] of all.byPerson) {
    const seen = viewers.byPerson.get(defenderId) as CaseStages;
    await manager.query(
      `UPDATE case_participants SET status = $3, viewer_status = $4, stage = $5, viewer_stage = $6
        WHERE case_id = $1 AND defender_id = $2`,
      [caseId, defenderId, stages.status, seen.status, stages.current.kind, seen.current.kind],
    );
  }
}

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
