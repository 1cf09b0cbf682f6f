// Slows down password guessing: after too many failed sign-ins for one account, or from one address,
// within a window, further attempts are refused until the window has passed. Kept in memory per api
// process (a guesser spread over several replicas gets a few more tries each); plain data and
// explicit times, so it is tested without a clock.

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

interface Window {
  failures: number;
  startedAt: number;
}

// Enough for any real attack on one process; past it, expired windows are dropped first.
const MAX_TRACKED = 10_000;

export class SignInLimiter {
  private readonly windows = new Map<string, Window>();

  constructor(private readonly limits: SignInLimits = SIGN_IN_LIMITS) {}

  /** Milliseconds until this attempt may be made; 0 when it may be made now. */
  waitMs(email: string, address: string | undefined, now: number): number {
    let wait = 0;
    for (const [key, limit] of this.keys(email, address)) {
      const window = this.current(key, now);
      if (window && window.failures >= limit) {
        wait = Math.max(wait, window.startedAt + this.limits.windowMs - now);
      }
    }
    return wait;
  }

  /** Counts a failure; answers the limits this very failure used up (the lock it starts), if any. */
  recordFailure(email: string, address: string | undefined, now: number): LockedBy[] {
    const locked: LockedBy[] = [];
    for (const [key, limit, kind] of this.keys(email, address)) {
      let window = this.current(key, now);
      if (window) {
        window.failures += 1;
      } else {
        this.makeRoom(now);
        window = { failures: 1, startedAt: now };
        this.windows.set(key, window);
      }
      if (window.failures === limit) {
        locked.push(kind);
      }
    }
    return locked;
  }

  /** A correct password clears the account's count (not the address's: one success must not reset a spray). */
  recordSuccess(email: string): void {
    this.windows.delete(accountKey(email));
  }

  private keys(email: string, address: string | undefined): Array<[string, number, LockedBy]> {
    const keys: Array<[string, number, LockedBy]> = [[accountKey(email), this.limits.perAccount, 'account']];
    if (address) {
      keys.push([`address:${address}`, this.limits.perAddress, 'address']);
    }
    return keys;
  }

  private current(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    if (window && now - window.startedAt >= this.limits.windowMs) {
      this.windows.delete(key);
      return undefined;
    }
    return window;
  }

  private makeRoom(now: number): void {
    if (this.windows.size < MAX_TRACKED) {
      return;
    }
    for (const [key, window] of this.windows) {
      if (now - window.startedAt >= this.limits.windowMs) {
        this.windows.delete(key);
      }
    }
    if (this.windows.size >= MAX_TRACKED) {
      const oldest = this.windows.keys().next().value;
      if (oldest !== undefined) {
        this.windows.delete(oldest);
      }
    }
  }
}

const accountKey = (email: string): string => `account:${email.trim().toLowerCase()}`;
