import { Inject, Injectable } from '@nestjs/common';
import type { Response } from 'express';
import nunjucks from 'nunjucks';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { hasRole } from '../auth/auth-user';
import type { DetentionFlag } from '../cases/detention-model';
import { descriptionIn } from '../cases/starting-note';
import type { ImportPreview } from '../chronology/import-choices';
import type { ImportWarning } from '../chronology/import-warnings';
import type { FieldProblem } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { csrfKey, csrfToken, csrfTokenMatches } from './csrf';
import { isLanguage, Language, LANGUAGES, textDirection } from '../i18n/languages';
import { MessageKey, MessageValues, translate } from '../i18n/translate';
import {
  countryName,
  daysFromNow,
  fileSize,
  formatCourtTime,
  formatDay,
  humanize,
  termInWords,
} from './format';
import { countryZones } from './country-zones';
import { readPlainDate } from './plain-date';
import { termForForm } from './plain-term';
import { durationWords, offsetChoices } from './plain-duration';
import { flagInWords } from './flag-words';
import { importRefusalInWords, importWarningInWords } from './import-words';
import { problemInWords, TypedValues, unlabelledProblemInWords } from './problem-words';
import { WebRequest } from './web-request';

/** What a filter sees as `this`: the page's context, whose `lang` says which language to write in. */
interface FilterThis {
  ctx: { lang?: Language; values?: TypedValues };
}
const langOf = (self: FilterThis): Language => self.ctx.lang ?? 'en';

/**
 * The language of a page: the signed-in user's choice, or before sign-in the first language the
 * browser asks for that Vigil speaks.
 */
export function pageLanguage(request: WebRequest): Language {
  if (request.user?.language && isLanguage(request.user.language)) {
    return request.user.language;
  }
  const asked = String(request.headers['accept-language'] ?? '')
    .split(',')
    .map((part) => part.split(';')[0].trim().slice(0, 2).toLowerCase());
  return asked.find((code): code is Language => (LANGUAGES as readonly string[]).includes(code)) ?? 'en';
}

// Templates and assets sit beside this file: src/web/views under jest, dist/src/web/views when built
// (nest-cli.json copies them).
export const VIEWS_DIR = join(__dirname, 'views');
export const PUBLIC_DIR = join(__dirname, 'public');

/** What a page says after a form saved: the redirect names the notice, the catalogue words it. */
const NOTICES = new Set([
  'defender-created',
  'defender-saved',
  'case-created',
  'case-saved',
  'charge-saved',
  'charge-deleted',
  'event-saved',
  'event-deleted',
  'custody-saved',
  'custody-deleted',
  'hearing-saved',
  'hearing-deleted',
  'entry-moved',
  'outcome-saved',
  'outcome-saved-unheard',
  'import-saved',
  'settings-saved',
  'password-changed',
  'language-saved',
  'watching',
  'unwatched',
  'user-created',
  'user-saved',
  'retried',
  'document-added',
  'document-deleted',
  'feed-revoked',
  'case-deleted',
  'defender-deleted',
]);

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
    this.env.addFilter(
      'day',
      function (this: FilterThis, value: string | null, precision?: 'day' | 'month' | 'year') {
        return formatDay(value, precision ?? 'day', langOf(this));
      },
    );
    this.env.addFilter(
      'courtTime',
      function (this: FilterThis, local: string | null, zone: string, timeKnown?: boolean) {
        return formatCourtTime(local, zone, timeKnown, langOf(this));
      },
    );
    // A detention flag ("check these") and an event's description, in the reader's words.
    this.env.addFilter('flag', function (this: FilterThis, flag: DetentionFlag) {
      return flagInWords(flag, langOf(this));
    });
    this.env.addFilter('description', function (this: FilterThis, description: string) {
      return descriptionIn(description, langOf(this));
    });
    this.env.addFilter('words', function (this: FilterThis, value: string | null) {
      return humanize(value, langOf(this));
    });
    // A sentence's term: 'P3Y6M' → "3 years and 6 months", "3 ans et 6 mois".
    this.env.addFilter('term', function (this: FilterThis, term: string) {
      return termInWords(term, langOf(this));
    });
    // A term in a text field, in words that read back to it (plain-term.ts).
    this.env.addFilter('termForForm', function (this: FilterThis, term: string | null) {
      return termForForm(term, langOf(this));
    });
    this.env.addFilter('country', function (this: FilterThis, code: string | null) {
      return countryName(code, langOf(this));
    });
    // The ISO day a typed date reads as, for the calendar beside a date field; '' when it reads as none.
    this.env.addFilter('isoDay', (value: unknown) => {
      const reading = typeof value === 'string' ? readPlainDate(value) : undefined;
      return reading && 'date' in reading ? reading.date : '';
    });
    this.env.addFilter('offsetChoices', function (this: FilterThis, current: unknown, other: unknown) {
      return offsetChoices(current, other, langOf(this));
    });
    // Reminder offsets in words: ['P7D', 'PT2H'] → "7 days, 2 hours".
    this.env.addFilter('durations', function (this: FilterThis, offsets: string | string[] | null) {
      return [offsets ?? []]
        .flat()
        .map((offset) => durationWords(offset, langOf(this)))
        .join(', ');
    });
    this.env.addFilter('countryZones', countryZones);
    this.env.addFilter('fileSize', function (this: FilterThis, bytes: number) {
      return fileSize(bytes, langOf(this));
    });
    this.env.addFilter('daysFromNow', function (this: FilterThis, days: number) {
      return daysFromNow(days, langOf(this));
    });
    // The problem beside a field, in the reader's words, with the dates as the form's values show them.
    this.env.addFilter('problem', function (this: FilterThis, problem: string, field: string, label: string) {
      return problemInWords(problem, field, label, langOf(this), this.ctx.values);
    });
    this.env.addFilter('unlabelledProblem', function (this: FilterThis, problem: string) {
      return unlabelledProblemInWords(problem, langOf(this));
    });
    // An import warning by its kind, in the reader's language (the API's `problem` is English).
    this.env.addFilter('importWarning', function (this: FilterThis, warning: ImportWarning) {
      return importWarningInWords(warning, langOf(this));
    });
    this.env.addFilter(
      'importRefusal',
      function (
        this: FilterThis,
        refusal: FieldProblem,
        preview: ImportPreview,
        labels: Record<string, string>,
      ) {
        return importRefusalInWords(refusal, preview, langOf(this), labels);
      },
    );
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
    const lang = pageLanguage(request);
    const html = this.env.render(template, {
      user,
      lang,
      dir: textDirection(lang),
      // {{ t('nav.cases') }}: page text from the catalogues (src/i18n/messages, docs/i18n.md).
      t: (key: MessageKey, values?: MessageValues) => translate(lang, key, values),
      isCaseworker: user ? hasRole(user, 'caseworker') : false,
      isAdmin: user ? hasRole(user, 'admin') : false,
      csrfToken: this.csrfTokenFor(request, response),
      path: request.path,
      notice: NOTICES.has(String(request.query.notice))
        ? translate(lang, `notice.${String(request.query.notice)}` as MessageKey)
        : undefined,
      noticeIsWarning: WARNING_NOTICES.has(String(request.query.notice)),
      errors: {},
      values: {},
      ...context,
    });
    response.status(status).type('html').set('Cache-Control', 'no-store').send(html);
  }
}
