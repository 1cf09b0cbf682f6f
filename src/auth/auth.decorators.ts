import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Request } from 'express';
import { UserRole } from '../users/user.entity';
import { AuthUser } from './auth-user';

export const IS_PUBLIC = 'vigil:public';
export const MIN_ROLE = 'vigil:min-role';

/** No authentication needed (login, health). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The least role allowed; routes without it are open to every signed-in user (viewers read). */
export const MinRole = (role: UserRole): MethodDecorator & ClassDecorator => SetMetadata(MIN_ROLE, role);

export type AuthenticatedRequest = Request & { user?: AuthUser };

export const CurrentUser = createParamDecorator((_: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) {
    throw new Error('CurrentUser used on a route without authentication');
  }
  return user;
});
