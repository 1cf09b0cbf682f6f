import { englishLeftovers } from '../../test/support/english-leftovers';
import { DomainError } from '../common/domain-error';
import { signInRefusalInWords, SignInStep } from './sign-in-words';

// The refusals as the sign-in service words them (auth.service.ts), for the API.
const REFUSALS: [SignInStep, DomainError][] = [
  ['password', new DomainError('UNAUTHENTICATED', 'Wrong email or password, or the account is deactivated')],
  ['password', new DomainError('TOO_MANY_REQUESTS', 'Too many failed sign-ins: try again in 15 minutes')],
  ['password', new DomainError('TOO_MANY_REQUESTS', 'Too many failed sign-ins: try again in 1 minute')],
  ['code', new DomainError('UNAUTHENTICATED', 'That code is not right, or was used already')],
  ['code', new DomainError('TOO_MANY_REQUESTS', 'Too many wrong codes: try again in 15 minutes')],
];

describe('a refused sign-in in the reader’s words', () => {
  it('says in English what the service says', () => {
    for (const [step, error] of REFUSALS) {
      expect(signInRefusalInWords(error, step, 'en')).toBe(error.message);
    }
  });

  it.each(['fr', 'ar'] as const)('says each in %s, with no English left, the wait counted', (language) => {
    const words = REFUSALS.map(([step, error]) => signInRefusalInWords(error, step, language));
    expect(englishLeftovers(words, language)).toEqual([]);
    expect(words[1]).toMatch(/15/);
  });
});
