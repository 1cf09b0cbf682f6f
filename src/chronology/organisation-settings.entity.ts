import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The single row naming the organisation that sends Vigil's exports (their footer and author). */
@Entity('organisation_settings')
export class OrganisationSettings {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text', nullable: true })
  contact: string | null;
}
