import { IsoDate } from '../common/entry';
import { DetentionInput, foldDetention } from './detention-history';
import { dayPrecise } from './detention-sentence';

/**
 * What the cases table keeps of the custody clock so that lists sort by it in SQL whatever the day:
 * days in custody are closedDays + (today - openSince), null when both are; the custody end is that
 * of the order in force today among openPeriodOrderIds (null when no period is open).
 */
export interface StoredClockFacts {
  custodyDaysClosed: number | null;
  custodyOpenSince: IsoDate | null;
  openPeriodOrderIds: string[] | null;
}

export function storedClockFacts(input: DetentionInput): StoredClockFacts {
  // Any day after every entry: closed periods do not depend on it, and the open one is left out.
  const { history, openPeriodOrderIds } = foldDetention(input, '9999-12-31');
  const closed = history.periods.filter((period) => period !== history.currentPeriod && period.days !== null);
  const open = history.currentPeriod;
  return {
    custodyDaysClosed: closed.length > 0 ? closed.reduce((sum, period) => sum + (period.days ?? 0), 0) : null,
    custodyOpenSince: open && open.from !== null && dayPrecise(open.fromPrecision) ? open.from : null,
    openPeriodOrderIds,
  };
}
