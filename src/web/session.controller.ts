import { Body, Controller, Get, Post, Query, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../auth/auth.decorators';
import { AuthService, WEB_SESSION_COOKIE, WebSessionStart } from '../auth/auth.service';
import { DomainError } from '../common/domain-error';
import { translate } from '../i18n/translate';
import { CHALLENGE_TTL_MS, PendingSignIn, TwoFactorService } from '../two-factor/two-factor.service';
import { CSRF_FIELD } from './csrf';
import { WebErrorFilter } from './web-error.filter';
import { signInRefusalInWords } from './sign-in-words';
import { CsrfRejected, safeReturnPath, WebRequest } from './web-request';
import { LOGIN_CSRF_COOKIE, pageLanguage, WebView } from './web-view';

interface LoginForm {
  email?: string;
  password?: string;
  code?: string;
  next?: string;
  [CSRF_FIELD]?: string;
}

/** Between a right password and the second factor, the browser holds the sign-in's challenge here. */
export const SIGN_IN_CHALLENGE_COOKIE = 'vigil_sign_in';

/** Sign in and out of the web pages. The session lives in PostgreSQL; the cookie holds only its token. */
@ApiExcludeController()
@Public()
@UseFilters(WebErrorFilter)
@Controller()
export class SessionController {
  constructor(
    private readonly auth: AuthService,
    private readonly view: WebView,
    private readonly twoFactor: TwoFactorService,
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
      errors.email = [translate(pageLanguage(request), 'login.enterEmail')];
    }
    if (!password) {
      errors.password = [translate(pageLanguage(request), 'login.enterPassword')];
    }
    if (Object.keys(errors).length === 0) {
      try {
        const started = await this.auth.startWebSession(email, password, {
          ip: request.ip,
          userAgent: request.get('user-agent'),
        });
        if (!('token' in started)) {
          // A second factor is due: no session yet, only the challenge, for five minutes.
          response.cookie(SIGN_IN_CHALLENGE_COOKIE, started.challenge, {
            ...this.view.cookieOptions(request),
            maxAge: CHALLENGE_TTL_MS,
          });
          response.redirect(303, `/login/second-factor?next=${encodeURIComponent(next)}`);
          return;
        }
        this.signedIn(request, response, started);
        response.redirect(303, next);
        return;
      } catch (error) {
        if (
          !(error instanceof DomainError) ||
          !['UNAUTHENTICATED', 'TOO_MANY_REQUESTS'].includes(error.code)
        ) {
          throw error;
        }
        errors.password = [signInRefusalInWords(error, 'password', pageLanguage(request))];
        status = error.code === 'TOO_MANY_REQUESTS' ? 429 : 401;
      }
    }
    this.view.render(request, response, 'login.njk', { next, values: { email }, errors }, status);
  }

  @Get('login/second-factor')
  async secondFactorPage(
    @Req() request: WebRequest,
    @Res() response: Response,
    @Query('next') next?: string,
  ) {
    const pending = await this.pendingSignIn(request, response);
    if (pending) {
      await this.renderSecondFactor(request, response, pending, safeReturnPath(next), {}, 200);
    }
  }

  @Post('login/second-factor')
  async secondFactor(@Req() request: WebRequest, @Res() response: Response, @Body() form: LoginForm) {
    if (!this.view.csrfValid(request, form[CSRF_FIELD])) {
      throw new CsrfRejected();
    }
    const next = safeReturnPath(form.next);
    const pending = await this.pendingSignIn(request, response);
    if (!pending) {
      return;
    }
    const code = typeof form.code === 'string' ? form.code.trim() : '';
    if (!code) {
      await this.renderSecondFactor(
        request,
        response,
        pending,
        next,
        { code: [translate(pageLanguage(request), 'twoFactor.enterCode')] },
        400,
      );
      return;
    }
    try {
      const started = await this.auth.startWebSessionWithSecondFactor(this.challengeOf(request), code, {
        ip: request.ip,
        userAgent: request.get('user-agent'),
      });
      response.clearCookie(SIGN_IN_CHALLENGE_COOKIE, this.view.cookieOptions(request));
      this.signedIn(request, response, started);
      if (started.recoveryCodes) {
        // Shown without the signed-in header: this response has no session id to bind its forms to.
        this.view.render(request, response, 'recovery-codes.njk', {
          recoveryCodes: started.recoveryCodes,
          next,
        });
        return;
      }
      response.redirect(303, next);
    } catch (error) {
      if (!(error instanceof DomainError) || !['UNAUTHENTICATED', 'TOO_MANY_REQUESTS'].includes(error.code)) {
        throw error;
      }
      if (error.details.some((detail) => detail.field === 'challenge')) {
        response.redirect(303, '/login');
        return;
      }
      const status = error.code === 'TOO_MANY_REQUESTS' ? 429 : 401;
      const problem = signInRefusalInWords(error, 'code', pageLanguage(request));
      await this.renderSecondFactor(request, response, pending, next, { code: [problem] }, status);
    }
  }

  private challengeOf(request: WebRequest): string {
    const value = (request.cookies as Record<string, unknown> | undefined)?.[SIGN_IN_CHALLENGE_COOKIE];
    return typeof value === 'string' ? value : '';
  }

  /** The sign-in waiting for its second factor; without one (expired, never started) back to /login. */
  private async pendingSignIn(request: WebRequest, response: Response): Promise<PendingSignIn | undefined> {
    try {
      return await this.auth.pendingSignIn(this.challengeOf(request));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'UNAUTHENTICATED') {
        throw error;
      }
      response.clearCookie(SIGN_IN_CHALLENGE_COOKIE, this.view.cookieOptions(request));
      response.redirect(303, '/login');
      return undefined;
    }
  }

  private async renderSecondFactor(
    request: WebRequest,
    response: Response,
    pending: PendingSignIn,
    next: string,
    errors: Record<string, string[]>,
    status: number,
  ) {
    const enrolment =
      pending.step === 'enrol'
        ? await this.twoFactor.startEnrolment(pending.user, { fresh: false })
        : undefined;
    this.view.render(request, response, 'login-second-factor.njk', { next, enrolment, errors }, status);
  }

  private signedIn(request: WebRequest, response: Response, started: WebSessionStart) {
    response.clearCookie(LOGIN_CSRF_COOKIE, this.view.cookieOptions(request));
    response.cookie(WEB_SESSION_COOKIE, started.token, this.view.cookieOptions(request));
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
