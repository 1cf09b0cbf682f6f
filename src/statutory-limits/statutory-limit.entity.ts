import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { LimitBasis, LimitPeriod, LimitStart, LimitStop } from './limit-model';

/**
 * A limit the law sets on detention, as data (see limit-model.ts for what each field means to the
 * evaluation): where and by which article, which detentions it governs, what starts and stops its
 * clock, its periods and what exceeding it means. Admins edit the table; Vigil ships a reviewed one.
 */
@Entity('statutory_limits')
export class StatutoryLimit extends BaseEntity {
  @Column({ type: 'char', length: 2 })
  country: string;

  /** "Unlawful Activities (Prevention) Act 1967" */
  @Column({ type: 'text' })
  law: string;

  /** "s.43D(2)(b)" */
  @Column({ type: 'text' })
  section: string;

  /** "UAPA s.43D(2)": the short name lists and emails use. */
  @Column({ type: 'text' })
  reference: string;

  /** The text of the article it encodes, quoted or closely paraphrased. */
  @Column({ type: 'text' })
  citation: string;

  @Column({ name: 'citation_url', type: 'text', nullable: true })
  citationUrl: string | null;

  @Column({ type: 'text' })
  description: string;

  /** Rows sharing a rule are alternatives: the first by priority whose scope matches applies. */
  @Column({ type: 'text', nullable: true })
  rule: string | null;

  @Column({ type: 'integer', default: 0 })
  priority: number;

  /** The custody bases it governs; empty for all of them. */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  bases: LimitBasis[];

  /** Case-insensitive text a charge's law must contain; empty when the statute does not matter. */
  @Column({ name: 'law_pattern', type: 'text' })
  lawPattern: string;

  @Column({ name: 'section_pattern', type: 'text', default: '' })
  sectionPattern: string;

  /** Gravity: the maximum penalty of the gravest charge in scope is at least this (P10Y, life) … */
  @Column({ name: 'penalty_from', type: 'text', nullable: true })
  penaltyFrom: string | null;

  /** … and below this. */
  @Column({ name: 'penalty_below', type: 'text', nullable: true })
  penaltyBelow: string | null;

  @Column({ name: 'starts_on', type: 'text', default: 'arrest' })
  startsOn: LimitStart;

  @Column({ name: 'stopped_by', type: 'text', array: true })
  stoppedBy: LimitStop[];

  @Column({ type: 'jsonb' })
  periods: LimitPeriod[];

  /** What exceeding it means for the detainee ("a right to default bail"). */
  @Column({ type: 'text', default: '' })
  exceeding: string;

  /** What the reviewers were unsure of. */
  @Column({ type: 'text', default: '' })
  note: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
