import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../common/base.entity';

/**
 * A custody limit set by law: how many days after arrest the charge sheet is due (and how far a
 * court may extend it) before the accused may claim default bail. It applies to a case in its
 * country when one of the case's charges (not dropped) names a law containing lawPattern.
 */
@Entity('statutory_limits')
export class StatutoryLimit extends BaseEntity {
  @Column({ type: 'char', length: 2 })
  country: string;

  /** Case-insensitive text the charge's law must contain; empty applies to every charge. */
  @Column({ name: 'law_pattern', type: 'text' })
  lawPattern: string;

  /** "UAPA s.43D(2)" */
  @Column({ type: 'text' })
  reference: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'integer' })
  days: number;

  @Column({ name: 'extended_days', type: 'integer', nullable: true })
  extendedDays: number | null;

  @Column({ type: 'boolean', default: true })
  active: boolean;
}
