import { EntityManager } from 'typeorm';
import { deriveStages, STAGE_EVENT_TYPES, StatusOverride } from '../cases/case-stages';
import { DETENTION_EVENT_TYPES, DetentionHistory } from '../cases/detention-history';
import { ParticipantOwned, storyOf } from '../cases/participants';
import { todayIn } from '../common/calendar-day';
import { LIMIT_EVENT_TYPES, STATUTORY_LIMIT_JSON } from '../statutory-limits/case-limits';
import {
  PlanCase,
  PlanCharge,
  PlanCustodyOrder,
  PlanEvent,
  PlanHearing,
  PlanStatutoryLimit,
} from './plan-case';
import { detentionOf, publicDetentionOf } from './plan-detention';
import { planStageInput } from './appeal-deadlines';
import {
  DEFAULT_REMINDER_POLICY,
  effectivePolicy,
  ReminderPolicy,
  ReminderPolicyOverride,
} from './reminder-policy';

// The events the plan reads: those of the detention history and those of the stages.
const PLANNED_EVENT_TYPES = [
  ...new Set([...DETENTION_EVENT_TYPES, ...STAGE_EVENT_TYPES, ...LIMIT_EVENT_TYPES]),
];

/** What reminders need to know about a case besides its plan: for titles and email bodies. */
export interface ReminderCaseFacts {
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
  /** The co-accused whose story this context tells; null for the case's own defender. */
  coAccusedId: string | null;
  facts: ReminderCaseFacts;
  plan: PlanCase;
  policy: ReminderPolicy;
  /** The case's detention history as of today in its zone (detentionOf(plan)). */
  detention: DetentionHistory;
}

