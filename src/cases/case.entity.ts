import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { DATE_PRECISIONS, DatePrecision, IsoDate } from '../common/entry';
import { Defender } from '../defenders/defender.entity';
import { CASE_STATUSES, CaseStatus, StatusOverride } from './case-stages';
import { DERIVED_DETENTION_STATUSES, DerivedDetentionStatus } from './detention-history';

// The case's status is derived from its stages (case-stages.ts); re-exported for the readers here.
export { CASE_STATUSES, STATUS_OVERRIDES } from './case-stages';
export type { CaseStatus, StatusOverride } from './case-stages';

export const DETENTION_STATUSES = DERIVED_DETENTION_STATUSES;
export type DetentionStatus = DerivedDetentionStatus;

/** One prosecution or detention episode of a defender (a 2016 PSA detention, a 2021 NIA case). */
@Entity('cases')
export class Case extends BaseEntity {
  @Column({ name: 'defender_id', type: 'uuid' })
  defenderId: string;

  @ManyToOne(() => Defender, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'defender_id' })
  defender?: Defender;

  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'char', length: 2 })
  country: string;

  /** IANA zone of the case's courts; hearings are entered and shown in it. */
  @Column({ type: 'text' })
  timezone: string;

  @Column({ name: 'case_number', type: 'text', nullable: true })
  caseNumber: string | null;

  @Column({ type: 'text', nullable: true })
  court: string | null;

  // status is derived from the case's stages (case-stages.ts) as its defender's own entries and the
  // shared ones tell them (each co-accused's is in case_participants), and stored, in the transaction
  // that changes an entry, for the lists; viewerStatus is the same fold without confidential entries.
  @Column({ type: 'enum', enum: CASE_STATUSES, enumName: 'case_status' })
  status: CaseStatus;

  @Column({ name: 'viewer_status', type: 'enum', enum: CASE_STATUSES, enumName: 'case_status' })
  viewerStatus: CaseStatus;

  /** What no entry tells (closed, unknown), set by hand: it wins over the derived status. */
  @Column({ name: 'status_override', type: 'text', nullable: true })
  statusOverride: StatusOverride | null;

  // detentionStatus, arrestedOn and releasedOn are derived from the case's entries
  // (detention-history.ts) and stored, in the transaction that changes an entry, for the lists.
  @Column({ name: 'detention_status', type: 'enum', enum: DETENTION_STATUSES, enumName: 'detention_status' })
  detentionStatus: DetentionStatus;

  /** The same fold without confidential entries: what viewers' lists filter on. */
  @Column({
    name: 'viewer_detention_status',
    type: 'enum',
    enum: DETENTION_STATUSES,
    enumName: 'detention_status',
  })
  viewerDetentionStatus: DetentionStatus;

  @Column({ name: 'place_of_detention', type: 'text', nullable: true })
  placeOfDetention: string | null;

  @Column({ name: 'arrested_on', type: 'date', nullable: true })
  arrestedOn: IsoDate | null;

  /** Old cases are often known only to the month ("In September 2016"). */
  @Column({
    name: 'arrested_on_precision',
    type: 'enum',
    enum: DATE_PRECISIONS,
    enumName: 'date_precision',
    default: 'day',
  })
  arrestedOnPrecision: DatePrecision;

  @Column({ name: 'released_on', type: 'date', nullable: true })
  releasedOn: IsoDate | null;

  @Column({
    name: 'released_on_precision',
    type: 'enum',
    enum: DATE_PRECISIONS,
    enumName: 'date_precision',
    nullable: true,
  })
  releasedOnPrecision: DatePrecision | null;

  /** Co-accused known only as a number ("and seven others"); the named ones are participants. */
  @Column({ name: 'unnamed_co_accused', type: 'integer', default: 0 })
  unnamedCoAccused: number;
}
