import { createHash, randomBytes } from 'node:crypto';

// A feed token is a bearer secret that lives in other people's calendar servers: 256 random bits,
// URL-safe, stored only as its SHA-256 (high entropy, so a fast hash is enough to find it by).

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const newFeedToken = (): string => randomBytes(32).toString('base64url');

export const hashFeedToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export const looksLikeFeedToken = (text: string): boolean => TOKEN_PATTERN.test(text);

/** The https URL to paste into Google Calendar or Outlook, and the webcal one that opens the app directly. */
export function feedUrls(publicUrl: string, token: string): { url: string; webcalUrl: string } {
  const url = `${publicUrl.replace(/\/$/, '')}/calendar/${token}.ics`;
  return { url, webcalUrl: url.replace(/^https?:\/\//, 'webcal://') };
}
