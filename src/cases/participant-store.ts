import { EntityManager } from 'typeorm';
import { FieldProblem, invalid } from '../common/domain-error';
import type { DetentionStatus } from './case.entity';

// The people of a case (case_participants): its main defender and the named co-accused, each with
// the detention facts folded from their own story (refreshDetention keeps them in step).

export interface ParticipantRow {
  caseId: string;
  defenderId: string;
  /** The defender the case is about (cases.defender_id); the others are co-accused. */
  main: boolean;
  fullName: string;
  country: string;
  detentionStatus: DetentionStatus;
  viewerDetentionStatus: DetentionStatus;
}

/** The participants of the given cases: each case's main defender first, then by name. */
export async function participantsOf(manager: EntityManager, caseIds: string[]): Promise<ParticipantRow[]> {
  if (caseIds.length === 0) {
    return [];
  }
  return (await manager.query(
    `SELECT p.case_id AS "caseId", p.defender_id AS "defenderId", p.main, d.full_name AS "fullName",
            d.country, p.detention_status::text AS "detentionStatus",
            p.viewer_detention_status::text AS "viewerDetentionStatus"
       FROM case_participants p JOIN defenders d ON d.id = p.defender_id
      WHERE p.case_id = ANY($1::uuid[])
      ORDER BY p.case_id, p.main DESC, d.full_name, d.id`,
    [caseIds],
  )) as ParticipantRow[];
}

export async function addParticipants(
  manager: EntityManager,
  caseId: string,
  defenderIds: string[],
  main = false,
): Promise<void> {
  if (defenderIds.length > 0) {
    await manager.query(
      `INSERT INTO case_participants (case_id, defender_id, main)
       SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING`,
      [caseId, defenderIds, main],
    );
  }
}

/** The case's co-accused (defender ids), in a fixed order. */
export async function coAccusedIdsOf(manager: EntityManager, caseId: string): Promise<string[]> {
  const rows = (await manager.query(
    'SELECT defender_id AS id FROM case_participants WHERE case_id = $1 AND NOT main ORDER BY defender_id',
    [caseId],
  )) as { id: string }[];
  return rows.map((row) => row.id);
}

/** How many entries belong to this participant: one who has some cannot leave the case. */
export async function ownedEntryCount(
  manager: EntityManager,
  caseId: string,
  defenderId: string,
): Promise<number> {
  const [{ owned }] = (await manager.query(
    `SELECT ((SELECT count(*) FROM events WHERE case_id = $1 AND participant_id = $2)
           + (SELECT count(*) FROM charges WHERE case_id = $1 AND participant_id = $2)
           + (SELECT count(*) FROM custody_orders WHERE case_id = $1 AND participant_id = $2))::int AS owned`,
    [caseId, defenderId],
  )) as { owned: number }[];
  return owned;
}

/** An entry's participant must be a participant of its case (null: it concerns everyone). */
export async function participantProblems(
  manager: EntityManager,
  caseId: string,
  participantId: string | null | undefined,
): Promise<FieldProblem[]> {
  if (participantId === null || participantId === undefined) {
    return [];
  }
  const rows = (await manager.query(
    'SELECT 1 FROM case_participants WHERE case_id = $1 AND defender_id = $2',
    [caseId, participantId],
  )) as unknown[];
  return rows.length > 0
    ? []
    : [{ field: 'participantId', problem: `is not a participant of this case (${participantId})` }];
}

/** Throws a 400 naming participantId unless it is null, left out, or a participant of the case. */
export async function assertParticipant(
  manager: EntityManager,
  caseId: string,
  participantId: string | null | undefined,
): Promise<void> {
  const [problem] = await participantProblems(manager, caseId, participantId);
  if (problem) {
    throw invalid(problem.field, problem.problem);
  }
}
