import { DETENTION_KINDS, PlannedReminder } from './reminder-kinds';
import { planCaseReminders } from './reminder-plan';
import type { ReminderPolicy } from './reminder-policy';
import type { PlanCase } from './plan-case';

// A co-accused's reminders: those that follow a detention (custody ending, milestones, limits,
// sentence, hunger strike...) planned from their own story, and the deadline to appeal a decision
// about them alone, each keyed apart from the case defender's by the person (`@p:<defender id>`), so
// two people held on one shared order get one reminder each. Hearings, outcome chases and the
// deadlines of shared decisions concern everyone: the defender's plan holds them once.

const SUFFIX = /@p:([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The co-accused a reminder is about, from its dedupe key; null for the case's defender. */
export const coAccusedOfKey = (dedupeKey: string): string | null => SUFFIX.exec(dedupeKey)?.[1] ?? null;

/**
 * The reminders one person's story asks for: everything for the case's defender (coAccusedId
 * null); for a co-accused, the detention reminders and the appeal deadlines of their own decisions,
 * keyed as theirs.
 */
export function planPersonReminders(
  plan: PlanCase,
  policy: ReminderPolicy,
  until: Date,
  coAccusedId: string | null,
): PlannedReminder[] {
  const planned = planCaseReminders(plan, policy, until);
  if (coAccusedId === null) {
    return planned;
  }
  const ownDecision = (reminder: PlannedReminder): boolean =>
    reminder.kind === 'appeal_deadline' &&
    plan.events.some((event) => event.id === reminder.subjectId && event.participantId === coAccusedId);
  return planned
    .filter((reminder) => DETENTION_KINDS.includes(reminder.kind) || ownDecision(reminder))
    .map((reminder) => ({ ...reminder, dedupeKey: `${reminder.dedupeKey}@p:${coAccusedId}` }));
}
