import type { Visibility } from '../common/entry';

// What a reminder is: its kinds, the groups of kinds some rules name, and the shape the plan
// (reminder-plan.ts) gives each reminder it computes.

export const REMINDER_KINDS = [
  'hearing_upcoming',
  'custody_ending',
  'detention_milestone',
  'outcome_missing',
  'statutory_limit',
  'weekly_digest',
  'sentence_ending',
  'release_overdue',
  'no_custody_order',
  'hunger_strike_day',
  'appeal_deadline',
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/** Reminders that assume a living detainee: a death or disappearance cancels them. */
export const DETENTION_KINDS: readonly ReminderKind[] = [
  'custody_ending',
  'detention_milestone',
  'statutory_limit',
  'sentence_ending',
  'release_overdue',
  'no_custody_order',
  'hunger_strike_day',
];

/** Open-ended reminders, planned up to a horizon: sending one plans further ahead. */
export const OPEN_ENDED_KINDS: readonly ReminderKind[] = ['detention_milestone', 'release_overdue'];

export type Details = Record<string, string | number | boolean | null>;

export interface PlannedReminder {
  kind: ReminderKind;
  /** Unique per thing, offset and time: a moved hearing gets new keys, so old rows are cancelled. */
  dedupeKey: string;
  dueAt: Date;
  /** The hearing, custody order or statutory limit it is about (null for milestones). */
  subjectId: string | null;
  /** When the thing itself happens. */
  subjectAt: Date;
  /** The ISO offset, or the milestone ('D150', 'Y2') or outcome chase ('N1') it stands for. */
  offset: string;
  details: Details;
  /** Who may read it: the visibility of the entry it is about (reminderVisibility). */
  visibility: Visibility;
}
