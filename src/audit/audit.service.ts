import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import { Clock } from '../common/clock';
import { Visibility } from '../common/entry';
import { sealSnapshot } from '../crypto/sealed-fields';
import { Page, page } from '../common/pagination';
import { AuditAction, AuditEntry } from './audit-entry.entity';
import { AuditQuery } from './dto/audit-query.dto';

export interface AuditActor {
  id: string;
  email: string;
}

/**
 * The actor of what the worker does on its own (a reminder sent, failed, skipped): no user, so the
 * row names the worker where a person's email would be.
 */
export const WORKER_ACTOR = 'system:worker';

export interface AuditRecord {
  /** null when nobody is signed in (a refused sign-in). */
  actor: AuditActor | typeof WORKER_ACTOR | null;
  action: AuditAction;
  entity: string;
  entityId?: string | null;
  before?: object | null;
  after?: object | null;
  context?: Record<string, unknown>;
}

/** A case entry (event, charge, hearing, custody order) that a reader has just been given. */
export interface EntryRead {
  kind: string;
  id: string;
  caseId: string;
  visibility: Visibility;
}

/** How the entries were read: one by id, a list, a timeline, an export, a web page. */
export type ReadVia = 'entry' | 'list' | 'timeline' | 'export' | 'page';

/** A JSON snapshot of an entity as it was, for the before/after columns. */
const snapshot = (value: object | null | undefined): Record<string, unknown> | null =>
  value ? (JSON.parse(JSON.stringify(value)) as Record<string, unknown>) : null;

@Injectable()
export class AuditService {
  constructor(
    private readonly clock: Clock,
    @InjectRepository(AuditEntry) private readonly entries: Repository<AuditEntry>,
  ) {}

  /** Writes through the caller's transaction manager, so the audit row lands with the change or not at all. */
  async record(manager: EntityManager, record: AuditRecord): Promise<void> {
    const entry: Partial<AuditEntry> = {
      at: this.clock.now(),
      actorId: record.actor === WORKER_ACTOR ? null : (record.actor?.id ?? null),
      actorEmail: record.actor === WORKER_ACTOR ? WORKER_ACTOR : (record.actor?.email ?? null),
      action: record.action,
      entity: record.entity,
      entityId: record.entityId ?? null,
      // Confidential free text and contacts are sealed here as in their tables: the log is a copy too.
      before: sealSnapshot(manager, record.entity, snapshot(record.before)),
      after: sealSnapshot(manager, record.entity, snapshot(record.after)),
      context: record.context ?? null,
    };
    await manager.save(Object.assign(new AuditEntry(), entry));
  }

  /**
   * Reads of confidential entries: one row per entry, naming the reader, the entry and its case, so
   * `GET /api/audit?entity=hearing&entityId=…&action=read` answers who has seen it. Other entries
   * are not recorded (a caseworker's every page view would drown the log).
   */
  async recordReads(
    reader: AuditActor,
    via: ReadVia,
    entries: readonly EntryRead[],
    manager: EntityManager = this.entries.manager,
  ): Promise<void> {
    const at = this.clock.now();
    const rows = entries
      .filter((entry) => entry.visibility === 'confidential')
      .map((entry): Partial<AuditEntry> => ({
        at,
        actorId: reader.id,
        actorEmail: reader.email,
        action: 'read',
        entity: entry.kind,
        entityId: entry.id,
        before: null,
        after: null,
        context: { caseId: entry.caseId, via },
      }));
    if (rows.length > 0) {
      await manager.save(AuditEntry, rows);
    }
  }

  async list(query: AuditQuery): Promise<Page<AuditEntry>> {
    const where = {
      ...(query.entity ? { entity: query.entity } : {}),
      ...(query.entityId ? { entityId: query.entityId } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(query.actorId ? { actorId: query.actorId } : {}),
    };
    const [items, total] = await this.entries.findAndCount({
      where,
      order: { id: 'DESC' },
      take: query.limit,
      skip: query.offset,
    });
    return page(items, total, query);
  }
}
