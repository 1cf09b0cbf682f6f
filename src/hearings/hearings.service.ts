import { lockedOrFail } from '../common/entity-lookup';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere, LessThan, MoreThanOrEqual, Not, And } from 'typeorm';
import { AuditActor, AuditService, EntryRead } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { Case } from '../cases/case.entity';
import { Clock } from '../common/clock';
import { conflict, invalid, notFound } from '../common/domain-error';
import { Page, page } from '../common/pagination';
import { sealNew } from '../crypto/sealed-fields';
import { CustodyOrder } from '../custody/custody-order.entity';
import { CustodyService } from '../custody/custody.service';
import { ReminderScheduler } from '../reminders/reminder-scheduler';
import { UnheardCases } from '../reminders/unheard-cases';
import {
  applyChanges,
  canSee,
  caseOrFail,
  EntryWriters,
  givenFields,
  recordEntryChange,
  seesConfidential,
  WriteOptions,
} from './case-entries';
import { ParsedCourtTime, parseCourtTime } from './court-time';
import {
  CreateHearingDto,
  HearingQuery,
  HearingView,
  OutcomeView,
  RecordOutcomeDto,
  UpdateHearingDto,
} from './dto/hearing.dto';
import { Hearing } from './hearing.entity';
import { courtTimeProblemText, localDateOf, outcomeRefusal, readHearingRange } from './hearing-rules';
import { todayIn } from '../common/calendar-day';

/** The API's picture of a hearing: the instant, the wall-clock time and the zone that links them. */
export const toHearingView = (hearing: Hearing, timezone: string): HearingView => ({
  id: hearing.id,
  caseId: hearing.caseId,
  scheduledAt: hearing.scheduledAt.toISOString(),
  scheduledLocal: hearing.scheduledLocal,
  timezone,
  timeKnown: hearing.timeKnown,
  court: hearing.court,
  judge: hearing.judge,
  purpose: hearing.purpose,
  stage: hearing.stage,
  status: hearing.status,
  outcome: hearing.outcome,
  outcomeNotes: hearing.outcomeNotes,
  outcomeRecordedAt: hearing.outcomeRecordedAt?.toISOString() ?? null,
  visibility: hearing.visibility,
  createdAt: hearing.createdAt.toISOString(),
  updatedAt: hearing.updatedAt.toISOString(),
});

function readCourtTime(field: string, text: string, zone: string): ParsedCourtTime {
  const parsed = parseCourtTime(text, zone);
  if (typeof parsed === 'string') {
    throw invalid(field, courtTimeProblemText(parsed, zone));
  }
  return parsed;
}

export interface OutcomeResult {
  hearing: Hearing;
  custodyOrder: CustodyOrder | null;
  nextHearing: Hearing | null;
}

@Injectable()
export class HearingsService {
  private readonly writers: EntryWriters;

  constructor(
    private readonly dataSource: DataSource,
    audit: AuditService,
    reminders: ReminderScheduler,
    private readonly custody: CustodyService,
    private readonly clock: Clock,
    private readonly unheard: UnheardCases,
  ) {
    this.writers = { audit, reminders };
  }

  async create(actor: AuditActor, caseId: string, input: CreateHearingDto): Promise<HearingView> {
    return this.dataSource.transaction(async (manager) => {
      const hearing = await this.createIn(manager, actor, caseId, input);
      return toHearingView(hearing, (await caseOrFail(manager, caseId)).timezone);
    });
  }

  /** Creates a hearing inside the caller's transaction; scheduledAt is read in the case's zone. */
  async createIn(
    manager: EntityManager,
    actor: AuditActor | null,
    caseId: string,
    input: CreateHearingDto,
    options: WriteOptions & { timeField?: string } = {},
  ): Promise<Hearing> {
    const owner = await caseOrFail(manager, caseId);
    const time = readCourtTime(options.timeField ?? 'scheduledAt', input.scheduledAt, owner.timezone);
    const saved = await manager.save(
      manager.create(
        Hearing,
        sealNew(manager, Hearing, input.visibility ?? 'public', {
          caseId,
          scheduledLocal: time.local,
          scheduledAt: time.instant,
          timeKnown: time.timeKnown,
          court: input.court === undefined ? owner.court : input.court,
          judge: input.judge ?? null,
          purpose: input.purpose ?? null,
          stage: input.stage ?? null,
          status: 'scheduled' as const,
          visibility: input.visibility ?? 'public',
        }),
      ),
    );
    const after = await manager.findOneByOrFail(Hearing, { id: saved.id });
    await recordEntryChange(
      manager,
      this.writers,
      { actor, action: 'create', entity: 'hearing', entityId: after.id, after, caseId },
      options,
    );
    return after;
  }

