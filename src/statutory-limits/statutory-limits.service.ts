import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { invalid, notFound } from '../common/domain-error';
import { Clock } from '../common/clock';
import { Reader } from '../common/readers';
import { loadCaseContext } from '../reminders/case-context';
import { caseLimits } from '../reminders/plan-detention';
import { caseAsReadBy } from '../reminders/reminder-visibility';
import { ReminderScheduler } from '../reminders/reminder-scheduler';
import { CreateStatutoryLimitDto, UpdateStatutoryLimitDto } from './statutory-limit.dto';
import { StatutoryLimit } from './statutory-limit.entity';
import { CaseLimits } from './case-limits';
import { penaltyWeight } from './limit-model';

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

  /** One row, for the admins' edit form. */
  async find(id: string): Promise<StatutoryLimit> {
    const limit = await this.dataSource.getRepository(StatutoryLimit).findOneBy({ id });
    if (!limit) {
      throw notFound('Statutory limit', id);
    }
    return limit;
  }

  async create(actor: AuthUser, body: CreateStatutoryLimitDto): Promise<StatutoryLimit> {
    checkGravity(body.penaltyFrom ?? null, body.penaltyBelow ?? null);
    return this.dataSource.transaction(async (manager) => {
      const saved = await manager.save(
        manager.create(StatutoryLimit, {
          ...body,
          citationUrl: body.citationUrl ?? null,
          rule: body.rule?.trim() ?? null,
          priority: body.priority ?? 0,
          bases: body.bases ?? [],
          lawPattern: body.lawPattern?.trim() ?? '',
          sectionPattern: body.sectionPattern?.trim() ?? '',
          penaltyFrom: body.penaltyFrom ?? null,
          penaltyBelow: body.penaltyBelow ?? null,
          startsOn: body.startsOn ?? 'arrest',
          note: body.note ?? '',
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
        ...(body.sectionPattern !== undefined ? { sectionPattern: body.sectionPattern.trim() } : {}),
      });
      checkGravity(after.penaltyFrom, after.penaltyBelow);
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
   * The limits that apply to the case as the reader may read it, and where each stands today in the
   * case's zone: scope, start and stop are all evaluated from the entries they may read (caseAsReadBy),
   * so a limit chosen by a charge, or met by a charge sheet, they may not read is not theirs to see.
   */
  async forCase(caseId: string, reader: Reader): Promise<CaseLimits> {
    const context = await loadCaseContext(this.dataSource.manager, caseId, this.clock.now());
    if (!context) {
      throw notFound('Case', caseId);
    }
    return caseLimits(caseAsReadBy(context.plan, reader));
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

function checkGravity(from: string | null, below: string | null): void {
  if (from !== null && below !== null && (penaltyWeight(from) ?? 0) >= (penaltyWeight(below) ?? 0)) {
    throw invalid('penaltyBelow', 'must be a heavier penalty than penaltyFrom');
  }
}
