import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { Case } from '../cases/case.entity';
import { BaseEntity } from '../common/base.entity';
import { DATE_PRECISIONS, DatePrecision, IsoDate, VISIBILITIES, Visibility } from '../common/entry';

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

  /** The participant (defender id) this entry is about; null when it concerns everyone in the case. */
  @Column({ name: 'participant_id', type: 'uuid', nullable: true })
  participantId: string | null;

  /** "Unlawful Activities (Prevention) Act 1967" */
  @Column({ type: 'text' })
  law: string;

  /** "18B"; null when the sources name the law but no section. */
  @Column({ type: 'text', nullable: true })
  section: string | null;

  /** The maximum penalty the law sets for it (P7Y, life, death): statutory limits read their gravity from it. */
  @Column({ name: 'maximum_penalty', type: 'text', nullable: true })
  maximumPenalty: string | null;

  /** How many counts of it, when the sources say. */
  @Column({ type: 'integer', nullable: true })
  counts: number | null;

  /** "recruiting any person or persons for commission of a terrorist act" */
  @Column({ type: 'text', nullable: true })
  offence: string | null;

  /** The first day of its month or year when broughtOnPrecision says so. */
  @Column({ name: 'brought_on', type: 'date', nullable: true })
  broughtOn: IsoDate | null;

  @Column({
    name: 'brought_on_precision',
    type: 'enum',
    enum: DATE_PRECISIONS,
    enumName: 'date_precision',
    default: 'day',
  })
  broughtOnPrecision: DatePrecision;

  @Column({ type: 'enum', enum: CHARGE_STATUSES, enumName: 'charge_status' })
  status: ChargeStatus;

  @Column({ type: 'enum', enum: VISIBILITIES, enumName: 'visibility', default: 'public' })
  visibility: Visibility;
}
