import { Duration } from 'luxon';
import type { CaseStages } from '../cases/case-stages';
import type { DetentionHistory } from '../cases/detention-history';
import { ChronologyLanguage, formatStatementDay } from './date-phrases';
import { LABELS, TermParts } from './labels';

/**
 * The one line a summary states about the detention, from the case's detention history:
 * "In pre-trial detention since 3 May 2022 (217 days)", "Serving a 10-year sentence; expected
 * release 20 March 2027", "Died in custody on 24 April 2022", in the export's language.
 */
export function detentionSummary(history: DetentionHistory, lang: ChronologyLanguage): string {
  const words = LABELS[lang].detention;
  const at = (end: { on: string | null; precision: string | null } | null) =>
    end?.on ? words.at(end.on, (end.precision ?? 'day') as 'day') : null;
  // The last period's end is the bail or release that is in effect.
  const lastEnd = history.periods.at(-1)?.toPrecision ?? null;
  switch (history.detentionStatus) {
    case 'deceased':
      return words.died(at(history.death));
    case 'disappeared':
      return words.disappeared(at(history.disappearance));
    case 'on_bail': {
      const bail = history.currentBail;
      return words.onBail(bail?.grantedOn ? words.since(bail.grantedOn, lastEnd ?? 'day') : null);
    }
    case 'released':
      return words.released(
        history.lastReleasedOn ? words.at(history.lastReleasedOn, lastEnd ?? 'day') : null,
      );
    case 'not_detained':
      return words.notDetained;
    case 'in_custody':
    case 'house_arrest': {
      const period = history.currentPeriod;
      const sentence = history.sentence;
      if (period?.basis === 'sentence' && sentence) {
        if (sentence.term === 'life') {
          return words.servingLife;
        }
        if (sentence.term === 'death') {
          return words.sentencedToDeath;
        }
        const release = sentence.expectedReleaseOn
          ? formatStatementDay(sentence.expectedReleaseOn, lang)
          : null;
        return words.serving(termParts(sentence.term), release);
      }
      const basis = !period || period.basis === 'sentence' ? 'pre_trial' : period.basis;
      const since = period?.from ? words.since(period.from, period.fromPrecision ?? 'day') : '';
      return words.inCustody(basis, since, period?.from ? period.days : null).trimEnd();
    }
  }
}

const termParts = (term: string): TermParts => {
  const { years, months, weeks, days } = Duration.fromISO(term).shiftTo('years', 'months', 'weeks', 'days');
  return { years, months, weeks, days };
};

/**
 * The one line a summary states about the case's stage, from its stages: "On appeal at the Court of
 * Appeal of Antananarivo since 3 March 2025", "Appeal: sentence reduced by … on 30 April 2025";
 * none when a caseworker closed the case, or set its status unknown, before any decision.
 */
export function stageSummary(
  { current, status }: Pick<CaseStages, 'current' | 'status'>,
  lang: ChronologyLanguage,
): string | null {
  const words = LABELS[lang];
  // A case closed, or whose status is unknown, by hand: the stage under way says nothing true.
  if (current.decision === null && (status === 'closed' || status === 'unknown')) {
    return null;
  }
  if (current.kind === 'investigation' && status === 'charged') {
    return words.stage.charged;
  }
  if (current.decision !== null) {
    const at = current.decidedOn
      ? words.detention.at(current.decidedOn, current.decidedPrecision ?? 'day')
      : null;
    return words.stage.decided(current.kind, current.decision, current.court, at);
  }
  const since = current.from ? words.detention.since(current.from, current.fromPrecision ?? 'day') : null;
  return words.stage.underway(current.kind, current.court, since);
}
