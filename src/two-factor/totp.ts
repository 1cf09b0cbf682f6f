// Time-based one-time passwords (RFC 6238) as authenticator apps make them: SHA-1, six digits, 30-second
// steps. otplib does the arithmetic; this file adds what Vigil decides: how far the clocks may drift
// (one step either way) and that a code, once accepted, is never accepted again.
import { generateSecret, generateSync, generateURI, verifySync } from 'otplib';

export const TOTP_STEP_SECONDS = 30;

/** A fresh secret: 20 random bytes (160 bits, RFC 4226's recommendation), base32 as apps expect it. */
export const newTotpSecret = (): string => generateSecret();

/** The otpauth:// address an authenticator app reads from the QR code. */
export const totpUri = (secret: string, account: string): string =>
  generateURI({ issuer: 'Vigil', label: account, secret });

/** The code an authenticator shows at this instant (tests and the demo compute codes with it). */
export const totpCode = (secret: string, at: Date): string =>
  generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });

export type TotpCheck =
  { ok: true; timeStep: number } | { ok: false; reason: 'wrong code' | 'code already used' };

/** Six digits, with the spaces some apps show in the middle allowed. */
export const normaliseTotp = (input: string): string => input.replace(/\s+/g, '');

/**
 * Checks a code at `now`, accepting the step before and after (a phone's clock a little off, a code
 * typed as it changed). `lastTimeStep` is the step of the last code accepted for this secret: that
 * code and any older one are refused, so a code seen over a shoulder cannot be used again.
 */
export function checkTotp(secret: string, input: string, now: Date, lastTimeStep: number | null): TotpCheck {
  const token = normaliseTotp(input);
  if (!/^\d{6}$/.test(token)) {
    return { ok: false, reason: 'wrong code' };
  }
  const result = verifySync({
    secret,
    token,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOTP_STEP_SECONDS,
  });
  // The functional API answers HOTP's result shape too; a TOTP match always has its step.
  if (!result.valid || !('timeStep' in result)) {
    return { ok: false, reason: 'wrong code' };
  }
  if (lastTimeStep !== null && result.timeStep <= lastTimeStep) {
    return { ok: false, reason: 'code already used' };
  }
  return { ok: true, timeStep: result.timeStep };
}
