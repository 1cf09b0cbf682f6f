import { DateTime, Duration } from 'luxon';
import { CaseStages, CHARGE_SHEET_FILED, deriveStages, StageInput } from '../cases/case-stages';
import type { Visibility } from '../common/entry';
import { mayRead, Reader } from '../common/readers';
import type { PlanCase } from './plan-case';
import type { PlannedReminder } from './reminder-kinds';

// Reminders before the last day to appeal a decision (appeal_deadline), from the case's stages
// (case-stages.ts): P7D and P1D before that day, at DAY_REMINDER_HOUR in the case's zone, while no
// appeal filed after the decision answers it.

export const APPEAL_DEADLINE_OFFSETS = ['P7D', 'P1D'] as const;

type StagePlan = Pick<PlanCase, 'events' | 'hearings' | 'charges' | 'court' | 'statusOverride'>;

/** The stage fold's input, from what a plan holds. */
export const planStageInput = (kase: StagePlan): StageInput => ({
  events: kase.events,
  hearings: kase.hearings.map((hearing) => ({
    id: hearing.id,
    day: hearing.scheduledLocal.slice(0, 10),
    createdAt: hearing.createdAt ?? '',
    stage: hearing.stage ?? null,
    court: hearing.court,
  })),
  charged: kase.charges.some((charge) => CHARGE_SHEET_FILED.includes(charge.status)),
  court: kase.court ?? null,
  override: kase.statusOverride ?? null,
});

/** The case's stages as a reader's entries tell them: the status an email may state. */
export const stagesAsReadBy = (kase: StagePlan, reader: Reader): CaseStages => {
  const readable = ({ visibility }: { visibility: Visibility }) => mayRead(reader, visibility);
  return deriveStages(
    planStageInput({
      ...kase,
      events: kase.events.filter(readable),
      hearings: kase.hearings.filter(readable),
      charges: kase.charges.filter(readable),
    }),
  );
};

/**
 * The reminders before each appeal deadline no filing has answered. Each has the visibility of the
 * decision that carries the deadline: the deadline, the decision and its day all come from it.
 */
export function appealDeadlineReminders(kase: PlanCase, dayHour: number): PlannedReminder[] {
  const { appealDeadlines } = deriveStages(planStageInput(kase));
  return appealDeadlines
    .filter((deadline) => deadline.answeredBy === null)
    .flatMap((deadline) => {
      const decision = kase.events.find((event) => event.id === deadline.entryId);
      if (!decision) {
        return [];
      }
      const day = DateTime.fromISO(deadline.deadline, { zone: kase.timezone }).set({ hour: dayHour });
      return APPEAL_DEADLINE_OFFSETS.map((offset): PlannedReminder => ({
        kind: 'appeal_deadline',
        dedupeKey: `appeal-deadline:${deadline.entryId}:${offset}:${deadline.deadline}`,
        dueAt: day.minus(Duration.fromISO(offset)).toJSDate(),
        subjectId: deadline.entryId,
        subjectAt: day.toJSDate(),
        offset,
        details: {
          deadline: deadline.deadline,
          decidedOn: decision.date,
          decision: decision.decision ?? decision.type,
          court: decision.court ?? null,
        },
        visibility: decision.visibility,
      }));
    });
}
