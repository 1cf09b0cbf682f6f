import { csrfKey, csrfToken, csrfTokenMatches } from './csrf';

describe('CSRF synchronizer tokens', () => {
  const key = csrfKey('a server secret that is long enough to use');

  it('accepts the token made for the same binding', () => {
    expect(csrfTokenMatches(key, 'session-1', csrfToken(key, 'session-1'))).toBe(true);
  });

  it('refuses a token made for another session, under another key, or missing', () => {
    const token = csrfToken(key, 'session-1');
    expect(csrfTokenMatches(key, 'session-2', token)).toBe(false);
    expect(csrfTokenMatches(csrfKey('another server secret, also long enough'), 'session-1', token)).toBe(
      false,
    );
    expect(csrfTokenMatches(key, 'session-1', undefined)).toBe(false);
    expect(csrfTokenMatches(key, 'session-1', '')).toBe(false);
    expect(csrfTokenMatches(key, 'session-1', ['x'])).toBe(false);
    expect(csrfTokenMatches(key, '', csrfToken(key, ''))).toBe(false);
  });

  it('refuses a token that differs by one character', () => {
    const token = csrfToken(key, 'session-1');
    const flipped = (token[0] === 'A' ? 'B' : 'A') + token.slice(1);
    expect(csrfTokenMatches(key, 'session-1', flipped)).toBe(false);
  });
});
