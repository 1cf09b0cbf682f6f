import { formatLongDate } from '../common/calendar-day';
import { CaseLimits } from './case-limits';
import { LimitEvaluation, LimitStop } from './limit-model';

// How a limit's state reads, in English, the same on the case page, in exports and in emails.

const STOP_WORDS: Record<LimitStop, string> = {
  charge_sheet: 'the charge sheet',
  indictment: 'the indictment',
  committal: 'the committal for trial',
  judgment: 'the judgment',
  release: 'the release',
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "Met: stopped on 13 May 2022 by the charge sheet.", "Exceeded by 17 days: …", "Running: due on …". */
export function limitSentence(
  state: Pick<
    LimitEvaluation,
    'state' | 'periodEnds' | 'dueOn' | 'lastDay' | 'daysLeft' | 'stoppedOn' | 'stoppedBy' | 'exceededByDays'
  >,
): string {
  const by = state.stoppedBy ? STOP_WORDS[state.stoppedBy] : null;
  switch (state.state) {
    case 'running': {
      const due = state.dueOn ? formatLongDate(state.dueOn) : '';
      const left = state.daysLeft === null ? '' : ` (${plural(state.daysLeft, 'day')} left)`;
      const first = state.periodEnds[0]?.endsOn ?? null;
      if (first !== null && state.dueOn !== null && first < state.dueOn) {
        return `Running: due on ${due}${left} if a court renewed it; the first period ended on ${formatLongDate(first)}.`;
      }
      const last =
        state.lastDay && state.lastDay !== state.dueOn
          ? `; the last day with every renewal is ${formatLongDate(state.lastDay)}`
          : '';
      return `Running: due on ${due}${left}${last}.`;
    }
    case 'met':
      return state.stoppedOn
        ? `Met: stopped on ${formatLongDate(state.stoppedOn)} by ${by}.`
        : `Met: ${by} is recorded, without a date.`;
    case 'exceeded': {
      const last = state.lastDay ? `the last day was ${formatLongDate(state.lastDay)}` : '';
      const stop = state.stoppedOn ? `; ${by} came on ${formatLongDate(state.stoppedOn)}` : '';
      return `Exceeded by ${plural(state.exceededByDays ?? 0, 'day')}: ${last}${stop}.`;
    }
    case 'ended':
      return 'Ended: custody ended by death or disappearance before the limit.';
    case 'undated':
      return 'Not counted: the start of custody is not known to the day.';
    default: {
      const unreachable: never = state.state;
      throw new Error(`Unknown limit state ${String(unreachable)}`);
    }
  }
}

/** What statutory-limits-panel.njk reads: each state with its sentence, and the undecided rules. */
export const limitsPanel = ({ states, undecided }: CaseLimits) => ({
  limits: states.map((state) => ({ ...state, sentence: limitSentence(state) })),
  undecidedLimits: undecided,
});
