import { Column, Entity } from 'typeorm';
import { BaseEntity } from '../common/base.entity';
import { VISIBILITIES, Visibility } from '../common/entry';
import { REMINDER_KINDS, ReminderKind } from './reminder-kinds';

export const REMINDER_STATUSES = ['pending', 'sent', 'skipped', 'cancelled', 'failed'] as const;
export type ReminderStatus = (typeof REMINDER_STATUSES)[number];

/** One reminder: planned in the transaction that made it necessary, mailed by the worker. */
@Entity('reminders')
export class Reminder extends BaseEntity {
  @Column({ type: 'enum', enum: REMINDER_KINDS, enumName: 'reminder_kind' })
  kind: ReminderKind;

  @Column({ name: 'case_id', type: 'uuid', nullable: true })
  caseId: string | null;

  /** The user a weekly digest is for. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  /** The hearing, custody order or statutory limit it is about. */
  @Column({ name: 'subject_id', type: 'uuid', nullable: true })
  subjectId: string | null;

  @Column({ name: 'subject_at', type: 'timestamptz' })
  subjectAt: Date;

  @Column({ type: 'text' })
  offset: string;

  @Column({ name: 'due_at', type: 'timestamptz' })
  dueAt: Date;

  @Column({ name: 'dedupe_key', type: 'text' })
  dedupeKey: string;

  /** What it is about, in English, for the API (pages and mail subjects write it in their reader's language). */
  @Column({ type: 'text' })
  title: string;

  @Column({ type: 'jsonb', default: {} })
  details: Record<string, string | number | boolean | null>;

  /** Who may read it: the visibility of the entry it is about (reminderVisibility). */
  @Column({ type: 'enum', enum: VISIBILITIES, enumName: 'visibility', default: 'confidential' })
  visibility: Visibility;

  @Column({ type: 'enum', enum: REMINDER_STATUSES, enumName: 'reminder_status', default: 'pending' })
  status: ReminderStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  /** Why it was cancelled, when that is the person's fate (a death or disappearance). */
  @Column({ name: 'cancel_reason', type: 'text', nullable: true })
  cancelReason: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'message_id', type: 'text', nullable: true })
  messageId: string | null;
}
