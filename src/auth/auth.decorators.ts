import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { DomainError } from '../common/domain-error';
import { UserRole } from '../users/user.entity';
import { AuthUser } from './auth-user';

export const IS_PUBLIC = 'vigil:public';
export const MIN_ROLE = 'vigil:min-role';
export const PASSWORD_CHANGE_ALLOWED = 'vigil:password-change-allowed';

/** No authentication needed (login, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The least role allowed; routes without it are open to every signed-in user (viewers read). */
export const MinRole = (role: UserRole): MethodDecorator & ClassDecorator => SetMetadata(MIN_ROLE, role);

/** Open to a user who must still change their password: the change itself, and who they are. */
export const AllowedBeforePasswordChange = (): MethodDecorator & ClassDecorator =>
  SetMetadata(PASSWORD_CHANGE_ALLOWED, true);

/** The refusal of everything else until the password is changed; `where` says how to change it. */
export const passwordChangeRequired = (where: string): DomainError =>
  new DomainError('PASSWORD_CHANGE_REQUIRED', `Choose a new password first: ${where}`, [
    { field: 'password', problem: 'must be changed before anything else' },
  ]);

export type AuthenticatedRequest = Request & { user?: AuthUser };

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) {
    throw new Error('CurrentUser used on a route without authentication');
  }
  return user;
});
