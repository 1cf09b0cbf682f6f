import fc from 'fast-check';
import { FailureWindow, limitsUsedUp, signInCounters, waitMs } from './sign-in-limiter';

const LIMITS = { perAccount: 3, perAddress: 5, windowMs: 60_000 };

const counters = (email: string, address?: string) => signInCounters(email, address, LIMITS);
const window = (key: string, failures: number, startedAt: number): FailureWindow => ({
  key,
  failures,
  startedAt,
});

describe('sign-in limiter', () => {
  it('counts an attempt against its account, normalised, and its address when known', () => {
    expect(counters(' A@Example.org ', '10.0.0.1')).toEqual([
      { key: 'account:a@example.org', limit: 3, kind: 'account' },
      { key: 'address:10.0.0.1', limit: 5, kind: 'address' },
    ]);
    expect(counters('a@example.org')).toEqual([{ key: 'account:a@example.org', limit: 3, kind: 'account' }]);
  });

  // The windows given count the attempt being decided: the fourth attempt after three failures sees 4.
  it('refuses an account after its allowed failures, until its window has passed', () => {
    const windows = [window('account:a@example.org', 4, 1_000)];
    expect(waitMs(counters('A@Example.org ', '10.0.0.2'), windows, 10_000, LIMITS)).toBe(51_000);
    expect(waitMs(counters('a@example.org', '10.0.0.2'), windows, 60_999, LIMITS)).toBe(1);
    expect(waitMs(counters('a@example.org', '10.0.0.2'), windows, 61_000, LIMITS)).toBe(0);
    expect(
      waitMs(counters('a@example.org'), [window('account:a@example.org', 3, 1_000)], 10_000, LIMITS),
    ).toBe(0);
  });

  it('refuses an address spraying many accounts, but not other addresses', () => {
    const windows = [window('address:10.0.0.9', 6, 0)];
    expect(waitMs(counters('someone@example.org', '10.0.0.9'), windows, 1, LIMITS)).toBe(59_999);
    expect(waitMs(counters('someone@example.org', '10.0.0.10'), windows, 1, LIMITS)).toBe(0);
    expect(waitMs(counters('someone@example.org'), windows, 1, LIMITS)).toBe(0);
  });

  it('waits for the later of the two windows when both are full', () => {
    const windows = [window('account:a@example.org', 4, 5_000), window('address:10.0.0.1', 9, 1_000)];
    expect(waitMs(counters('a@example.org', '10.0.0.1'), windows, 10_000, LIMITS)).toBe(55_000);
  });

  it('refuses exactly while a full window has not passed, until its end', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 ** 12 }),
        fc.integer({ min: 0, max: 3 * LIMITS.windowMs }),
        (failures, startedAt, elapsed) => {
          const now = startedAt + elapsed;
          const wait = waitMs(
            counters('a@example.org'),
            [window('account:a@example.org', failures, startedAt)],
            now,
            LIMITS,
          );
          const refused = failures > LIMITS.perAccount && elapsed < LIMITS.windowMs;
          expect(wait).toBe(refused ? LIMITS.windowMs - elapsed : 0);
        },
      ),
    );
  });

  it('tells which limit a failure has just used up, once', () => {
    // Six failures from one address: four on one account, then two on others. Each attempt is
    // counted in its windows before the check, as the limiter's table does.
    const failuresOf = new Map<string, number>();
    const locks = Array.from({ length: 6 }, (_, n) => {
      const attempt = counters(n < 4 ? 'a@example.org' : `other${n}@example.org`, '10.0.0.1');
      const windows = attempt.map(({ key }) => {
        failuresOf.set(key, (failuresOf.get(key) ?? 0) + 1);
        return window(key, failuresOf.get(key) ?? 0, 0);
      });
      return limitsUsedUp(attempt, windows);
    });
    expect(locks).toEqual([[], [], ['account'], [], ['address'], []]);
  });
});
