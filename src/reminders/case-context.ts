import { EntityManager } from 'typeorm';
import { DETENTION_EVENT_TYPES, DetentionHistory } from '../cases/detention-history';
import { todayIn } from '../common/calendar-day';
import { LIMIT_EVENT_TYPES, STATUTORY_LIMIT_JSON } from '../statutory-limits/case-limits';
import {
  detentionOf,
  PlanCase,
  publicDetentionOf,
  PlanCharge,
  PlanCustodyOrder,
  PlanEvent,
  PlanHearing,
  PlanStatutoryLimit,
} from './reminder-plan';
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
  daysInCustody: number | null;
}

export interface CaseContext {
  facts: CaseFacts;
  plan: PlanCase;
  policy: ReminderPolicy;
  /** The case's detention history as of today in its zone (detentionOf(plan)). */
  detention: DetentionHistory;
}

export async function loadGlobalPolicy(manager: EntityManager): Promise<ReminderPolicy> {
  const [row] = (await manager.query('SELECT policy FROM reminder_settings WHERE id = 1')) as {
    policy: ReminderPolicy;
  }[];
  return { ...DEFAULT_REMINDER_POLICY, ...(row?.policy ?? {}) };
}

/**
 * Columns for a row of `cases c JOIN defenders d ON d.id = c.defender_id`: the case's facts, then
 * everything its plan depends on, each as JSON in a correlated subquery (one statement: a round
 * trip each was most of a reminder send's time).
 */
export const CASE_CONTEXT_COLUMNS = `
  c.id, c.title, d.full_name AS "defenderName", c.country, c.timezone, c.court,
  c.case_number AS "caseNumber", c.status, c.detention_status AS "detentionStatus",
  c.place_of_detention AS "placeOfDetention", to_char(c.arrested_on, 'YYYY-MM-DD') AS "arrestedOn",
  c.arrested_on_precision AS "arrestedOnPrecision", to_char(c.released_on, 'YYYY-MM-DD') AS "releasedOn",
  (SELECT coalesce(json_agg(json_build_object(
            'id', id, 'scheduledLocal', to_char(scheduled_local, 'YYYY-MM-DD"T"HH24:MI:SS'),
            'timeKnown', time_known, 'status', status, 'outcome', outcome, 'court', court,
            'visibility', visibility)
          ORDER BY scheduled_at, id), '[]')
     FROM hearings WHERE case_id = c.id) AS hearings,
  (SELECT coalesce(json_agg(json_build_object(
            'id', id, 'kind', kind, 'orderedOn', to_char(ordered_on, 'YYYY-MM-DD'), 'days', days,
            'until', to_char(until, 'YYYY-MM-DD'), 'createdAt', created_at, 'visibility', visibility)), '[]')
     FROM custody_orders WHERE case_id = c.id) AS "custodyOrders",
  (SELECT coalesce(json_agg(json_build_object('id', id, 'law', law, 'section', section, 'status', status,
            'maximumPenalty', maximum_penalty, 'visibility', visibility)), '[]')
     FROM charges WHERE case_id = c.id) AS charges,
  (SELECT coalesce(json_agg(json_build_object(
            'id', id, 'type', type, 'date', to_char(occurred_on, 'YYYY-MM-DD'), 'precision', precision,
            'createdAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            'custodyBasis', custody_basis, 'bailConditions', bail_conditions,
            'bailConditionsNote', bail_conditions_note, 'sentenceTerm', sentence_term,
            'sentenceStartsOn', to_char(sentence_starts_on, 'YYYY-MM-DD'), 'creditForCustody', credit_for_custody,
            'endedOn', to_char(ended_on, 'YYYY-MM-DD'), 'periodPosition', period_position,
            'visibility', visibility)), '[]')
     FROM events WHERE case_id = c.id
      AND type::text IN (${[...DETENTION_EVENT_TYPES, ...LIMIT_EVENT_TYPES].map((type) => `'${type}'`).join(', ')})) AS events,
  (SELECT coalesce(json_agg(${STATUTORY_LIMIT_JSON} ORDER BY l.reference, l.id), '[]')
     FROM statutory_limits l WHERE l.active AND l.country = c.country) AS limits,
  (SELECT policy FROM case_reminder_policies WHERE case_id = c.id) AS override,
  (SELECT policy FROM reminder_settings WHERE id = 1) AS global`;

/** A row read with CASE_CONTEXT_COLUMNS. */
export type CaseContextRow = CaseFacts & {
  hearings: PlanHearing[];
  custodyOrders: (Omit<PlanCustodyOrder, 'createdAt'> & { createdAt: string })[];
  charges: PlanCharge[];
  limits: PlanStatutoryLimit[];
  events: PlanEvent[];
  override: ReminderPolicyOverride | null;
  global: Partial<ReminderPolicy> | null;
};

/** The context of a case as of `now` (its detention history is as of that day in the case's zone). */
export function caseContextFrom(row: CaseContextRow, now: Date): CaseContext {
  const { hearings, charges, limits, events } = row;
  const facts: CaseFacts = {
    id: row.id,
    title: row.title,
    defenderName: row.defenderName,
    country: row.country,
    timezone: row.timezone,
    court: row.court,
    caseNumber: row.caseNumber,
    status: row.status,
    detentionStatus: row.detentionStatus,
    placeOfDetention: row.placeOfDetention,
    arrestedOn: row.arrestedOn,
    arrestedOnPrecision: row.arrestedOnPrecision,
    releasedOn: row.releasedOn,
    daysInCustody: null,
  };
  // JSON has no timestamps: the plan orders custody orders by when they were recorded.
  const custodyOrders = row.custodyOrders.map((order) => ({
    ...order,
    createdAt: new Date(order.createdAt),
  }));
  const policy = effectivePolicy({ ...DEFAULT_REMINDER_POLICY, ...(row.global ?? {}) }, row.override);
  const plan: PlanCase = {
    id: facts.id,
    timezone: facts.timezone,
    country: facts.country,
    detentionStatus: facts.detentionStatus,
    arrestedOn: facts.arrestedOn,
    arrestedOnPrecision: facts.arrestedOnPrecision,
    hearings,
    custodyOrders,
    charges,
    limits,
    events,
    today: todayIn(now, facts.timezone),
  };
  facts.daysInCustody = publicDetentionOf(plan).daysInCustody;
  return { facts, policy, plan, detention: detentionOf(plan) };
}

/**
 * Reads a case and everything its reminders depend on through `manager` (so inside the caller's
 * transaction it sees the caller's uncommitted writes). `lock` takes the case row FOR NO KEY UPDATE
 * first, so two transactions replanning one case queue up instead of racing; the read comes after
 * the lock because a statement's snapshot is taken before it waits. Not FOR UPDATE: a transaction
 * that has just inserted an entry holds KEY SHARE on the case through the foreign key, and FOR
 * UPDATE would wait for the other writer's KEY SHARE while it waits for ours: a deadlock.
 */
export async function loadCaseContext(
  manager: EntityManager,
  caseId: string,
  now: Date,
  options: { lock?: boolean } = {},
): Promise<CaseContext | null> {
  if (options.lock) {
    const locked = (await manager.query('SELECT 1 FROM cases WHERE id = $1 FOR NO KEY UPDATE', [
      caseId,
    ])) as unknown[];
    if (!locked.length) {
      return null;
    }
  }
  const [row] = (await manager.query(
    `SELECT ${CASE_CONTEXT_COLUMNS} FROM cases c JOIN defenders d ON d.id = c.defender_id WHERE c.id = $1`,
    [caseId],
  )) as CaseContextRow[];
  return row ? caseContextFrom(row, now) : null;
}
