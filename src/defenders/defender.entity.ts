import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../common/base.entity';

/** A family member's or lawyer's contact. Confidential: never exported, never shown to viewers. */
export interface DefenderContact {
  name: string;
  relation: string;
  phone?: string;
  email?: string;
  notes?: string;
}

@Entity('defenders')
export class Defender extends BaseEntity {
  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  /** Other names and transliterations ("Khurram Pervez"). */
  @Column({ name: 'other_names', type: 'text', array: true, default: () => "'{}'" })
  otherNames: string[];

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
  country: string;

  @Column({ type: 'text', nullable: true })
  profession: string | null;

  @Column({ type: 'text', array: true, default: () => "'{}'" })
  affiliations: string[];

  @Column({ type: 'text', nullable: true })
  bio: string | null;

  @Column({ type: 'jsonb', default: () => "'[]'" })
  contacts: DefenderContact[];
}
