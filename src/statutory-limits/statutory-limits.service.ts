import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { invalid, notFound } from '../common/domain-error';
import { Clock } from '../common/clock';
import { Reader } from '../common/readers';
import { loadCaseContext } from '../reminders/case-context';
import { caseAsReadBy, statutoryLimitStates, StatutoryLimitState } from '../reminders/reminder-plan';
import { ReminderScheduler } from '../reminders/reminder-scheduler';
import { CreateStatutoryLimitDto, UpdateStatutoryLimitDto } from './statutory-limit.dto';
import { StatutoryLimit } from './statutory-limit.entity';

/** The admin-edited table of custody limits; changing it re-plans the reminders of the cases it touches. */
@Injectable()
export class StatutoryLimitsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly scheduler: ReminderScheduler,
  ) {}

  list(): Promise<StatutoryLimit[]> {
    return this.dataSource
      .getRepository(StatutoryLimit)
      .find({ order: { country: 'ASC', reference: 'ASC' } });
  }

  async create(actor: AuthUser, body: CreateStatutoryLimitDto): Promise<StatutoryLimit> {
    checkExtension(body.days, body.extendedDays ?? null);
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(StatutoryLimit, {
          ...body,
          lawPattern: body.lawPattern.trim(),
          extendedDays: body.extendedDays ?? null,
          active: body.active ?? true,
        }),
      );
      await this.audit.record(manager, {
        actor,
        action: 'create',
        entity: 'statutory_limit',
        entityId: saved.id,
        after: saved,
      });
      await this.scheduler.replanCases(manager, { country: saved.country });
      return saved;
    });
  }

  async update(actor: AuthUser, id: string, body: UpdateStatutoryLimitDto): Promise<StatutoryLimit> {
    return this.dataSource.transaction(async (manager) => {
      const before = await this.get(manager, id);
      const after = manager.merge(StatutoryLimit, manager.create(StatutoryLimit, { ...before }), {
        ...body,
        ...(body.lawPattern !== undefined ? { lawPattern: body.lawPattern.trim() } : {}),
      });
      checkExtension(after.days, after.extendedDays);
      const saved = await manager.save(after);
      await this.audit.record(manager, {
        actor,
        action: 'update',
        entity: 'statutory_limit',
        entityId: id,
        before,
        after: saved,
      });
      await this.replanCountries(manager, [before.country, saved.country]);
      return saved;
    });
  }

  async remove(actor: AuthUser, id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const before = await this.get(manager, id);
      await manager.delete(StatutoryLimit, { id });
      await this.audit.record(manager, {
        actor,
        action: 'delete',
        entity: 'statutory_limit',
        entityId: id,
        before,
      });
      await this.replanCountries(manager, [before.country]);
    });
  }

  /**
   * The limits that apply to the case's charges the reader may read, with deadlines and days left as
   * of today in the case's zone: a limit invoked only by a charge they may not read is not theirs to see,
   * and the arrest and status are folded from the events and orders they may read (caseAsReadBy).
   */
  async forCase(caseId: string, reader: Reader): Promise<StatutoryLimitState[]> {
    const context = await loadCaseContext(this.dataSource.manager, caseId, this.clock.now());
    if (!context) {
      throw notFound('Case', caseId);
    }
    const today = DateTime.fromJSDate(this.clock.now(), { zone: context.facts.timezone }).toFormat(
      'yyyy-MM-dd',
    );
    return statutoryLimitStates(caseAsReadBy(context.plan, reader), today);
  }

  private async get(manager: EntityManager, id: string): Promise<StatutoryLimit> {
    const limit = await manager.findOne(StatutoryLimit, {
      where: { id },
      lock: { mode: 'pessimistic_write' },
    });
    if (!limit) {
      throw notFound('Statutory limit', id);
    }
    return limit;
  }

  private async replanCountries(manager: EntityManager, countries: string[]): Promise<void> {
    for (const country of new Set(countries)) {
      await this.scheduler.replanCases(manager, { country });
    }
  }
}

function checkExtension(days: number, extendedDays: number | null): void {
  if (extendedDays !== null && extendedDays <= days) {
    throw invalid('extendedDays', 'must be more than days');
  }
}
