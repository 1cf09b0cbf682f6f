import { ArgumentsHost, Catch, ExceptionFilter, NotFoundException } from '@nestjs/common';
import type { Response } from 'express';
import { AuthService } from '../auth/auth.service';
import { ErrorFilter } from '../common/error.filter';
import { translate } from '../i18n/translate';
import { WebRequest } from './web-request';
import { pageLanguage, WebView } from './web-view';

const isApiPath = (path: string): boolean => path === '/api' || path.startsWith('/api/');

/**
 * A path no route answers: under /api the API's JSON 404, anywhere else the 404 page, in the
 * reader's language (the signed-in user's choice, else the browser's), with the site's navigation.
 * Registered globally after ErrorFilter so that it is asked first, and only about NotFoundException,
 * which is what Nest throws for an unknown route (services throw their own not-found DomainError).
 */
@Catch(NotFoundException)
export class UnknownPathFilter implements ExceptionFilter {
  private readonly json = new ErrorFilter();

  constructor(
    private readonly view: WebView,
    private readonly auth: AuthService,
  ) {}

  async catch(exception: NotFoundException, host: ArgumentsHost): Promise<void> {
    const request = host.switchToHttp().getRequest<WebRequest>();
    const response = host.switchToHttp().getResponse<Response>();
    if (isApiPath(request.path) || response.headersSent) {
      this.json.catch(exception, host);
      return;
    }
    // No guard ran for an unknown path: the session is read here, only to know who is reading. If
    // that fails (the database is away), the page is still answered, as to someone not signed in.
    const session = await this.auth.authenticateWebSession(request).catch(() => undefined);
    request.user = session?.user;
    request.webSession = session;
    const lang = pageLanguage(request);
    this.view.render(
      request,
      response,
      'error.njk',
      {
        title: translate(lang, 'error.notFound.title'),
        message: translate(lang, 'error.notFound.page'),
        requestId: request.id,
      },
      404,
    );
  }
}
