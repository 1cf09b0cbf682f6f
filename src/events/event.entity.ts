import { Column, Entity, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import { Case } from '../cases/case.entity';
import { BaseEntity } from '../common/base.entity';
import { DATE_PRECISIONS, DatePrecision, IsoDate, VISIBILITIES, Visibility } from '../common/entry';
import {
  BAIL_CONDITIONS,
  BailCondition,
  CUSTODY_BASES,
  CustodyBasis,
  PeriodPosition,
} from '../cases/detention-history';
import { CASE_STAGE_KINDS, CaseStageKind, STAGE_DECISIONS, StageDecision } from '../cases/case-stages';
import { EventSource } from './event-source.entity';

export const EVENT_TYPES = [
  'arrest',
  'raid',
  'detention',
  'transfer',
  'release',
  'charge_sheet',
  'court',
  'bail_denied',
  'bail_granted',
  'statement',
  'un_action',
  'advocacy',
  'travel_ban',
  'hunger_strike',
  'ill_treatment',
  'health',
  'family_visit_denied',
  'death_in_custody',
  'other',
  'bail_revoked',
  'conviction',
  'acquittal',
  'sentence',
  'pardon',
  'sentence_served',
  'disappearance',
  'incommunicado',
  'appeal_filed',
  'appeal_decision',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * Anything else on the chronology. occurredOn is the first day of its month or year when less
 * precise, null when the date is unknown. Some types carry fields of their own (the database checks
 * which): custodyBasis on arrest, detention and bail_revoked; bail conditions on bail_granted; the
 * term and start on a sentence; endedOn on the lasting types; the stage, court, decision and appeal
 * deadline on the entries of a trial and its appeals (case-stages.ts).
 */
@Entity('events')
export class CaseEvent extends BaseEntity {
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  /** The participant (defender id) this entry is about; null when it concerns everyone in the case. */
  @Column({ name: 'participant_id', type: 'uuid', nullable: true })
  participantId: string | null;

  @Column({ name: 'occurred_on', type: 'date', nullable: true })
  occurredOn: IsoDate | null;

  @Column({ type: 'enum', enum: DATE_PRECISIONS, enumName: 'date_precision', default: 'day' })
  precision: DatePrecision;

  @Column({ type: 'enum', enum: EVENT_TYPES, enumName: 'event_type' })
  type: EventType;

  @Column({ type: 'text', nullable: true })
  title: string | null;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'enum', enum: VISIBILITIES, enumName: 'visibility' })
  visibility: Visibility;

  @Column({
    name: 'custody_basis',
    type: 'enum',
    enum: CUSTODY_BASES,
    enumName: 'custody_basis',
    nullable: true,
  })
  custodyBasis: CustodyBasis | null;

  @Column({
    name: 'bail_conditions',
    type: 'enum',
    enum: BAIL_CONDITIONS,
    enumName: 'bail_condition',
    array: true,
    nullable: true,
  })
  bailConditions: BailCondition[] | null;

  @Column({ name: 'bail_conditions_note', type: 'text', nullable: true })
  bailConditionsNote: string | null;

  /** ISO 8601 duration (P15Y, P2Y6M), life or death. */
  @Column({ name: 'sentence_term', type: 'text', nullable: true })
  sentenceTerm: string | null;

  @Column({ name: 'sentence_starts_on', type: 'date', nullable: true })
  sentenceStartsOn: IsoDate | null;

  @Column({ name: 'credit_for_custody', type: 'boolean', nullable: true })
  creditForCustody: boolean | null;

  @Column({ name: 'ended_on', type: 'date', nullable: true })
  endedOn: IsoDate | null;

  /** Placed by hand at the start or end of its month or year; null: by its type. */
  @Column({ name: 'period_position', type: 'text', nullable: true })
  periodPosition: PeriodPosition | null;

  /** Placed by hand before (lower) or after (higher) the other entries of its day; null is 0. */
  @Column({ name: 'day_position', type: 'smallint', nullable: true })
  dayPosition: number | null;

  @Column({ type: 'enum', enum: CASE_STAGE_KINDS, enumName: 'case_stage', nullable: true })
  stage: CaseStageKind | null;

  @Column({ type: 'text', nullable: true })
  court: string | null;

  @Column({ type: 'enum', enum: STAGE_DECISIONS, enumName: 'stage_decision', nullable: true })
  decision: StageDecision | null;

  /** On a decision: the last day to appeal it. */
  @Column({ name: 'appeal_deadline', type: 'date', nullable: true })
  appealDeadline: IsoDate | null;

  @OneToMany(() => EventSource, (source) => source.event, { cascade: true })
  sources?: EventSource[];
}
