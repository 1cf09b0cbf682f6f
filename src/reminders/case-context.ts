import { EntityManager } from 'typeorm';
import { PlanCase } from './reminder-plan';
import {
  DEFAULT_REMINDER_POLICY,
  effectivePolicy,
  ReminderPolicy,
  ReminderPolicyOverride,
} from './reminder-policy';

/** What reminders need to know about a case besides its plan: for titles and email bodies. */
export interface CaseFacts {
  id: string;
  title: string;
  defenderName: string;
  country: string;
  timezone: string;
  court: string | null;
  caseNumber: string | null;
  status: string;
  detentionStatus: string;
  placeOfDetention: string | null;
  arrestedOn: string | null;
  arrestedOnPrecision: string;
  releasedOn: string | null;
}

export interface CaseContext {
  facts: CaseFacts;
  plan: PlanCase;
  policy: ReminderPolicy;
}

export async function loadGlobalPolicy(manager: EntityManager): Promise<ReminderPolicy> {
  const [row] = (await manager.query('SELECT policy FROM reminder_settings WHERE id = 1')) as {
    policy: ReminderPolicy;
  }[];
  return { ...DEFAULT_REMINDER_POLICY, ...(row?.policy ?? {}) };
}

/**
 * Reads a case and everything its reminders depend on through `manager` (so inside the caller's
 * transaction it sees the caller's uncommitted writes). `lock` takes the case row FOR NO KEY UPDATE, so
 * two transactions replanning one case queue up instead of racing. Not FOR UPDATE: a transaction
 * that has just inserted an entry holds KEY SHARE on the case through the foreign key, and FOR
 * UPDATE would wait for the other writer's KEY SHARE while it waits for ours: a deadlock.
 */
export async function loadCaseContext(
  manager: EntityManager,
  caseId: string,
  options: { lock?: boolean } = {},
): Promise<CaseContext | null> {
  const [kase] = (await manager.query(
    `SELECT c.id, c.title, d.full_name AS "defenderName", c.country, c.timezone, c.court,
            c.case_number AS "caseNumber", c.status, c.detention_status AS "detentionStatus",
            c.place_of_detention AS "placeOfDetention", to_char(c.arrested_on, 'YYYY-MM-DD') AS "arrestedOn",
            c.arrested_on_precision AS "arrestedOnPrecision", to_char(c.released_on, 'YYYY-MM-DD') AS "releasedOn"
       FROM cases c JOIN defenders d ON d.id = c.defender_id
      WHERE c.id = $1 ${options.lock ? 'FOR NO KEY UPDATE OF c' : ''}`,
    [caseId],
  )) as CaseFacts[];
  if (!kase) {
    return null;
  }
  // One after the other: inside a transaction they share one connection.
  const hearings = await manager.query(
    `SELECT id, to_char(scheduled_local, 'YYYY-MM-DD"T"HH24:MI:SS') AS "scheduledLocal", time_known AS "timeKnown",
            status, outcome, court
       FROM hearings WHERE case_id = $1 ORDER BY scheduled_at, id`,
    [caseId],
  );
  const custodyOrders = await manager.query(
    `SELECT id, kind, to_char(ordered_on, 'YYYY-MM-DD') AS "orderedOn", days, to_char(until, 'YYYY-MM-DD') AS until,
            created_at AS "createdAt"
       FROM custody_orders WHERE case_id = $1`,
    [caseId],
  );
  const charges = await manager.query('SELECT law, section, status FROM charges WHERE case_id = $1', [
    caseId,
  ]);
  const limits = await manager.query(
    `SELECT id, country, law_pattern AS "lawPattern", reference, description, days, extended_days AS "extendedDays"
       FROM statutory_limits WHERE active AND country = $1 ORDER BY reference, id`,
    [kase.country],
  );
  const override = await manager.query('SELECT policy FROM case_reminder_policies WHERE case_id = $1', [
    caseId,
  ]);
  const policy = effectivePolicy(
    await loadGlobalPolicy(manager),
    (override[0]?.policy as ReminderPolicyOverride | undefined) ?? null,
  );
  return {
    facts: kase,
    policy,
    plan: {
      id: kase.id,
      timezone: kase.timezone,
      country: kase.country,
      detentionStatus: kase.detentionStatus,
      arrestedOn: kase.arrestedOn,
      arrestedOnPrecision: kase.arrestedOnPrecision,
      hearings,
      custodyOrders,
      charges,
      limits,
    },
  };
}
