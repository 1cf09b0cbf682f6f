import type { DomainError } from '../common/domain-error';
import type { Language } from '../i18n/languages';
import { translate } from '../i18n/translate';

// Why a sign-in was refused, in the reader's words. The sign-in service words its refusals for the
// API, in English ("Too many failed sign-ins: try again in 15 minutes"); the sign-in page says the
// same in the language the browser asks for, with the wait the service counted.

export type SignInStep = 'password' | 'code';

export function signInRefusalInWords(error: DomainError, step: SignInStep, language: Language): string {
  if (error.code === 'TOO_MANY_REQUESTS') {
    const minutes = Number(/(\d+) minute/.exec(error.message)?.[1] ?? 1);
    return translate(language, step === 'password' ? 'login.tooManySignIns' : 'login.tooManyCodes', {
      minutes,
    });
  }
  return translate(language, step === 'password' ? 'login.wrongCredentials' : 'login.wrongCode');
}
