import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import nunjucks from 'nunjucks';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { hasRole } from '../auth/auth-user';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { csrfKey, csrfToken, csrfTokenMatches } from './csrf';
import { termWords } from './case-summary';
import {
  countryName,
  daysFromNow,
  fileSize,
  formatCourtTime,
  formatDay,
  humanize,
  problemForLabel,
} from './format';
import { WebRequest } from './web-request';

// Templates and assets sit beside this file: src/web/views under jest, dist/src/web/views when built
// (nest-cli.json copies them).
export const VIEWS_DIR = join(__dirname, 'views');
export const PUBLIC_DIR = join(__dirname, 'public');

/** What a page says after a form saved; the redirect names the notice, the page words it. */
const NOTICES: Record<string, string> = {
  'defender-created': 'Defender added.',
  'defender-saved': 'Defender saved.',
  'case-created': 'Case added.',
  'case-saved': 'Case saved.',
  'charge-saved': 'Charge saved.',
  'charge-deleted': 'Charge deleted.',
  'event-saved': 'Event saved.',
  'event-deleted': 'Event deleted.',
  'custody-saved': 'Custody order saved.',
  'custody-deleted': 'Custody order deleted.',
  'hearing-saved': 'Hearing saved.',
  'hearing-deleted': 'Hearing deleted.',
  'outcome-saved': 'Outcome saved. Reminders have been updated.',
  'outcome-saved-unheard':
    'Outcome saved and reminders updated, but some of them reach nobody on this case: nobody who may read them watches it.',
  'import-saved': 'Imported entries saved.',
  'settings-saved': 'Settings saved.',
  'password-changed': 'Your password has been changed.',
  watching: 'You are watching this case.',
  unwatched: 'You no longer watch this case.',
  'user-created': 'User added.',
  'user-saved': 'User saved.',
  retried: 'The reminder will be sent again.',
  'document-added': 'Document added.',
  'document-deleted': 'Document deleted.',
};

/** Notices that are warnings: saved, but something needs doing. */
const WARNING_NOTICES = new Set(['outcome-saved-unheard']);

/** Before sign-in there is no session to bind a CSRF token to; this cookie stands in for it. */
export const LOGIN_CSRF_COOKIE = 'vigil_login_csrf';

@Injectable()
export class WebView {
  private readonly env: nunjucks.Environment;
  private readonly csrf: Buffer;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.env = new nunjucks.Environment(
      new nunjucks.FileSystemLoader(VIEWS_DIR, { noCache: config.nodeEnv === 'development' }),
      { autoescape: true, trimBlocks: true, lstripBlocks: true },
    );
    this.env.addFilter('day', (value: string | null, precision?: 'day' | 'month' | 'year') =>
      formatDay(value, precision ?? 'day'),
    );
    this.env.addFilter('courtTime', formatCourtTime);
    this.env.addFilter('words', humanize);
    this.env.addFilter('term', termWords);
    this.env.addFilter('country', countryName);
    this.env.addFilter('fileSize', fileSize);
    this.env.addFilter('daysFromNow', daysFromNow);
    this.env.addFilter('problem', problemForLabel);
    this.env.addFilter('fieldId', (name: string) => `f-${name.replace(/[^A-Za-z0-9_-]/g, '-')}`);
    this.csrf = csrfKey(config.jwtSecret);
  }

  /** Secure cookies whenever the browser is on https (directly or through a trusted proxy). */
  cookieOptions(request: WebRequest) {
    return {
      httpOnly: true,
      sameSite: 'lax' as const,
      secure: request.secure || this.config.publicUrl.startsWith('https:'),
      path: '/',
    };
  }

  /** The CSRF token for the forms of this page: bound to the session, or to the pre-login cookie. */
  csrfTokenFor(request: WebRequest, response: Response): string {
    if (request.webSession) {
      return csrfToken(this.csrf, request.webSession.sessionId);
    }
    let binding = (request.cookies as Record<string, unknown> | undefined)?.[LOGIN_CSRF_COOKIE];
    if (typeof binding !== 'string' || !/^[A-Za-z0-9_-]{20,64}$/.test(binding)) {
      binding = randomBytes(24).toString('base64url');
      response.cookie(LOGIN_CSRF_COOKIE, binding, this.cookieOptions(request));
    }
    return csrfToken(this.csrf, binding as string);
  }

  csrfValid(request: WebRequest, presented: unknown): boolean {
    const binding = request.webSession
      ? request.webSession.sessionId
      : (request.cookies as Record<string, unknown> | undefined)?.[LOGIN_CSRF_COOKIE];
    return typeof binding === 'string' && csrfTokenMatches(this.csrf, binding, presented);
  }

  render(
    request: WebRequest,
    response: Response,
    template: string,
    context: Record<string, unknown> = {},
    status = 200,
  ): void {
    const user = request.user;
    const html = this.env.render(template, {
      user,
      isCaseworker: user ? hasRole(user, 'caseworker') : false,
      isAdmin: user ? hasRole(user, 'admin') : false,
      csrfToken: this.csrfTokenFor(request, response),
      path: request.path,
      notice: NOTICES[String(request.query.notice)],
      noticeIsWarning: WARNING_NOTICES.has(String(request.query.notice)),
      errors: {},
      values: {},
      ...context,
    });
    response.status(status).type('html').set('Cache-Control', 'no-store').send(html);
  }
}
