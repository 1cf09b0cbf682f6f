import { lockedOrFail } from '../common/entity-lookup';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere, Not } from 'typeorm';
import { AuditActor, AuditService, EntryRead } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { futureDayProblem, todayIn } from '../common/calendar-day';
import { Clock } from '../common/clock';
import { invalid, notFound } from '../common/domain-error';
import { IsoDate } from '../common/entry';
import { Page, page } from '../common/pagination';
import { sealNew } from '../crypto/sealed-fields';
import {
  applyChanges,
  canSee,
  caseOrFail,
  EntryWriters,
  givenFields,
  recordEntryChange,
  seesConfidential,
  WriteOptions,
} from '../hearings/case-entries';
import { assertParticipant } from '../cases/participant-store';
import { ReminderScheduler } from '../reminders/reminder-scheduler';
import { CustodyOrder } from './custody-order.entity';
import { CreateCustodyOrderDto, CustodyOrderQuery, UpdateCustodyOrderDto } from './dto/custody-order.dto';

/** What the hearing outcome adds when it records an extension: the hearing that made the order. */
export interface NewCustodyOrder extends CreateCustodyOrderDto {
  hearingId?: string | null;
}

// The database checks this too; checking first names the field in the 400.
function assertEndNotBeforeStart(
  orderedOn: IsoDate,
  until: IsoDate | null | undefined,
  field: 'until' | 'orderedOn' | string = 'until',
): void {
  if (until && until < orderedOn) {
    throw field === 'orderedOn'
      ? invalid(field, `must not be after the end date ${until}`)
      : invalid(field, `must not be before the order date ${orderedOn}`);
  }
}

@Injectable()
export class CustodyService {
  private readonly writers: EntryWriters;

  constructor(
    private readonly dataSource: DataSource,
    audit: AuditService,
    reminders: ReminderScheduler,
    private readonly clock: Clock,
  ) {
    this.writers = { audit, reminders };
  }

  /** An order is made by a court on a day that has come; the end it states may lie ahead. */
  private refuseFuture(orderedOn: IsoDate, timezone: string, field = 'orderedOn'): void {
    const problem = futureDayProblem(orderedOn, todayIn(this.clock.now(), timezone));
    if (problem) {
      throw invalid(field, problem);
    }
  }

  create(actor: AuditActor, caseId: string, input: CreateCustodyOrderDto): Promise<CustodyOrder> {
    return this.dataSource.transaction((manager) => this.createIn(manager, actor, caseId, input));
  }

  /** Creates an order inside the caller's transaction (hearing outcomes, the chronology import). */
  async createIn(
    manager: EntityManager,
    actor: AuditActor | null,
    caseId: string,
    input: NewCustodyOrder,
    options: WriteOptions & { untilField?: string; orderedOnField?: string } = {},
  ): Promise<CustodyOrder> {
    const kase = await caseOrFail(manager, caseId);
    assertEndNotBeforeStart(input.orderedOn, input.until, options.untilField);
    this.refuseFuture(input.orderedOn, kase.timezone, options.orderedOnField);
    await assertParticipant(manager, caseId, input.participantId);
    const saved = await manager.save(
      manager.create(
        CustodyOrder,
        sealNew(manager, CustodyOrder, input.visibility ?? 'public', {
          caseId,
          participantId: input.participantId ?? null,
          kind: input.kind,
          orderedOn: input.orderedOn,
          days: input.days ?? null,
          until: input.until ?? null,
          court: input.court ?? null,
          judge: input.judge ?? null,
          place: input.place ?? null,
          hearingId: input.hearingId ?? null,
          notes: input.notes ?? null,
          visibility: input.visibility ?? 'public',
        }),
      ),
    );
    const after = await manager.findOneByOrFail(CustodyOrder, { id: saved.id });
    await recordEntryChange(
      manager,
      this.writers,
      { actor, action: 'create', entity: 'custody_order', entityId: after.id, after, caseId },
      options,
    );
    return after;
  }

  async list(user: AuthUser, caseId: string, query: CustodyOrderQuery): Promise<Page<CustodyOrder>> {
    await caseOrFail(this.dataSource.manager, caseId);
    const where: FindOptionsWhere<CustodyOrder> = {
      caseId,
      ...(query.kind ? { kind: query.kind } : {}),
      ...(seesConfidential(user) ? {} : { visibility: Not('confidential' as const) }),
    };
    const [items, total] = await this.dataSource.manager.findAndCount(CustodyOrder, {
      where,
      order: { orderedOn: 'ASC', createdAt: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    await this.writers.audit.recordReads(user, 'list', items.map(asCustodyRead));
    return page(items, total, query);
  }

  async get(user: AuthUser, id: string): Promise<CustodyOrder> {
    const order = await this.dataSource.manager.findOneBy(CustodyOrder, { id });
    if (!order || !canSee(user, order.visibility)) {
      throw notFound('Custody order', id);
    }
    await this.writers.audit.recordReads(user, 'entry', [asCustodyRead(order)]);
    return order;
  }

  /** The order a hearing's outcome made, if any (at most one is ever made per hearing). */
  findByHearing(manager: EntityManager, hearingId: string): Promise<CustodyOrder | null> {
    return manager.findOne(CustodyOrder, { where: { hearingId }, order: { createdAt: 'ASC' } });
  }

  update(actor: AuditActor, id: string, input: UpdateCustodyOrderDto): Promise<CustodyOrder> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockedOrFail(manager, CustodyOrder, id, 'Custody order');
      const changes = givenFields(input);
      assertEndNotBeforeStart(
        changes.orderedOn ?? before.orderedOn,
        changes.until === undefined ? before.until : changes.until,
        changes.until === undefined ? 'orderedOn' : 'until',
      );
      if (changes.orderedOn !== undefined) {
        this.refuseFuture(changes.orderedOn, (await caseOrFail(manager, before.caseId)).timezone);
      }
      await assertParticipant(manager, before.caseId, changes.participantId);
      await applyChanges(manager, CustodyOrder, before, changes);
      const after = await manager.findOneByOrFail(CustodyOrder, { id });
      await recordEntryChange(manager, this.writers, {
        actor,
        action: 'update',
        entity: 'custody_order',
        entityId: id,
        before,
        after,
        caseId: before.caseId,
      });
      return after;
    });
  }

  remove(actor: AuditActor, id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockedOrFail(manager, CustodyOrder, id, 'Custody order');
      await manager.delete(CustodyOrder, { id });
      await recordEntryChange(manager, this.writers, {
        actor,
        action: 'delete',
        entity: 'custody_order',
        entityId: id,
        before,
        caseId: before.caseId,
      });
    });
  }
}

const asCustodyRead = (order: CustodyOrder): EntryRead => ({
  kind: 'custody_order',
  id: order.id,
  caseId: order.caseId,
  visibility: order.visibility,
});
