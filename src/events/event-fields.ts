import { APPEAL_STAGE_KINDS } from '../cases/case-stages';
import { LASTING_TYPES, OPENING_TYPES } from '../cases/detention-history';
import { formatLongDate, futureDayProblem } from '../common/calendar-day';
import { FieldProblem } from '../common/domain-error';
import { IsoDate } from '../common/entry';

// Which event types carry which fields, and the dates no event can have. Pure, so the API's 400s
// and the import's warnings can say the same thing.

export interface EventFields {
  type: string;
  occurredOn: IsoDate | null;
  custodyBasis?: string | null;
  bailConditions?: string[] | null;
  bailConditionsNote?: string | null;
  sentenceTerm?: string | null;
  sentenceStartsOn?: IsoDate | null;
  creditForCustody?: boolean | null;
  endedOn?: IsoDate | null;
  stage?: string | null;
  court?: string | null;
  decision?: string | null;
  appealDeadline?: IsoDate | null;
}

const OWNERS: Record<string, readonly string[]> = {
  custodyBasis: OPENING_TYPES,
  bailConditions: ['bail_granted'],
  bailConditionsNote: ['bail_granted'],
  sentenceTerm: ['sentence'],
  sentenceStartsOn: ['sentence'],
  creditForCustody: ['sentence'],
  endedOn: LASTING_TYPES,
  stage: ['court', 'conviction', 'acquittal', 'sentence', 'appeal_filed', 'appeal_decision'],
  court: ['court', 'conviction', 'acquittal', 'appeal_filed', 'appeal_decision'],
  decision: ['court', 'appeal_decision'],
  appealDeadline: ['court', 'conviction', 'acquittal', 'appeal_decision'],
};

const names = (types: readonly string[]): string =>
  types.length === 1 ? `${types[0]} events` : `${types.slice(0, -1).join(', ')} and ${types.at(-1)} events`;

/** Problems with an event's type-specific fields and its dates, `today` being the day in the case's zone. */
export function eventFieldProblems(event: EventFields, today: IsoDate): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const [field, types] of Object.entries(OWNERS)) {
    const value = event[field as keyof EventFields];
    if (value !== undefined && value !== null && !types.includes(event.type)) {
      problems.push({ field, problem: `applies only to ${names(types)}, not to ${event.type}` });
    }
  }
  if (event.type === 'sentence' && !event.sentenceTerm) {
    problems.push({
      field: 'sentenceTerm',
      problem: 'is required for a sentence: an ISO 8601 duration such as P15Y or P2Y6M, or life, or death',
    });
  }
  if (event.type === 'appeal_decision' && !event.decision) {
    problems.push({ field: 'decision', problem: 'is required for an appeal decision' });
  }
  if (
    event.type === 'appeal_filed' &&
    event.stage &&
    !(APPEAL_STAGE_KINDS as readonly string[]).includes(event.stage)
  ) {
    problems.push({
      field: 'stage',
      problem: `of an appeal filed must be ${APPEAL_STAGE_KINDS.join(', ')} (the stage it opens)`,
    });
  }
  if (event.appealDeadline && event.type === 'court' && !event.decision) {
    problems.push({ field: 'appealDeadline', problem: 'needs a decision on a court event' });
  }
  if (event.appealDeadline && event.occurredOn !== null && event.appealDeadline < event.occurredOn) {
    problems.push({
      field: 'appealDeadline',
      problem: `must not be before the decision, ${formatLongDate(event.occurredOn)}`,
    });
  }
  const future = futureDayProblem(event.occurredOn, today);
  if (future) {
    problems.push({ field: 'occurredOn', problem: future });
  }
  if (event.endedOn) {
    const ended = futureDayProblem(event.endedOn, today);
    if (ended) {
      problems.push({ field: 'endedOn', problem: ended });
    }
    if (event.occurredOn !== null && event.endedOn < event.occurredOn) {
      problems.push({
        field: 'endedOn',
        problem: `must not be before the day it began, ${formatLongDate(event.occurredOn)}`,
      });
    }
  }
  return problems;
}
