import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Case } from '../cases/case.entity';
import { BaseEntity } from '../common/base.entity';
import { IsoDate, VISIBILITIES, Visibility } from '../common/entry';

export const CHARGE_STATUSES = [
  'alleged',
  'in_charge_sheet',
  'framed',
  'dropped',
  'convicted',
  'acquitted',
] as const;
export type ChargeStatus = (typeof CHARGE_STATUSES)[number];

@Entity('charges')
export class Charge extends BaseEntity {
  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @ManyToOne(() => Case, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id' })
  case?: Case;

  /** "Unlawful Activities (Prevention) Act 1967" */
  @Column({ type: 'text' })
  law: string;

  /** "18B" */
  @Column({ type: 'text' })
  section: string;

  /** "recruiting any person or persons for commission of a terrorist act" */
  @Column({ type: 'text', nullable: true })
  offence: string | null;

  @Column({ name: 'brought_on', type: 'date', nullable: true })
  broughtOn: IsoDate | null;

  @Column({ type: 'enum', enum: CHARGE_STATUSES, enumName: 'charge_status' })
  status: ChargeStatus;

  @Column({ type: 'enum', enum: VISIBILITIES, enumName: 'visibility', default: 'public' })
  visibility: Visibility;
}
