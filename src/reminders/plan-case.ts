import type { CaseStageKind, StageEvent, StatusOverride } from '../cases/case-stages';
import type { DetentionEvent } from '../cases/detention-history';
import type { Visibility } from '../common/entry';
import type { LimitRow } from '../statutory-limits/limit-model';

// The case as the reminder plan reads it (PlanCase and its entries): plain data, read by
// case-context.ts, planned by reminder-plan.ts, folded by plan-detention.ts.

export interface PlanHearing {
  id: string;
  /** The stage it was put in (case-stages.ts); null or absent: the stage under way on its day. */
  stage?: CaseStageKind | null;
  createdAt?: string;
  /** Wall clock in the case's zone, 'YYYY-MM-DDTHH:mm:ss'. */
  scheduledLocal: string;
  timeKnown: boolean;
  status: string;
  outcome: string | null;
  court: string | null;
  visibility: Visibility;
}

export interface PlanCustodyOrder {
  id: string;
  kind: string;
  orderedOn: string;
  days: number | null;
  until: string | null;
  createdAt: Date;
  visibility: Visibility;
  /** Whose it is (a defender id); null or absent when it concerns everyone in the case. */
  participantId?: string | null;
}

export interface PlanCharge {
  id: string;
  law: string;
  section: string | null;
  status: string;
  /** P7Y, life, death: the gravity statutory limits read. */
  maximumPenalty: string | null;
  visibility: Visibility;
  participantId?: string | null;
}

/** A row of the statutory-limits table (src/statutory-limits/limit-model.ts). */
export type PlanStatutoryLimit = LimitRow;

/** An event of the case as the detention history folds it (arrest, bail, sentence, death, hunger strike …). */
export interface PlanEvent
  extends DetentionEvent, Partial<Pick<StageEvent, 'stage' | 'court' | 'decision' | 'appealDeadline'>> {
  visibility: Visibility;
  participantId?: string | null;
}

export interface PlanCase {
  id: string;
  timezone: string;
  country: string;
  detentionStatus: string;
  arrestedOn: string | null;
  arrestedOnPrecision: string;
  hearings: PlanHearing[];
  custodyOrders: PlanCustodyOrder[];
  charges: PlanCharge[];
  limits: PlanStatutoryLimit[];
  events: PlanEvent[];
  /** The case's own court and status override: what the stage fold reads besides entries. */
  court?: string | null;
  statusOverride?: StatusOverride | null;
  /** The day it is in the case's zone when the plan is made: the detention history is as of today. */
  today: string;
}
