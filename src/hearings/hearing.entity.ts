import { Column, Entity, JoinColumn, ManyToOne, ValueTransformer } from 'typeorm';
import { Case } from '../cases/case.entity';
import { BaseEntity } from '../common/base.entity';
import { VISIBILITIES, Visibility } from '../common/entry';
import { CASE_STAGE_KINDS, CaseStageKind } from '../cases/case-stages';

export const HEARING_STATUSES = ['scheduled', 'held', 'adjourned', 'cancelled'] as const;
export type HearingStatus = (typeof HEARING_STATUSES)[number];

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/**
 * node-postgres turns a `timestamp without time zone` into a Date in the process's own zone; its
 * local fields are the wall clock that was stored. Hand it back as the text it is.
 */
export const wallClockTransformer: ValueTransformer = {
  to: (value: unknown) => value,
  from: (value: Date | string | null) =>
    value instanceof Date
      ? `${pad(value.getFullYear(), 4)}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}T` +
        `${pad(value.getHours())}:${pad(value.getMinutes())}:${pad(value.getSeconds())}`
      : value,
};

/**
 * A court date is what the court said: a local date-time in the case's zone (scheduledLocal).
 * scheduledAt is the instant derived from it, and is derived again when the zone or its rules change.
 */
@Entity('hearings')
export class Hearing extends BaseEntity {
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  /** Local wall-clock time, 'YYYY-MM-DDTHH:mm:ss' without zone. */
  @Column({ name: 'scheduled_local', type: 'timestamp without time zone', transformer: wallClockTransformer })
  scheduledLocal: string;

  @Column({ name: 'scheduled_at', type: 'timestamptz' })
  scheduledAt: Date;

  /** False when only the day is known (common for past hearings copied from statements). */
  @Column({ name: 'time_known', type: 'boolean', default: true })
  timeKnown: boolean;

  @Column({ type: 'text', nullable: true })
  court: string | null;

  @Column({ type: 'text', nullable: true })
  judge: string | null;

  @Column({ type: 'text', nullable: true })
  purpose: string | null;

  @Column({ type: 'enum', enum: HEARING_STATUSES, enumName: 'hearing_status', default: 'scheduled' })
  status: HearingStatus;

  /** What happened, in a line: "Custody extended by 50 days". */
  @Column({ type: 'text', nullable: true })
  outcome: string | null;

  @Column({ name: 'outcome_notes', type: 'text', nullable: true })
  outcomeNotes: string | null;

  @Column({ name: 'outcome_recorded_at', type: 'timestamptz', nullable: true })
  outcomeRecordedAt: Date | null;

  /** The stage it belongs to; null: the stage under way on its day (case-stages.ts). */
  @Column({ type: 'enum', enum: CASE_STAGE_KINDS, enumName: 'case_stage', nullable: true })
  stage: CaseStageKind | null;

  @Column({ type: 'enum', enum: VISIBILITIES, enumName: 'visibility', default: 'public' })
  visibility: Visibility;
}
