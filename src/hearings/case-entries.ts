import { EntityManager } from 'typeorm';
import { AuthUser, hasRole } from '../auth/auth-user';
import { Case } from '../cases/case.entity';
import { notFound } from '../common/domain-error';
import { Visibility } from '../common/entry';

// What the four kinds of case entry (charges, hearings, custody orders, events) share.

export interface WriteOptions {
  /** false when the caller writes many entries in one transaction and replans the case once itself. */
  replan?: boolean;
}

export async function caseOrFail(manager: EntityManager, caseId: string): Promise<Case> {
  const found = await manager.findOneBy(Case, { id: caseId });
  if (!found) {
    throw notFound('Case', caseId);
  }
  return found;
}

/** Viewers never see confidential entries; to them such an entry does not exist. */
export const canSee = (user: AuthUser, visibility: Visibility): boolean =>
  visibility !== 'confidential' || hasRole(user, 'caseworker');

export const seesConfidential = (user: AuthUser): boolean => hasRole(user, 'caseworker');

/** The fields a PATCH actually carried (a DTO instance has every declared key, most undefined). */
export const givenFields = <T extends object>(input: T): Partial<T> =>
  Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;
