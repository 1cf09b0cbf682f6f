import { lockedOrFail } from '../common/entity-lookup';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere, Not } from 'typeorm';
import { AuditActor, AuditService, EntryRead } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { futureDayProblem, todayIn } from '../common/calendar-day';
import { Clock } from '../common/clock';
import { invalid, notFound } from '../common/domain-error';
import { DatePrecision, IsoDate } from '../common/entry';
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
import { Charge } from './charge.entity';
import { ChargeQuery, CreateChargeDto, UpdateChargeDto } from './dto/charge.dto';

@Injectable()
export class ChargesService {
  private readonly writers: EntryWriters;

  constructor(
    private readonly dataSource: DataSource,
    audit: AuditService,
    reminders: ReminderScheduler,
    private readonly clock: Clock,
  ) {
    this.writers = { audit, reminders };
  }

  /** A charge was brought on a day that has come, stored as the first day of its month or year. */
  private checkDate(broughtOn: IsoDate | null | undefined, precision: DatePrecision, timezone: string): void {
    const problem = futureDayProblem(broughtOn, todayIn(this.clock.now(), timezone));
    if (problem) {
      throw invalid('broughtOn', problem);
    }
    if (broughtOn && precision === 'month' && !broughtOn.endsWith('-01')) {
      throw invalid('broughtOn', 'must be the first day of its month when broughtOnPrecision is "month"');
    }
    if (broughtOn && precision === 'year' && !broughtOn.endsWith('-01-01')) {
      throw invalid('broughtOn', 'must be 1 January of its year when broughtOnPrecision is "year"');
    }
  }

  create(actor: AuditActor, caseId: string, input: CreateChargeDto): Promise<Charge> {
    return this.dataSource.transaction((manager) => this.createIn(manager, actor, caseId, input));
  }

  /** Creates a charge inside the caller's transaction (the chronology import commits many at once). */
  async createIn(
    manager: EntityManager,
    actor: AuditActor | null,
    caseId: string,
    input: CreateChargeDto,
    options: WriteOptions = {},
  ): Promise<Charge> {
    const kase = await caseOrFail(manager, caseId);
    this.checkDate(input.broughtOn, input.broughtOnPrecision ?? 'day', kase.timezone);
    await assertParticipant(manager, caseId, input.participantId);
    const saved = await manager.save(
      manager.create(
        Charge,
        sealNew(manager, Charge, input.visibility ?? 'public', {
          caseId,
          participantId: input.participantId ?? null,
          law: input.law,
          section: input.section ?? null,
          maximumPenalty: input.maximumPenalty ?? null,
          counts: input.counts ?? null,
          broughtOnPrecision: input.broughtOnPrecision ?? 'day',
          offence: input.offence ?? null,
          broughtOn: input.broughtOn ?? null,
          status: input.status,
          visibility: input.visibility ?? 'public',
        }),
      ),
    );
    const after = await manager.findOneByOrFail(Charge, { id: saved.id });
    await recordEntryChange(
      manager,
      this.writers,
      { actor, action: 'create', entity: 'charge', entityId: after.id, after, caseId },
      options,
    );
    return after;
  }

  async list(user: AuthUser, caseId: string, query: ChargeQuery): Promise<Page<Charge>> {
    await caseOrFail(this.dataSource.manager, caseId);
    const where: FindOptionsWhere<Charge> = {
      caseId,
      ...(query.status ? { status: query.status } : {}),
      ...(seesConfidential(user) ? {} : { visibility: Not('confidential' as const) }),
    };
    const [items, total] = await this.dataSource.manager.findAndCount(Charge, {
      where,
      order: { broughtOn: { direction: 'ASC', nulls: 'LAST' }, createdAt: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    await this.writers.audit.recordReads(user, 'list', items.map(asChargeRead));
    return page(items, total, query);
  }

  /** A confidential charge does not exist for a viewer. */
  async get(user: AuthUser, id: string): Promise<Charge> {
    const charge = await this.dataSource.manager.findOneBy(Charge, { id });
    if (!charge || !canSee(user, charge.visibility)) {
      throw notFound('Charge', id);
    }
    await this.writers.audit.recordReads(user, 'entry', [asChargeRead(charge)]);
    return charge;
  }

  update(actor: AuditActor, id: string, input: UpdateChargeDto): Promise<Charge> {
    return this.dataSource.transaction(async (manager) => {
      const before = await lockedOrFail(manager, Charge, id, 'Charge');
      this.checkDate(
        input.broughtOn === undefined ? before.broughtOn : input.broughtOn,
        input.broughtOnPrecision ?? before.broughtOnPrecision,
        (await caseOrFail(manager, before.caseId)).timezone,
      );
      await assertParticipant(manager, before.caseId, input.participantId);
      await applyChanges(manager, Charge, before, givenFields(input));
      const after = await manager.findOneByOrFail(Charge, { id });
      await recordEntryChange(manager, this.writers, {
        actor,
        action: 'update',
        entity: 'charge',
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
      const before = await lockedOrFail(manager, Charge, id, 'Charge');
      await manager.delete(Charge, { id });
      await recordEntryChange(manager, this.writers, {
        actor,
        action: 'delete',
        entity: 'charge',
        entityId: id,
        before,
        caseId: before.caseId,
      });
    });
  }
}

const asChargeRead = (charge: Charge): EntryRead => ({
  kind: 'charge',
  id: charge.id,
  caseId: charge.caseId,
  visibility: charge.visibility,
});
