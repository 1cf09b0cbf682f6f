import type { DetentionHistory } from '../cases/detention-history';
import { IsoDate } from '../common/entry';
import type { PlanCase } from '../reminders/plan-case';
import { evaluateLimits } from './limit-evaluation';
import { LimitCase, LimitEvaluation, LimitRow } from './limit-model';

/** Events besides the detention fold's that a limit's clock reads: the ones that may stop it. */
export const LIMIT_EVENT_TYPES = ['charge_sheet', 'conviction', 'acquittal', 'sentence'] as const;

/** A limit's state joined with the words of its row, as the API, the case page and the exports show it. */
export type CaseLimitState = LimitEvaluation &
  Pick<LimitRow, 'reference' | 'law' | 'section' | 'citation' | 'citationUrl' | 'description' | 'exceeding'>;

export interface CaseLimits {
  states: CaseLimitState[];
  /** Rules none of whose alternatives applies because no charge in scope records a maximum penalty. */
  undecided: string[];
}

/** The case as a limit's clock reads it: the custody periods of its detention history and its entries. */
export const limitCaseOf = (
  kase: Pick<PlanCase, 'country' | 'charges' | 'events' | 'custodyOrders'>,
  history: DetentionHistory,
): LimitCase => ({
  country: kase.country,
  periods: history.periods,
  custodyOrders: kase.custodyOrders,
  charges: kase.charges,
  events: kase.events.filter((event) => (LIMIT_EVENT_TYPES as readonly string[]).includes(event.type)),
});

/** Where each limit that applies to the case stands on `today`, with its row's words. */
export function caseLimitsOf(
  kase: Pick<PlanCase, 'country' | 'charges' | 'events' | 'custodyOrders' | 'limits'>,
  history: DetentionHistory,
  today: IsoDate,
): CaseLimits {
  const { evaluations, undecided } = evaluateLimits(kase.limits, limitCaseOf(kase, history), today);
  const rows = new Map(kase.limits.map((row) => [row.id, row]));
  return {
    states: evaluations.map((evaluation) => {
      const row = rows.get(evaluation.limitId) as LimitRow;
      return {
        ...evaluation,
        reference: row.reference,
        law: row.law,
        section: row.section,
        citation: row.citation,
        citationUrl: row.citationUrl,
        description: row.description,
        exceeding: row.exceeding,
      };
    }),
    undecided,
  };
}

/** A row of `statutory_limits l` as the JSON of a LimitRow, for queries that read limits with a case. */
export const STATUTORY_LIMIT_JSON = `json_build_object(
  'id', l.id, 'country', l.country, 'law', l.law, 'section', l.section, 'reference', l.reference,
  'citation', l.citation, 'citationUrl', l.citation_url, 'description', l.description, 'rule', l.rule,
  'priority', l.priority, 'bases', l.bases, 'lawPattern', l.law_pattern, 'sectionPattern', l.section_pattern,
  'penaltyFrom', l.penalty_from, 'penaltyBelow', l.penalty_below, 'startsOn', l.starts_on,
  'stoppedBy', l.stopped_by, 'periods', l.periods, 'exceeding', l.exceeding)`;
