import { formatStatementDay } from '../chronology/date-phrases';
import { Language } from '../i18n/languages';
import { translatorFor } from '../i18n/translate';
import { CaseLimits } from './case-limits';
import { LimitEvaluation } from './limit-model';

// How a limit's state reads, the same on the case page, in exports and in emails, in the reader's
// language (limits.state.* in the catalogues; what stopped the clock is limits.stop.*).

/** "Met: stopped on 13 May 2022 by the charge sheet.", "Exceeded by 17 days: …", "Running: due on …". */
export function limitSentence(
  state: Pick<
    LimitEvaluation,
    'state' | 'periodEnds' | 'dueOn' | 'lastDay' | 'daysLeft' | 'stoppedOn' | 'stoppedBy' | 'exceededByDays'
  >,
  language: Language = 'en',
): string {
  const t = translatorFor(language);
  const day = (date: string | null): string => (date ? formatStatementDay(date, language) : 'none');
  const by = state.stoppedBy ? t(`limits.stop.${state.stoppedBy}`) : '';
  switch (state.state) {
    case 'running': {
      const due = state.dueOn ? formatStatementDay(state.dueOn, language) : '';
      const left = state.daysLeft === null ? 'none' : t('limits.state.daysLeft', { days: state.daysLeft });
      const first = state.periodEnds[0]?.endsOn ?? null;
      if (first !== null && state.dueOn !== null && first < state.dueOn) {
        return t('limits.state.runningIfRenewed', { due, left, first: day(first) });
      }
      const last = state.lastDay && state.lastDay !== state.dueOn ? day(state.lastDay) : 'none';
      return t('limits.state.running', { due, left, last });
    }
    case 'met':
      return state.stoppedOn
        ? t('limits.state.met', { date: day(state.stoppedOn), by })
        : t('limits.state.metUndated', { by });
    case 'exceeded':
      return t('limits.state.exceeded', {
        days: state.exceededByDays ?? 0,
        last: day(state.lastDay),
        stop: day(state.stoppedOn),
        by,
      });
    case 'ended':
      return t('limits.state.ended');
    case 'undated':
      return t('limits.state.undated');
    default: {
      const unreachable: never = state.state;
      throw new Error(`Unknown limit state ${String(unreachable)}`);
    }
  }
}

/** What statutory-limits-panel.njk reads: each state with its sentence, and the undecided rules. */
export const limitsPanel = ({ states, undecided }: CaseLimits) => ({
  // The page asks for the sentence in its reader's language: {{ l.sentenceIn(lang) }}.
  limits: states.map((state) => ({
    ...state,
    sentenceIn: (language: Language) => limitSentence(state, language),
  })),
  undecidedLimits: undecided,
});
