import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError, forbidden } from '../common/domain-error';
import { UserRole } from '../users/user.entity';
import { hasRole } from './auth-user';
import {
  AuthenticatedRequest,
  IS_PUBLIC,
  MIN_ROLE,
  PASSWORD_CHANGE_ALLOWED,
  passwordChangeRequired,
} from './auth.decorators';
import { AuthService } from './auth.service';

/** Global guard: every route needs a valid bearer token unless marked @Public(), and the role @MinRole asks for. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) {
      return true;
    }
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const user = request.user ?? (await this.auth.authenticateRequest(request));
    if (!user) {
      throw new DomainError('UNAUTHENTICATED', 'Sign in first: send "Authorization: Bearer <accessToken>"');
    }
    request.user = user;
    if (
      user.mustChangePassword &&
      !this.reflector.getAllAndOverride<boolean>(PASSWORD_CHANGE_ALLOWED, targets)
    ) {
      throw passwordChangeRequired('POST /api/users/me/password {"currentPassword", "newPassword"}');
    }
    const minRole = this.reflector.getAllAndOverride<UserRole | undefined>(MIN_ROLE, targets) ?? 'viewer';
    if (!hasRole(user, minRole)) {
      throw forbidden(`This needs the ${minRole} role; you are a ${user.role}`);
    }
    return true;
  }
}
