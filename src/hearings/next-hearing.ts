import { IsoDate } from '../common/entry';

export interface ClockHearing {
  id: string;
  scheduledAt: Date;
  /** Wall-clock time in the case's zone, 'YYYY-MM-DDTHH:mm:ss'. */
  scheduledLocal: string;
  timeKnown: boolean;
  court: string | null;
  status: string;
}

export interface NextHearing {
  id: string;
  scheduledAt: Date;
  scheduledLocal: string;
  timeKnown: boolean;
  court: string | null;
}

/**
 * The earliest hearing still scheduled that has not begun. A hearing whose time is unknown is
 * upcoming for the whole of its day.
 */
export function nextHearing(hearings: ClockHearing[], now: Date, today: IsoDate): NextHearing | null {
  const upcoming = hearings
    .filter(
      (hearing) =>
        hearing.status === 'scheduled' &&
        (hearing.timeKnown
          ? hearing.scheduledAt.getTime() >= now.getTime()
          : hearing.scheduledLocal.slice(0, 10) >= today),
    )
    .sort(
      (a, b) => a.scheduledAt.getTime() - b.scheduledAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
    );
  const next = upcoming[0];
  return next
    ? {
        id: next.id,
        scheduledAt: next.scheduledAt,
        scheduledLocal: next.scheduledLocal,
        timeKnown: next.timeKnown,
        court: next.court,
      }
    : null;
}
