import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { AuthService, WEB_SESSION_COOKIE } from '../auth/auth.service';
import { DomainError } from '../common/domain-error';
import { CSRF_FIELD } from './csrf';
import { WebErrorFilter } from './web-error.filter';
import { CsrfRejected, safeReturnPath, WebRequest } from './web-request';
import { LOGIN_CSRF_COOKIE, WebView } from './web-view';

interface LoginForm {
  email?: string;
  password?: string;
  next?: string;
  [CSRF_FIELD]?: string;
}

/** Sign in and out of the web pages. The session lives in PostgreSQL; the cookie holds only its token. */
@ApiExcludeController()
@Public()
@UseFilters(WebErrorFilter)
@Controller()
export class SessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly view: WebView,
  ) {}

  @Get('login')
  async loginPage(@Req() request: WebRequest, @Res() response: Response, @Query('next') next?: string) {
    const session = await this.auth.authenticateWebSession(request);
    if (session) {
      response.redirect(303, safeReturnPath(next));
      return;
    }
    this.view.render(request, response, 'login.njk', { next: safeReturnPath(next), values: {} });
  }

  @Post('login')
  async login(@Req() request: WebRequest, @Res() response: Response, @Body() form: LoginForm) {
    if (!this.view.csrfValid(request, form[CSRF_FIELD])) {
      throw new CsrfRejected();
    }
    const next = safeReturnPath(form.next);
    const email = typeof form.email === 'string' ? form.email.trim() : '';
    const password = typeof form.password === 'string' ? form.password : '';
    const errors: Record<string, string[]> = {};
    let status = 401;
    if (!email) {
      errors.email = ['Enter your email address'];
    }
    if (!password) {
      errors.password = ['Enter your password'];
    }
    if (Object.keys(errors).length === 0) {
      try {
        const started = await this.auth.startWebSession(email, password, {
          ip: request.ip,
          userAgent: request.get('user-agent'),
        });
        response.clearCookie(LOGIN_CSRF_COOKIE, this.view.cookieOptions(request));
        response.cookie(WEB_SESSION_COOKIE, started.token, this.view.cookieOptions(request));
        response.redirect(303, next);
        return;
      } catch (error) {
        if (
          !(error instanceof DomainError) ||
          !['UNAUTHENTICATED', 'TOO_MANY_REQUESTS'].includes(error.code)
        ) {
          throw error;
        }
        errors.password = [error.message];
        status = error.code === 'TOO_MANY_REQUESTS' ? 429 : 401;
      }
    }
    this.view.render(request, response, 'login.njk', { next, values: { email }, errors }, status);
  }

  @Get('logout')
  async logoutPage(@Req() request: WebRequest, @Res() response: Response) {
    const session = await this.auth.authenticateWebSession(request);
    if (!session) {
      response.redirect(303, '/login');
      return;
    }
    request.user = session.user;
    request.webSession = session;
    this.view.render(request, response, 'logout.njk');
  }

  @Post('logout')
  async logout(@Req() request: WebRequest, @Res() response: Response, @Body() form: LoginForm) {
    const session = await this.auth.authenticateWebSession(request);
    if (session) {
      request.webSession = session;
      if (!this.view.csrfValid(request, form[CSRF_FIELD])) {
        throw new CsrfRejected();
      }
      await this.auth.endWebSession(request);
    }
    response.clearCookie(WEB_SESSION_COOKIE, this.view.cookieOptions(request));
    response.redirect(303, '/login?signedOut=1');
  }
}
