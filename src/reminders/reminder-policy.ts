import { Duration } from 'luxon';

// What reminders go out and when: pure data and checks, no Nest or TypeORM.

export interface ReminderPolicy {
  /** Before each scheduled hearing, e.g. ['P7D', 'P1D', 'PT2H']. */
  hearingOffsets: string[];
  /** Before the current custody order ends, e.g. ['P3D', 'P1D']. */
  custodyOffsets: string[];
  /** Before each statutory deadline (charge sheet due), e.g. ['P14D', 'P3D']. */
  statutoryOffsets: string[];
  /** Days in detention worth marking, e.g. [30, 100, 150, 365]. */
  milestoneDays: number[];
  /** After the last of milestoneDays, every anniversary of the arrest too. */
  milestonesYearly: boolean;
  /** Before the day a sentence is complete (its expected release), e.g. ['P30D', 'P7D']. */
  sentenceOffsets: string[];
  /** After the expected release with no release logged, the first chase ('P1D') … */
  releaseOverdueAfter: string;
  /** … then one every this long ('P7D') until a release is logged. */
  releaseOverdueEvery: string;
  /** After the order in force ends with no new one, someone in pre-trial custody ('P1D'). */
  noOrderAfter: string;
  /** Days of an ongoing hunger strike worth a welfare follow-up, e.g. [7, 14, 21, 30]. */
  hungerStrikeDays: number[];
}

export const DEFAULT_REMINDER_POLICY: ReminderPolicy = {
  hearingOffsets: ['P7D', 'P1D', 'PT2H'],
  custodyOffsets: ['P3D', 'P1D'],
  statutoryOffsets: ['P14D', 'P3D'],
  milestoneDays: [30, 100, 150, 365],
  milestonesYearly: true,
  sentenceOffsets: ['P30D', 'P7D'],
  releaseOverdueAfter: 'P1D',
  releaseOverdueEvery: 'P7D',
  noOrderAfter: 'P1D',
  hungerStrikeDays: [7, 14, 21, 30],
};

export const OFFSET_FIELDS = [
  'hearingOffsets',
  'custodyOffsets',
  'statutoryOffsets',
  'sentenceOffsets',
] as const;
/** Policy fields that are one duration each. */
export const DURATION_FIELDS = ['releaseOverdueAfter', 'releaseOverdueEvery', 'noOrderAfter'] as const;

/** A case may override any part of the global policy; what it leaves out follows the global one. */
export type ReminderPolicyOverride = Partial<ReminderPolicy>;

export const effectivePolicy = (
  global: ReminderPolicy,
  override: ReminderPolicyOverride | null,
): ReminderPolicy => ({
  ...global,
  ...Object.fromEntries(
    Object.entries(override ?? {}).filter(([, value]) => value !== undefined && value !== null),
  ),
});

// A year is the longest lead time that still makes sense for a reminder.
const MAX_OFFSET_MS = 366 * 24 * 3600 * 1000;
const ISO_DURATION = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+S)?)?$/;

/** A positive ISO 8601 duration of at most a year ('P7D', 'PT2H', 'P1DT12H'); null when it is fine. */
export function offsetProblem(offset: unknown): string | null {
  if (typeof offset !== 'string' || !ISO_DURATION.test(offset)) {
    return 'must be an ISO 8601 duration such as P7D or PT2H';
  }
  const duration = Duration.fromISO(offset);
  const ms = duration.toMillis();
  if (!duration.isValid || ms <= 0) {
    return 'must be longer than zero';
  }
  if (ms > MAX_OFFSET_MS) {
    return 'must be at most a year';
  }
  return null;
}

export const MAX_MILESTONE_DAYS = 36500;