/** A participant of the case as its reminders name them. */
export interface ContextParticipant {
  id: string;
  name: string;
  main: boolean;
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
  c.case_number AS "caseNumber", c.status, c.status_override AS "statusOverride",
  c.detention_status AS "detentionStatus",
  c.place_of_detention AS "placeOfDetention", to_char(c.arrested_on, 'YYYY-MM-DD') AS "arrestedOn",
  c.arrested_on_precision AS "arrestedOnPrecision", to_char(c.released_on, 'YYYY-MM-DD') AS "releasedOn",
  (SELECT coalesce(json_agg(json_build_object(
            'id', id, 'scheduledLocal', to_char(scheduled_local, 'YYYY-MM-DD"T"HH24:MI:SS'),
            'timeKnown', time_known, 'status', status, 'outcome', outcome, 'court', court,
            'stage', stage, 'createdAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            'visibility', visibility)
          ORDER BY scheduled_at, id), '[]')
     FROM hearings WHERE case_id = c.id) AS hearings,
  (SELECT coalesce(json_agg(json_build_object(
            'id', id, 'kind', kind, 'orderedOn', to_char(ordered_on, 'YYYY-MM-DD'), 'days', days,
            'until', to_char(until, 'YYYY-MM-DD'), 'createdAt', created_at, 'visibility', visibility,
            'participantId', participant_id)), '[]')
     FROM custody_orders WHERE case_id = c.id) AS "custodyOrders",
  (SELECT coalesce(json_agg(json_build_object('id', id, 'law', law, 'section', section, 'status', status,
            'maximumPenalty', maximum_penalty, 'visibility', visibility, 'participantId', participant_id)), '[]')
     FROM charges WHERE case_id = c.id) AS charges,
  (SELECT coalesce(json_agg(json_build_object(
            'id', id, 'type', type, 'date', to_char(occurred_on, 'YYYY-MM-DD'), 'precision', precision,
            'createdAt', to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
            'custodyBasis', custody_basis, 'bailConditions', bail_conditions,
            'bailConditionsNote', bail_conditions_note, 'sentenceTerm', sentence_term,
            'sentenceStartsOn', to_char(sentence_starts_on, 'YYYY-MM-DD'), 'creditForCustody', credit_for_custody,
            'endedOn', to_char(ended_on, 'YYYY-MM-DD'), 'periodPosition', period_position,
            'stage', stage, 'court', court, 'decision', decision,
            'appealDeadline', to_char(appeal_deadline, 'YYYY-MM-DD'), 'visibility', visibility,
            'participantId', participant_id)), '[]')
     FROM events WHERE case_id = c.id AND type::text IN (${PLANNED_EVENT_TYPES.map((type) => `'${type}'`).join(', ')})) AS events,
  (SELECT coalesce(json_agg(${STATUTORY_LIMIT_JSON} ORDER BY l.reference, l.id), '[]')
     FROM statutory_limits l WHERE l.active AND l.country = c.country) AS limits,
  (SELECT coalesce(json_agg(json_build_object('id', p.defender_id, 'name', pd.full_name, 'main', p.main)
          ORDER BY p.main DESC, pd.full_name, pd.id), '[]')
     FROM case_participants p JOIN defenders pd ON pd.id = p.defender_id WHERE p.case_id = c.id) AS participants,
  (SELECT policy FROM case_reminder_policies WHERE case_id = c.id) AS override,
  (SELECT policy FROM reminder_settings WHERE id = 1) AS global`;

/** A row read with CASE_CONTEXT_COLUMNS. */
export type CaseContextRow = ReminderCaseFacts & {
  statusOverride: StatusOverride | null;
  hearings: PlanHearing[];
  custodyOrders: (Omit<PlanCustodyOrder, 'createdAt'> & { createdAt: string })[];
  charges: PlanCharge[];
  limits: PlanStatutoryLimit[];
  events: PlanEvent[];
  participants: ContextParticipant[];
  override: ReminderPolicyOverride | null;
  global: Partial<ReminderPolicy> | null;
};

/**
 * The context of a case as of `now` (its detention history is as of that day in the case's zone),
 * as one person's story tells it: the case's defender's, or the co-accused `coAccusedId`'s (their
 * own entries and the shared ones; participants.ts).
 */
export function caseContextFrom(
  row: CaseContextRow,
  now: Date,
  coAccusedId: string | null = null,
): CaseContext {
  const main = row.participants.find((person) => person.main);
  const coAccused = row.participants.find((person) => !person.main && person.id === coAccusedId);
  const whose = coAccused ?? main;
  const story = <T extends ParticipantOwned>(entries: T[]): T[] =>
    whose ? storyOf(entries, whose.id) : entries;
  const [hearings, limits] = [row.hearings, row.limits];
  const [charges, events] = [story(row.charges), story(row.events)];
  const facts: ReminderCaseFacts = {
    id: row.id,
    title: row.title,
    defenderName: coAccused?.name ?? row.defenderName,
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
  const custodyOrders = story(row.custodyOrders).map((order) => ({
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
    court: row.court,
    statusOverride: row.statusOverride,
    today: todayIn(now, facts.timezone),
  };
  facts.daysInCustody = publicDetentionOf(plan).daysInCustody;
  const detention = detentionOf(plan);
  if (coAccused) {
    // The case's stored statuses are its defender's; a co-accused's are their own story's.
    facts.detentionStatus = detention.detentionStatus;
    facts.status = deriveStages(planStageInput(plan)).status;
  }
  return { coAccusedId: coAccused?.id ?? null, facts, policy, plan, detention };
}

/**
 * Reads a case and everything its reminders depend on through `manager`, as its defender's story
 * tells it and as each co-accused's does (`coAccused`); inside the caller's transaction it sees the
 * caller's uncommitted writes. `lock` takes the case row FOR NO KEY UPDATE
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
): Promise<(CaseContext & { coAccused: CaseContext[] }) | null> {
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
  return row ? { ...caseContextFrom(row, now), coAccused: coAccusedContexts(row, now) } : null;
}

/** The contexts of every co-accused of a case read with CASE_CONTEXT_COLUMNS (none in a case of one). */
export const coAccusedContexts = (row: CaseContextRow, now: Date): CaseContext[] =>
  row.participants.filter((person) => !person.main).map((person) => caseContextFrom(row, now, person.id));
