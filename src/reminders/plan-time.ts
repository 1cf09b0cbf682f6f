import { DateTime, Duration } from 'luxon';

// The plan's clock: instants and days in the case's IANA zone. Things that are days, not instants
// (a custody order's last day, a statutory deadline, a detention milestone), are anchored at
// DAY_REMINDER_HOUR local time on that day.

/** Day-based reminders fall due at this hour, local to the case. */
export const DAY_REMINDER_HOUR = 9;

/** The local wall clock of `time`, as a hearing's scheduledLocal is written. */
export const wallClock = (time: DateTime): string => time.toFormat("yyyy-MM-dd'T'HH:mm:ss");
export const isoDay = (time: DateTime): string => time.toFormat('yyyy-MM-dd');
export const dayAt = (day: string, zone: string, hour: number): DateTime =>
  DateTime.fromISO(day, { zone }).set({ hour, minute: 0, second: 0, millisecond: 0 });
/** A day as an instant: DAY_REMINDER_HOUR on it, in `zone`. */
export const dayAnchor = (day: string, zone: string): DateTime => dayAt(day, zone, DAY_REMINDER_HOUR);

/** `offset` before `at`, counted in the zone `at` carries. */
export const before = (at: DateTime, offset: string): DateTime => at.minus(Duration.fromISO(offset));
