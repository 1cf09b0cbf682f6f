import { Column, Entity, JoinColumn, ManyToOne, OneToMany } from 'typeorm';
import { Case } from '../cases/case.entity';
import { BaseEntity } from '../common/base.entity';
import { DATE_PRECISIONS, DatePrecision, IsoDate, VISIBILITIES, Visibility } from '../common/entry';
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
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Anything else on the chronology. occurredOn is the first day of its month or year when less precise. */
@Entity('events')
export class CaseEvent extends BaseEntity {
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  @Column({ name: 'occurred_on', type: 'date' })
  occurredOn: IsoDate;

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

  @OneToMany(() => EventSource, (source) => source.event, { cascade: true })
  sources?: EventSource[];
}
