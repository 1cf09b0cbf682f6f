import { EntityManager, EntityTarget, QueryDeepPartialEntity } from 'typeorm';
import type { AuditRecord, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { Case } from '../cases/case.entity';
import { refreshDetention } from '../cases/detention-store';
import { refreshStatus } from '../cases/stage-store';
import { findOrFail } from '../common/entity-lookup';
import { resealEntryDocuments } from '../crypto/sealed-documents';
import { sealChanges } from '../crypto/sealed-fields';
import { Visibility } from '../common/entry';
import { mayRead } from '../common/readers';
import type { ReminderScheduler } from '../reminders/reminder-scheduler';

// What the four kinds of case entry (charges, hearings, custody orders, events) share.

export interface WriteOptions {
  /** false when the caller writes many entries in one transaction and replans the case once itself. */
  replan?: boolean;
}

export const caseOrFail = (manager: EntityManager, caseId: string): Promise<Case> =>
  findOrFail(manager, Case, caseId, 'Case');

/** Viewers never see confidential entries; to them such an entry does not exist. */
export const canSee = (user: AuthUser, visibility: Visibility): boolean => mayRead(user, visibility);

export const seesConfidential = (user: AuthUser): boolean => mayRead(user, 'confidential');

/** The fields a PATCH actually carried (a DTO instance has every declared key, most undefined). */
export const givenFields = <T extends object>(input: T): Partial<T> =>
  Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<T>;

/**
 * Writes a PATCH's fields to the entry as read before it (`before`), its free text sealed or opened
 * as its visibility afterwards requires; an empty PATCH writes nothing (TypeORM refuses an empty SET).
 */
export async function applyChanges<T extends { id: string; visibility: Visibility }>(
  manager: EntityManager,
  entity: EntityTarget<T>,
  before: T,
  changes: Partial<T>,
): Promise<void> {
  if (Object.keys(changes).length > 0) {
    const sealed = sealChanges(manager, entity, before, changes);
    await manager.update(entity, { id: before.id }, sealed as QueryDeepPartialEntity<T>);
    if (changes.visibility) {
      const table = manager.getRepository(entity).metadata.tableName;
      await resealEntryDocuments(manager, table, before.id, before.visibility, changes.visibility);
    }
  }
}

export interface EntryWriters {
  audit: AuditService;
  reminders: ReminderScheduler;
}

/**
 * The case's stored detention facts and status refolded, the audit row for an entry's change, then the case's
 * reminders replanned: all in the same transaction.
 */
export async function recordEntryChange(
  manager: EntityManager,
  { audit, reminders }: EntryWriters,
  { caseId, ...record }: AuditRecord & { entityId: string; caseId: string },
  options: WriteOptions = {},
): Promise<void> {
  // Only events and custody orders tell the detention; charges and hearings leave it as it is.
  if (record.entity === 'event' || record.entity === 'custody_order') {
    await refreshDetention(manager, caseId, record.action === 'delete' ? [] : [record.entityId]);
  }
  // Events, hearings and charges tell the stages and so the status (case-stages.ts).
  if (record.entity !== 'custody_order') {
    await refreshStatus(manager, caseId);
  }
  await audit.record(manager, record);
  if (options.replan !== false) {
    await reminders.replanCase(manager, caseId);
  }
}
