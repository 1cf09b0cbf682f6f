import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { hasRole } from '../auth/auth-user';
import { MIN_ROLE, PASSWORD_CHANGE_ALLOWED } from '../auth/auth.decorators';
import { AuthService } from '../auth/auth.service';
import { forbidden } from '../common/domain-error';
import { UserRole } from '../users/user.entity';
import { CSRF_FIELD, CSRF_HEADER } from './csrf';
import { CsrfRejected, PasswordChangeRequired, SignInRequired, WebRequest } from './web-request';
import { WebView } from './web-view';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

/**
 * Every web page: a valid session cookie (else a redirect to /login), the role @MinRole asks for,
 * and on every state-changing request a CSRF token bound to the session.
 */
@Injectable()
export class WebGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
    private readonly view: WebView,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<WebRequest>();
    const session = await this.auth.authenticateWebSession(request);
    if (!session) {
      throw new SignInRequired(SAFE_METHODS.has(request.method) ? request.originalUrl : '/');
    }
    request.user = session.user;
    request.webSession = session;
    if (!SAFE_METHODS.has(request.method)) {
      const body = request.body as Record<string, unknown> | undefined;
      if (!this.view.csrfValid(request, body?.[CSRF_FIELD] ?? request.headers[CSRF_HEADER])) {
        throw new CsrfRejected();
      }
    }
    const targets = [context.getHandler(), context.getClass()];
    if (
      session.user.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_ALLOWED, targets)
    ) {
      throw new PasswordChangeRequired();
    }
    const minRole = this.reflector.getAllAndOverride<UserRole | undefined>(MIN_ROLE, targets) ?? 'viewer';
    if (!hasRole(session.user, minRole)) {
      throw forbidden(`This page needs the ${minRole} role; you are signed in as a ${session.user.role}.`);
    }
    return true;
  }
}
