import { createHmac, timingSafeEqual } from 'node:crypto';

// Synchronizer tokens without a table: the token is an HMAC of what it protects (the session id,
// or a random value in a pre-login cookie) under a server key. Only the server can make one, and a
// token made for one session is worthless in another.

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** Derives the CSRF key from the server secret, so the key is never the secret itself. */
export const csrfKey = (serverSecret: string): Buffer =>
  createHmac('sha256', serverSecret).update('vigil:web-csrf-key').digest();

export const csrfToken = (key: Buffer, binding: string): string =>
  createHmac('sha256', key).update(`vigil:csrf:${binding}`).digest('base64url');

export function csrfTokenMatches(key: Buffer, binding: string, presented: unknown): boolean {
  if (typeof presented !== 'string' || presented.length === 0 || presented.length > 200 || !binding) {
    return false;
  }
  const expected = Buffer.from(csrfToken(key, binding));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
