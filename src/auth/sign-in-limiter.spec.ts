import { SignInLimiter } from './sign-in-limiter';

const LIMITS = { perAccount: 3, perAddress: 5, windowMs: 60_000 };

describe('sign-in limiter', () => {
  it('refuses an account after its allowed failures, until its window has passed', () => {
    const limiter = new SignInLimiter(LIMITS);
    for (let n = 0; n < 3; n += 1) {
      expect(limiter.waitMs('a@example.org', '10.0.0.1', 1_000 + n)).toBe(0);
      limiter.recordFailure('a@example.org', '10.0.0.1', 1_000 + n);
    }
    expect(limiter.waitMs('A@Example.org ', '10.0.0.2', 10_000)).toBe(51_000);
    expect(limiter.waitMs('a@example.org', '10.0.0.2', 61_000)).toBe(0);
  });

  it('refuses an address spraying many accounts, but not other addresses', () => {
    const limiter = new SignInLimiter(LIMITS);
    for (let n = 0; n < 5; n += 1) {
      limiter.recordFailure(`user${n}@example.org`, '10.0.0.9', 0);
    }
    expect(limiter.waitMs('someone@example.org', '10.0.0.9', 1)).toBe(59_999);
    expect(limiter.waitMs('someone@example.org', '10.0.0.10', 1)).toBe(0);
  });

  it('clears the account after a correct password, but keeps counting the address', () => {
    const limiter = new SignInLimiter(LIMITS);
    for (let n = 0; n < 3; n += 1) {
      limiter.recordFailure('a@example.org', '10.0.0.1', 0);
    }
    limiter.recordSuccess('a@example.org');
    expect(limiter.waitMs('a@example.org', '10.0.0.7', 1)).toBe(0);
    limiter.recordFailure('b@example.org', '10.0.0.1', 2);
    limiter.recordFailure('c@example.org', '10.0.0.1', 3);
    expect(limiter.waitMs('d@example.org', '10.0.0.1', 4)).toBe(59_996);
  });

  it('forgets a window once it has passed', () => {
    const limiter = new SignInLimiter(LIMITS);
    limiter.recordFailure('a@example.org', undefined, 0);
    limiter.recordFailure('a@example.org', undefined, 60_000);
    limiter.recordFailure('a@example.org', undefined, 60_001);
    expect(limiter.waitMs('a@example.org', undefined, 60_002)).toBe(0);
  });

  it('tells which limit a failure has just used up, once', () => {
    const limiter = new SignInLimiter(LIMITS);
    const locks = Array.from({ length: 6 }, (_, n) =>
      limiter.recordFailure(n < 4 ? 'a@example.org' : `other${n}@example.org`, '10.0.0.1', n),
    );
    expect(locks).toEqual([[], [], ['account'], [], ['address'], []]);
  });
});
