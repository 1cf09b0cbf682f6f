import type { Language } from '../i18n/languages';
import { UserRole } from '../users/user.entity';

/** Who is making a request, as the guards resolved it. */
export interface AuthUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  /** The language their pages are written in (web sessions read it; API tokens do not need it). */
  language?: Language;
  /** Until they choose a new password, they may do nothing else (AuthGuard, WebGuard). */
  mustChangePassword?: boolean;
}

const RANK: Record<UserRole, number> = { viewer: 0, caseworker: 1, admin: 2 };

/** Roles are ordered: an admin may do what a caseworker may, and a caseworker what a viewer may. */
export const hasRole = (user: Pick<AuthUser, 'role'>, atLeast: UserRole): boolean =>
  RANK[user.role] >= RANK[atLeast];
