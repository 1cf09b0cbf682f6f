import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { toErrorBody } from '../common/error.filter';
import { loggablePath } from '../logging/redact';
import { CsrfRejected, PasswordChangeRequired, SignInRequired, WebRequest } from './web-request';
import { WebView } from './web-view';

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
        { title: 'Form expired', message: exception.message },
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
    const titles: Record<number, string> = {
      400: 'That did not work',
      401: 'Sign in first',
      403: 'Not allowed',
      404: 'Not found',
      409: 'Conflict',
    };
    this.view.render(
      request,
      response,
      'error.njk',
      {
        title: titles[body.statusCode] ?? 'Something went wrong',
        message: body.message,
        details: body.details,
        requestId: request.id,
      },
      body.statusCode,
    );
  }
}
