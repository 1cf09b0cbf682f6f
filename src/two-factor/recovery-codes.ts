// Recovery codes: ten single-use codes shown once at enrolment, for when the phone is lost. Each is
// 79 random bits, so a SHA-256 of it cannot be reversed by guessing and a slow hash would add nothing.
import { createHash, randomInt } from 'node:crypto';

export const RECOVERY_CODE_COUNT = 10;

// Lower-case letters and digits without the look-alikes (0/o, 1/l/i): 31 symbols, 16 of them in a code.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const GROUPS = 4;
const GROUP_LENGTH = 4;

const randomCode = (): string =>
  Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  ).join('-');

export const newRecoveryCodes = (): string[] => Array.from({ length: RECOVERY_CODE_COUNT }, randomCode);

/** As typed: case, spaces and dashes do not matter. */
const normalise = (input: string): string => input.toLowerCase().replace(/[\s-]+/g, '');

/** Whether what was typed has the shape of a recovery code rather than of a six-digit code. */
export const looksLikeRecoveryCode = (input: string): boolean =>
  normalise(input).length === GROUPS * GROUP_LENGTH && /^[a-z0-9]+$/.test(normalise(input));

/** What is stored for a code: its SHA-256, never the code. */
export const hashRecoveryCode = (input: string): string =>
  createHash('sha256')
    .update(`vigil-recovery:${normalise(input)}`)
    .digest('hex');