  async list(user: AuthUser, caseId: string, query: HearingQuery): Promise<Page<HearingView>> {
    const owner = await caseOrFail(this.dataSource.manager, caseId);
    const bounds = readHearingRange(query.from, query.to, owner.timezone);
    if ('problem' in bounds) {
      throw invalid(bounds.field, courtTimeProblemText(bounds.problem, owner.timezone));
    }
    const { from, to } = bounds.range;
    const scheduledAt =
      from && to
        ? And(MoreThanOrEqual(from), LessThan(to))
        : from
          ? MoreThanOrEqual(from)
          : to
            ? LessThan(to)
            : undefined;
    const where: FindOptionsWhere<Hearing> = {
      caseId,
      ...(query.status ? { status: query.status } : {}),
      ...(scheduledAt ? { scheduledAt } : {}),
      ...(seesConfidential(user) ? {} : { visibility: Not('confidential' as const) }),
    };
    const [items, total] = await this.dataSource.manager.findAndCount(Hearing, {
      where,
      order: { scheduledAt: 'ASC', createdAt: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    const views = items.map((hearing) => toHearingView(hearing, owner.timezone));
    await this.writers.audit.recordReads(user, 'list', views.map(asHearingRead));
    return page(views, total, query);
  }

  async get(user: AuthUser, id: string): Promise<HearingView> {
    const hearing = await this.dataSource.manager.findOne(Hearing, {
      where: { id },
      relations: { case: true },
    });
    if (!hearing?.case || !canSee(user, hearing.visibility)) {
      throw notFound('Hearing', id);
    }
    const view = toHearingView(hearing, hearing.case.timezone);
    await this.writers.audit.recordReads(user, 'entry', [asHearingRead(view)]);
    return view;
  }

  update(actor: AuditActor, id: string, input: UpdateHearingDto): Promise<HearingView> {
    return this.dataSource.transaction(async (manager) => {
      const { hearing: before, owner } = await this.lockedWithCase(manager, id);
      const { scheduledAt, status, ...details } = givenFields(input);
      const changes: Partial<Hearing> = { ...details };
      const hasOutcome = before.outcome !== null;
      if (scheduledAt !== undefined) {
        const time = readCourtTime('scheduledAt', scheduledAt, owner.timezone);
        if (hasOutcome && localDateOf(time.local) > todayIn(this.clock.now(), owner.timezone)) {
          throw conflict('A hearing with an outcome cannot be moved to a day that has not come yet', [
            { field: 'scheduledAt', problem: 'is after today, but this hearing already has an outcome' },
          ]);
        }
        Object.assign(changes, {
          scheduledLocal: time.local,
          scheduledAt: time.instant,
          timeKnown: time.timeKnown,
        });
      }
      if (status !== undefined && status !== before.status) {
        if (hasOutcome) {
          throw conflict(`This hearing was ${before.status}; its outcome is recorded`, [
            { field: 'status', problem: `cannot become ${status} once an outcome is recorded` },
          ]);
        }
        changes.status = status;
      }
      await applyChanges(manager, Hearing, before, changes);
      const after = await manager.findOneByOrFail(Hearing, { id });
      await recordEntryChange(manager, this.writers, {
        actor,
        action: 'update',
        entity: 'hearing',
        entityId: id,
        before,
        after,
        caseId: before.caseId,
      });
      return toHearingView(after, owner.timezone);
    });
  }

  /** Deleting a hearing keeps any custody order it made; the order simply no longer points at it. */
  remove(actor: AuditActor, id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const { hearing: before } = await this.lockedWithCase(manager, id);
      await manager.delete(Hearing, { id });
      await recordEntryChange(manager, this.writers, {
        actor,
        action: 'delete',
        entity: 'hearing',
        entityId: id,
        before,
        caseId: before.caseId,
      });
    });
  }

  async recordOutcome(user: AuthUser, id: string, input: RecordOutcomeDto): Promise<OutcomeView> {
    return this.dataSource.transaction(async (manager) => {
      const result = await this.recordOutcomeIn(manager, user, id, input);
      const caseId = result.hearing.caseId;
      const zone = (await caseOrFail(manager, caseId)).timezone;
      return {
        hearing: toHearingView(result.hearing, zone),
        custodyOrder: result.custodyOrder,
        nextHearing: result.nextHearing && toHearingView(result.nextHearing, zone),
        // Said where the caseworker looks right after court: the reminders just planned may reach nobody.
        notifiesNobody: await this.unheard.notifiesNobody(user, caseId, manager),
      };
    });
  }

  /**
   * One action for what a court did on the day: the outcome on the hearing, the custody order it
   * made and the next date it set, all inside the caller's transaction, so any refusal leaves
   * nothing written. Logging again replaces the outcome but never makes a second custody order.
   */
  async recordOutcomeIn(
    manager: EntityManager,
    actor: AuditActor | null,
    id: string,
    input: RecordOutcomeDto,
    options: WriteOptions = {},
  ): Promise<OutcomeResult> {
    const { hearing: before, owner } = await this.lockedWithCase(manager, id);
    const zone = owner.timezone;
    const extension = input.custodyExtension;
    if (extension && (extension.days ?? null) === null && (extension.until ?? null) === null) {
      throw invalid('custodyExtension', 'needs days or until (or both)');
    }
    if (input.nextHearing && input.nextHearingAt === undefined) {
      throw invalid('nextHearingAt', 'is needed when nextHearing is given');
    }
    const next =
      input.nextHearingAt === undefined
        ? undefined
        : readCourtTime('nextHearingAt', input.nextHearingAt, zone);
    if (next && next.instant.getTime() <= before.scheduledAt.getTime()) {
      throw invalid('nextHearingAt', `must be after this hearing (${before.scheduledLocal} in ${zone})`);
    }

    const today = todayIn(this.clock.now(), zone);
    switch (outcomeRefusal(before, today)) {
      case 'cancelled':
        throw conflict('This hearing was cancelled; it has no outcome to record');
      case 'in-future':
        throw conflict(
          `This hearing is on ${localDateOf(before.scheduledLocal)}, after today (${today} in ${zone})`,
        );
      case null:
        break;
    }
    const existingOrder = await this.custody.findByHearing(manager, id);
    if (extension && existingOrder) {
      throw conflict('A custody order from this hearing is already recorded; edit it instead', [
        {
          field: 'custodyExtension',
          problem: `custody order ${existingOrder.id} already comes from this hearing`,
        },
      ]);
    }
    if (next) {
      const clash = await manager.findOneBy(Hearing, {
        caseId: owner.id,
        scheduledLocal: next.local,
        status: Not('cancelled' as const),
      });
      if (clash) {
        throw conflict('The case already has a hearing at that time', [
          { field: 'nextHearingAt', problem: `hearing ${clash.id} is already scheduled at ${next.local}` },
        ]);
      }
    }

    await applyChanges(manager, Hearing, before, {
      status: input.status ?? 'held',
      outcome: input.result,
      outcomeNotes: input.notes ?? null,
      outcomeRecordedAt: this.clock.now(),
    });
    const hearing = await manager.findOneByOrFail(Hearing, { id });
    await this.writers.audit.record(manager, {
      actor,
      action: 'update',
      entity: 'hearing',
      entityId: id,
      before,
      after: hearing,
      context: { outcome: true },
    });

    const custodyOrder = extension
      ? await this.custody.createIn(
          manager,
          actor,
          owner.id,
          {
            kind: extension.kind,
            orderedOn: localDateOf(hearing.scheduledLocal),
            days: extension.days ?? null,
            until: extension.until ?? null,
            court: extension.court ?? hearing.court,
            judge: extension.judge ?? hearing.judge,
            place: extension.place ?? owner.placeOfDetention,
            visibility: hearing.visibility,
            hearingId: id,
          },
          { replan: false, untilField: 'custodyExtension.until' },
        )
      : existingOrder;

    const nextHearing =
      next && input.nextHearingAt !== undefined
        ? await this.createIn(
            manager,
            actor,
            owner.id,
            {
              scheduledAt: input.nextHearingAt,
              court: input.nextHearing?.court ?? hearing.court,
              judge: input.nextHearing?.judge ?? null,
              purpose: input.nextHearing?.purpose ?? null,
              stage: hearing.stage,
              visibility: hearing.visibility,
            },
            { replan: false, timeField: 'nextHearingAt' },
          )
        : null;

    if (options.replan !== false) {
      await this.writers.reminders.replanCase(manager, owner.id);
    }
    return { hearing, custodyOrder, nextHearing };
  }

  private async lockedWithCase(
    manager: EntityManager,
    id: string,
  ): Promise<{ hearing: Hearing; owner: Case }> {
    const hearing = await lockedOrFail(manager, Hearing, id, 'Hearing');
    return { hearing, owner: await caseOrFail(manager, hearing.caseId) };
  }
}

const asHearingRead = (hearing: HearingView): EntryRead => ({
  kind: 'hearing',
  id: hearing.id,
  caseId: hearing.caseId,
  visibility: hearing.visibility,
});
