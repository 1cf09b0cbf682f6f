import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { toErrorBody } from '../common/error.filter';
import { loggablePath } from '../logging/redact';
import { CsrfRejected, PasswordChangeRequired, SignInRequired, WebRequest } from './web-request';
import { pageLanguage, WebView } from './web-view';
import { translate } from '../i18n/translate';

/** The statuses a page names in the reader's words (error.status.*); any other is "something went wrong". */
const STATUS_NAMES: Record<number, string> = {
  400: 'badRequest',
  401: 'signIn',
  403: 'forbidden',
  404: 'notFound',
  409: 'conflict',
};

/** Errors on web pages become pages (or a redirect to sign in), never the API's JSON. */
@Catch()
export class WebErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('WebErrors');

  constructor(private readonly view: WebView) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<WebRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    if (response.headersSent) {
      return;
    }
    if (exception instanceof SignInRequired) {
      const next = exception.returnTo === '/' ? '' : `?next=${encodeURIComponent(exception.returnTo)}`;
      response.redirect(303, `/login${next}`);
      return;
    }
    if (exception instanceof PasswordChangeRequired) {
      response.redirect(303, '/account/password');
      return;
    }
    if (exception instanceof CsrfRejected) {
      this.view.render(
        request,
        response,
        'error.njk',
        {
          title: translate(pageLanguage(request), 'error.formExpired.title'),
          message: translate(pageLanguage(request), 'error.formExpired.message'),
        },
        403,
      );
      return;
    }
    const body = toErrorBody(exception);
    if (body.statusCode >= 500) {
      this.logger.error(
        `${request.method} ${loggablePath(request.path)}`,
        exception instanceof Error ? exception.stack : exception,
      );
    }
    const language = pageLanguage(request);
    const status = STATUS_NAMES[body.statusCode] ?? 'other';
    // The API words its messages in English; a reader of another language is told what the status
    // means instead (the reference lets the team find the rest in the log).
    const message =
      language === 'en' ? body.message : translate(language, 'error.status.message', { status });
    this.view.render(
      request,
      response,
      'error.njk',
      {
        title: translate(language, 'error.status.title', { status }),
        message,
        details: body.details,
        requestId: request.id,
      },
      body.statusCode,
    );
  }
}
