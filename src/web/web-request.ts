import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { AuthUser } from '../auth/auth-user';
import { WebSessionUser } from '../auth/auth.service';
import { DomainError, FieldProblem } from '../common/domain-error';

/** A request to a web page, after WebGuard has resolved the session cookie. */
export type WebRequest = Request & { user?: AuthUser; webSession?: WebSessionUser };

/** The signed-in user of a web page (WebGuard guarantees one). */
export const WebUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<WebRequest>().user;
  if (!user) {
    throw new Error('WebUser used on a page without WebGuard');
  }
  return user;
});

/** Thrown when a page needs a signed-in user; the web error filter answers with a redirect to /login. */
export class SignInRequired extends Error {
  constructor(readonly returnTo: string) {
    super('Sign in first');
  }
}

/** Thrown while the user must choose a new password; the web error filter sends them to that page. */
export class PasswordChangeRequired extends Error {
  constructor() {
    super('Choose a new password first');
  }
}

/** Thrown when a form post lacks a valid CSRF token. */
export class CsrfRejected extends Error {
  constructor() {
    super('This form has expired or did not come from Vigil. Go back, reload the page and try again.');
  }
}

/** Field problems grouped by field, as the form macros read them. */
export type FieldErrors = Record<string, string[]>;

export function errorsByField(details: FieldProblem[]): FieldErrors {
  const grouped: FieldErrors = {};
  for (const { field, problem } of details) {
    (grouped[field] ??= []).push(problem);
  }
  return grouped;
}

/** A relative path on this site, or '/': never an open redirect to another host. */
export function safeReturnPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.includes('\\')) {
    return '/';
  }
  return value;
}

/**
 * The problems to show on a form after a service refused its input: per field when the service said
 * which, else one line for the whole form. Anything else (not found, forbidden, a bug) is not a form
 * problem and is left to the error filter.
 */
export function formErrors(error: unknown): FieldErrors | undefined {
  if (error instanceof DomainError && (error.code === 'VALIDATION' || error.code === 'CONFLICT')) {
    return error.details.length > 0 ? errorsByField(error.details) : { form: [error.message] };
  }
  return undefined;
}
