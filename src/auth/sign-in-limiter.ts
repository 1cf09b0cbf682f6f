// Slows down password guessing: after too many failed sign-ins for one account, or from one address,
// within a window, further attempts are refused until the window has passed. An attempt is counted
// before its password is checked, and uncounted if the password is right. The counts live in
// PostgreSQL (sign-in-limiter.service.ts), shared by every api process; the rules are here, as plain data
// and explicit times, so they are tested without a clock or a database.

export interface SignInLimits {
  /** Failures allowed per account (email) in a window. */
  perAccount: number;
  /** Failures allowed per client address in a window, whatever the accounts tried. */
  perAddress: number;
  windowMs: number;
}

export const SIGN_IN_LIMITS: SignInLimits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60_000 };

/** Which limit a failure has just used up: the account's or the address's. */
export type LockedBy = 'account' | 'address';

/** What a sign-in attempt is counted against: its account and, when known, its address. */
export interface SignInCounter {
  key: string;
  limit: number;
  kind: LockedBy;
}

/** A counter's failures since its window started (epoch milliseconds). */
export interface FailureWindow {
  key: string;
  failures: number;
  startedAt: number;
}

export const accountKey = (email: string): string => `account:${email.trim().toLowerCase()}`;

export function signInCounters(
  email: string,
  address: string | undefined,
  limits: SignInLimits = SIGN_IN_LIMITS,
): SignInCounter[] {
  const counters: SignInCounter[] = [{ key: accountKey(email), limit: limits.perAccount, kind: 'account' }];
  if (address) {
    counters.push({ key: `address:${address}`, limit: limits.perAddress, kind: 'address' });
  }
  return counters;
}

/** A window that started at or before this instant has passed: its failures no longer count. */
export const windowCutoff = (now: number, limits: SignInLimits = SIGN_IN_LIMITS): number =>
  now - limits.windowMs;

/**
 * Milliseconds until an attempt may be made, given its counters' windows with the attempt itself
 * counted in them (so that attempts made at the same moment each count); 0 when it may be made now.
 */
export function waitMs(
  counters: SignInCounter[],
  windows: FailureWindow[],
  now: number,
  limits: SignInLimits = SIGN_IN_LIMITS,
): number {
  let wait = 0;
  for (const { key, limit } of counters) {
    const window = windows.find((candidate) => candidate.key === key);
    if (window && window.startedAt > windowCutoff(now, limits) && window.failures > limit) {
      wait = Math.max(wait, window.startedAt + limits.windowMs - now);
    }
  }
  return wait;
}

/** The limits an attempt, counted in these windows, uses up exactly if it fails (the lock it starts). */
export function limitsUsedUp(counters: SignInCounter[], windows: FailureWindow[]): LockedBy[] {
  return counters
    .filter(({ key, limit }) => windows.find((window) => window.key === key)?.failures === limit)
    .map((counter) => counter.kind);
}
