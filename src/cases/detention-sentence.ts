import { DateTime, Duration } from 'luxon';
import { addDays, daysBetween } from '../common/calendar-day';
import { DatePrecision, IsoDate } from '../common/entry';
import { CustodyPeriod, DetentionEvent, SentenceState } from './detention-model';

// The sentence in a detention history (detention-history.ts folds the rest): when a term is
// complete, and the expected release once the days in custody are credited.

/** Whether a date is known to the day: only such dates count days. */
export const dayPrecise = (precision: DatePrecision | null): boolean => precision === 'day';

/** The day a term that starts on `startsOn` is complete; null for life and death. */
export function termCompletes(startsOn: IsoDate, term: string): IsoDate | null {
  if (term === 'life' || term === 'death') {
    return null;
  }
  const duration = Duration.fromISO(term);
  if (!duration.isValid) {
    return null;
  }
  return DateTime.fromISO(startsOn, { zone: 'utc' }).plus(duration).toISODate();
}

/** Days from `from` to `to` that no period covers (custody open today counts to today). */
function daysAtLiberty(periods: CustodyPeriod[], from: IsoDate, to: IsoDate, today: IsoDate): number {
  if (to <= from) {
    return 0;
  }
  let covered = 0;
  for (const period of periods) {
    if (period.from === null || !dayPrecise(period.fromPrecision)) {
      return 0;
    }
    const end = period.to ?? (period.endReason === null ? today : null);
    if (end === null || (period.to !== null && !dayPrecise(period.toPrecision))) {
      return 0;
    }
    const start = period.from > from ? period.from : from;
    const stop = end < to ? end : to;
    if (stop > start) {
      covered += daysBetween(start, stop);
    }
  }
  return Math.max(0, daysBetween(from, to) - covered);
}

/**
 * Whether a sentence's start and expected release are counted from the custody periods (their
 * opening and closing entries), not from the sentence entry alone.
 */
export const creditedFromCustody = (
  sentence: Pick<DetentionEvent, 'creditForCustody' | 'sentenceStartsOn'>,
  periods: Pick<CustodyPeriod, 'from'>[],
): boolean =>
  (sentence.creditForCustody ?? true) && !sentence.sentenceStartsOn && (periods[0]?.from ?? null) !== null;

/**
 * The sentence in force: the last sentence entry in the story replaces the earlier ones. Credited
 * from the first day of custody, the days at liberty between then and the sentence (bail) are not
 * credited, so they push the expected release back.
 */
export function sentenceState(
  sentences: DetentionEvent[],
  periods: CustodyPeriod[],
  today: IsoDate,
): SentenceState | null {
  const latest = sentences.at(-1);
  if (!latest || !latest.sentenceTerm) {
    return null;
  }
  const term = latest.sentenceTerm;
  const creditForCustody = latest.creditForCustody ?? true;
  const imposedOn = latest.date;
  const firstDay = periods[0]?.from ?? null;
  const credited = creditedFromCustody(latest, periods);
  const startsOn = latest.sentenceStartsOn ?? (credited ? firstDay : imposedOn);
  let expectedReleaseOn = startsOn === null ? null : termCompletes(startsOn, term);
  if (expectedReleaseOn !== null && credited && startsOn !== null && imposedOn !== null) {
    expectedReleaseOn = addDays(expectedReleaseOn, daysAtLiberty(periods, startsOn, imposedOn, today));
  }
  return {
    entryId: latest.id,
    term,
    imposedOn,
    startsOn,
    creditForCustody,
    expectedReleaseOn,
    replaces: sentences.slice(0, -1).map((sentence) => sentence.id),
  };
}
