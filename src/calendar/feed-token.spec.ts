import { feedUrls, hashFeedToken, looksLikeFeedToken, newFeedToken } from './feed-token';

describe('calendar feed tokens', () => {
  it('are 256-bit URL-safe strings, different every time', () => {
    const tokens = new Set(Array.from({ length: 100 }, () => newFeedToken()));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(looksLikeFeedToken(token)).toBe(true);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('are stored as a SHA-256 in hex', () => {
    expect(hashFeedToken('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('reject what cannot be a token', () => {
    for (const text of ['', 'short', `${'a'.repeat(42)}/`, 'a'.repeat(44), '../../etc/passwd']) {
      expect(looksLikeFeedToken(text)).toBe(false);
    }
  });

  it('build subscribe URLs, https and webcal', () => {
    expect(feedUrls('https://vigil.example.org/', 'TOKEN')).toEqual({
      url: 'https://vigil.example.org/calendar/TOKEN.ics',
      webcalUrl: 'webcal://vigil.example.org/calendar/TOKEN.ics',
    });
  });
});
