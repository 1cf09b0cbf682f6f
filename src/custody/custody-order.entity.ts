import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Case } from '../cases/case.entity';
import { BaseEntity } from '../common/base.entity';
import { IsoDate, VISIBILITIES, Visibility } from '../common/entry';
import { Hearing } from '../hearings/hearing.entity';

export const CUSTODY_KINDS = ['police', 'judicial', 'pre_trial', 'house_arrest', 'administrative'] as const;
export type CustodyKind = (typeof CUSTODY_KINDS)[number];

/**
 * What a court ordered: a length in days and/or an end date as the court stated it. Both are kept
 * as typed; when they disagree the case's custody clock flags it rather than choosing one.
 */
@Entity('custody_orders')
export class CustodyOrder extends BaseEntity {
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  /** The participant (defender id) this entry is about; null when it concerns everyone in the case. */
  @Column({ name: 'participant_id', type: 'uuid', nullable: true })
  participantId: string | null;

  @Column({ type: 'enum', enum: CUSTODY_KINDS, enumName: 'custody_kind' })
  kind: CustodyKind;

  @Column({ name: 'ordered_on', type: 'date' })
  orderedOn: IsoDate;

  @Column({ type: 'integer', nullable: true })
  days: number | null;

  /** The end date as the court stated it. */
  @Column({ type: 'date', nullable: true })
  until: IsoDate | null;

  @Column({ type: 'text', nullable: true })
  court: string | null;

  @Column({ type: 'text', nullable: true })
  judge: string | null;

  @Column({ type: 'text', nullable: true })
  place: string | null;

  /** The hearing whose outcome made this order, when it was logged that way. */
  @Column({ name: 'hearing_id', type: 'uuid', nullable: true })
  hearingId: string | null;

  @ManyToOne(() => Hearing, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'hearing_id' })
  hearing?: Hearing;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'enum', enum: VISIBILITIES, enumName: 'visibility', default: 'public' })
  visibility: Visibility;
}
