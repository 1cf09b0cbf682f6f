import { EntityManager } from 'typeorm';
import { PlanCase, PlanCharge, PlanCustodyOrder, PlanHearing, PlanStatutoryLimit } from './reminder-plan';
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
  // Everything else in one statement: a round trip each was most of a reminder send's time.
  const [rest] = (await manager.query(
    `SELECT
       (SELECT coalesce(json_agg(json_build_object(
                 'id', id, 'scheduledLocal', to_char(scheduled_local, 'YYYY-MM-DD"T"HH24:MI:SS'),
                 'timeKnown', time_known, 'status', status, 'outcome', outcome, 'court', court)
               ORDER BY scheduled_at, id), '[]')
          FROM hearings WHERE case_id = $1) AS hearings,
       (SELECT coalesce(json_agg(json_build_object(
                 'id', id, 'kind', kind, 'orderedOn', to_char(ordered_on, 'YYYY-MM-DD'), 'days', days,
                 'until', to_char(until, 'YYYY-MM-DD'), 'createdAt', created_at)), '[]')
          FROM custody_orders WHERE case_id = $1) AS "custodyOrders",
       (SELECT coalesce(json_agg(json_build_object('law', law, 'section', section, 'status', status)), '[]')
          FROM charges WHERE case_id = $1) AS charges,
       (SELECT coalesce(json_agg(json_build_object(
                 'id', id, 'country', country, 'lawPattern', law_pattern, 'reference', reference,
                 'description', description, 'days', days, 'extendedDays', extended_days)
               ORDER BY reference, id), '[]')
          FROM statutory_limits WHERE active AND country = $2) AS limits,
       (SELECT policy FROM case_reminder_policies WHERE case_id = $1) AS override,
       (SELECT policy FROM reminder_settings WHERE id = 1) AS global`,
    [caseId, kase.country],
  )) as {
    hearings: PlanHearing[];
    custodyOrders: (Omit<PlanCustodyOrder, 'createdAt'> & { createdAt: string })[];
    charges: PlanCharge[];
    limits: PlanStatutoryLimit[];
    override: ReminderPolicyOverride | null;
    global: Partial<ReminderPolicy> | null;
  }[];
  const { hearings, charges, limits } = rest;
  // JSON has no timestamps: the plan orders custody orders by when they were recorded.
  const custodyOrders = rest.custodyOrders.map((order) => ({
    ...order,
    createdAt: new Date(order.createdAt),
  }));
  const policy = effectivePolicy({ ...DEFAULT_REMINDER_POLICY, ...(rest.global ?? {}) }, rest.override);
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
