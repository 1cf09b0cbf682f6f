import fc from 'fast-check';
import { checkTotp, newTotpSecret, TOTP_STEP_SECONDS, totpCode, totpUri } from './totp';

const STEP_MS = TOTP_STEP_SECONDS * 1000;
// Instants from 2001 to 2100, to the millisecond.
const instant = fc.integer({ min: 978_307_200_000, max: 4_102_444_800_000 }).map((ms) => new Date(ms));
const secret = newTotpSecret();
const stepOf = (at: Date): number => Math.floor(at.getTime() / STEP_MS);

describe('TOTP codes', () => {
  it('matches the RFC 6238 test vector for SHA-1 (six digits)', () => {
    // RFC 6238 appendix B: secret "12345678901234567890" (base32 GEZDGNBV...), T = 59 s -> 94287082.
    const rfcSecret = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
    expect(totpCode(rfcSecret, new Date(59_000))).toBe('287082');
    expect(totpCode(rfcSecret, new Date(1_111_111_109_000))).toBe('081804');
  });

  it('accepts the code of the step before, the step itself and the step after', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(-1, 0, 1), (now, offset) => {
        const code = totpCode(secret, new Date(now.getTime() + offset * STEP_MS));
        expect(checkTotp(secret, code, now, null)).toEqual({ ok: true, timeStep: stepOf(now) + offset });
      }),
    );
  });

  it('refuses the code of two steps before or after', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(-2, 2), (now, offset) => {
        const code = totpCode(secret, new Date(now.getTime() + offset * STEP_MS));
        // Six digits collide by chance one time in a million per step; the same code three times is not chance.
        fc.pre(
          ![-1, 0, 1].some((near) => totpCode(secret, new Date(now.getTime() + near * STEP_MS)) === code),
        );
        expect(checkTotp(secret, code, now, null)).toEqual({ ok: false, reason: 'wrong code' });
      }),
    );
  });

  it('refuses a code whose step was used already, or an older one, but takes a newer one', () => {
    fc.assert(
      fc.property(instant, (now) => {
        const code = totpCode(secret, now);
        const accepted = checkTotp(secret, code, now, null);
        expect(accepted.ok).toBe(true);
        const step = stepOf(now);
        expect(checkTotp(secret, code, now, step)).toEqual({ ok: false, reason: 'code already used' });
        const older = totpCode(secret, new Date(now.getTime() - STEP_MS));
        fc.pre(older !== code);
        expect(checkTotp(secret, older, now, step)).toEqual({ ok: false, reason: 'code already used' });
        const later = new Date(now.getTime() + STEP_MS);
        expect(checkTotp(secret, totpCode(secret, later), later, step)).toEqual({
          ok: true,
          timeStep: step + 1,
        });
      }),
    );
  });

  it('takes a code typed with a space in the middle, refuses anything that is not six digits', () => {
    const now = new Date('2026-01-15T09:00:00Z');
    const code = totpCode(secret, now);
    expect(checkTotp(secret, `${code.slice(0, 3)} ${code.slice(3)}`, now, null).ok).toBe(true);
    for (const input of ['', '12345', '1234567', 'abcdef', `${code}0`]) {
      expect(checkTotp(secret, input, now, null)).toEqual({ ok: false, reason: 'wrong code' });
    }
  });

  it('makes 160-bit secrets and an otpauth address naming Vigil and the account', () => {
    expect(newTotpSecret()).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(newTotpSecret());
    const uri = new URL(totpUri(secret, 'asha@example.org'));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('issuer')).toBe('Vigil');
    expect(decodeURIComponent(uri.pathname)).toContain('asha@example.org');
  });
});
