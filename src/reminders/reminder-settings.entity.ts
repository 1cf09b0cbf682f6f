import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ReminderPolicy, ReminderPolicyOverride } from './reminder-policy';

/** The single row holding the global reminder policy. */
@Entity('reminder_settings')
export class ReminderSettings {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'jsonb' })
  policy: ReminderPolicy;

  /** Gets a reminder nobody on its case may receive, read as an external recipient (public only). */
  @Column({ name: 'fallback_email', type: 'text', nullable: true })
  fallbackEmail: string | null;
}

/** A case's overrides of the global policy. */
@Entity('case_reminder_policies')
export class CaseReminderPolicy {
  @PrimaryColumn({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'jsonb' })
  policy: ReminderPolicyOverride;
}
