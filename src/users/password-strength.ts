// How guessable a new password is, by zxcvbn (dictionaries of common passwords, words and names,
// keyboard patterns, repeats and sequences) rather than by length alone. Plain function, no Nest.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as english from '@zxcvbn-ts/language-en';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;
/** zxcvbn's scale is 0 to 4; 3 is "safely unguessable" for an online attacker slowed by the sign-in limiter. */
const MIN_SCORE = 3;

// Built on first use: loading the dictionaries takes a tenth of a second.
let checker: ZxcvbnFactory | undefined;
const zxcvbn = (): ZxcvbnFactory =>
  (checker ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary, vigil: ['vigil'] },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  }));

/**
 * Why a password may not be used, as a sentence for the person choosing it; undefined when it may.
 * `related` are the account's own words (email, name): a password made of them is easy to guess.
 */
export function passwordProblem(password: string, related: string[] = []): string | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) {
    return `must be at least ${PASSWORD_MIN_LENGTH} characters`;
  }
  if (password.length > PASSWORD_MAX_LENGTH) {
    return `must be at most ${PASSWORD_MAX_LENGTH} characters`;
  }
  const words = related.flatMap((value) => value.toLowerCase().split(/[^\p{L}\p{N}]+/u)).filter(Boolean);
  const result = zxcvbn().check(password, [...related, ...words]);
  if (result.score >= MIN_SCORE) {
    return undefined;
  }
  const why = result.feedback.warning || 'It would be guessed quickly.';
  const advice = result.feedback.suggestions[0] ?? 'Use a few uncommon words together.';
  return `is too easy to guess: ${why} ${advice}`;
}
