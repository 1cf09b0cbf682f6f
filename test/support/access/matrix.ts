import { UserRole } from '../../../src/users/user.entity';
import { TestUser } from '../test-app';
import { CaseSet, FreshRows } from './fixture';
import { RouteKey } from './route-list';

// The shape of the access matrix: one row per route, the status each role must get, and how to
// build the request. The rule that turns a row into an expected status for a given caller (role,
// and, once teams exist, team membership against a restricted case) is `expectedStatus`, below.

export const ROLES = ['anonymous', 'viewer', 'caseworker', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Expected status for [anonymous, viewer, caseworker, admin], in that order. */
export type Statuses = readonly [number, number, number, number];

/** What a request needs besides its route; all optional. */
export interface RequestSpec {
  /** Values for the route's `:name` parameters. */
  params?: Record<string, string>;
  /** A JSON body (API) or the form's fields (pages; the runner adds the CSRF token). */
  body?: Record<string, unknown>;
  query?: string;
  /** A path to request instead of the route's own (a mount's probe). */
  path?: string;
  /** Pages: take the CSRF token from this page first, with the same cookies (the sign-in form). */
  csrfFrom?: string;
  /** A file sent as `multipart/form-data` with the body's fields (document uploads). */
  file?: { field: string; content: Buffer; name: string };
}

export interface RowContext {
  role: Role;
  /** The signed-in user making the request; undefined for anonymous. */
  actor?: TestUser;
  /** The test file's own admin, caseworker and viewer (admin is signed in whatever the role). */
  users: Record<UserRole, TestUser>;
  /** A viewer and a caseworker who may see the case set (its team's members when it is restricted). */
  peers: Record<'viewer' | 'caseworker', TestUser>;
  set: CaseSet;
  fresh: FreshRows;
}

export type Build = (c: RowContext) => RequestSpec | Promise<RequestSpec>;

export interface MatrixRow {
  route: RouteKey;
  /** A second row for the same route, for a resource of someone else's (e.g. "another user's feed"). */
  variant?: string;
  expect: Statuses;
  /**
   * `case`: the request is about the case set's defender, case or one of its entries, so a team
   * restriction on that case hides it. `global`: lists, settings, accounts (what a restriction
   * removes from them is the content, not the status).
   */
  about: 'case' | 'global';
  /**
   * `after lookup`: this row's 403s are decided by the service once it has found the case (a
   * viewer asking for confidential entries), so to whom the case does not exist they are 404s
   * too. Left out: a 403 is the route's role check, made before anything is looked up.
   */
  refusal?: 'after lookup';
  /**
   * What the row answers for a case set that does not exist (404, or 400 where the case is named
   * in the body), and so to whom a restricted one does not exist.
   */
  unknown?: number;
  /** `api`: a bearer token; `page`: the web session cookie, and a CSRF token on posts. */
  via: 'api' | 'page';
  build: Build;
  /**
   * The request ends or changes the caller's own credentials (sign-out, new password, sign-in):
   * it is made by a new user of the role, signed in for this request alone.
   */
  ownUser?: boolean;
}

/** The row's name in reports and in the check that no row is written twice. */
export const rowName = (row: Pick<MatrixRow, 'route' | 'variant'>): string =>
  row.variant ? `${row.route} (${row.variant})` : row.route;

export const viaOf = (route: RouteKey): 'api' | 'page' =>
  route.split(' ')[1].startsWith('/api/') ? 'api' : 'page';

const nothing: Build = () => ({});

/** A row about the case set (a team restriction hides it from outsiders). */
export const onCase = (
  route: RouteKey,
  expect: Statuses,
  build: Build = nothing,
  extra: Partial<MatrixRow> = {},
) => ({ route, expect, build, about: 'case', via: viaOf(route), ...extra }) satisfies MatrixRow;

/** A row about nothing a team restriction could hide. */
export const general = (
  route: RouteKey,
  expect: Statuses,
  build: Build = nothing,
  extra: Partial<MatrixRow> = {},
) => ({ route, expect, build, about: 'global', via: viaOf(route), ...extra }) satisfies MatrixRow;

/** Who is asking: a role, and (when the team dimension is on) where they stand with the case's teams. */
export interface Caller {
  role: Role;
  /** Undefined: the case set is not restricted (the only dimension before teams). */
  team?: { restricted: boolean; member: boolean };
}

/**
 * The one rule of the matrix. A row says what each role gets; a restricted case adds that whoever
 * is signed in, is no admin and is in none of the case's teams gets what the row gets for a case
 * that does not exist, wherever the row would have let them in or refused them only after looking
 * the case up (a refusal by role stays: the role check comes before any lookup).
 */
export function expectedStatus(
  row: Pick<MatrixRow, 'expect' | 'about' | 'refusal' | 'unknown'>,
  caller: Caller,
): number {
  const status = row.expect[ROLES.indexOf(caller.role)];
  const outsider =
    caller.team !== undefined &&
    caller.team.restricted &&
    !caller.team.member &&
    caller.role !== 'admin' &&
    caller.role !== 'anonymous';
  const hidden = status < 400 || (status === 403 && row.refusal === 'after lookup');
  return outsider && row.about === 'case' && hidden ? (row.unknown ?? 404) : status;
}
