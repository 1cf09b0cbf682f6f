import { lockedOrFail } from '../common/entity-lookup';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, FindOptionsWhere, In, Not } from 'typeorm';
import { AuditActor, AuditService, EntryRead } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { Clock } from '../common/clock';
import { todayIn } from '../common/calendar-day';
import { DomainError, invalid, notFound } from '../common/domain-error';
import { DatePrecision, IsoDate, Visibility } from '../common/entry';
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
import { CreateEventDto, EventQuery, EventSourceDto, EventView, UpdateEventDto } from './dto/event.dto';
import { normaliseEventDate } from './event-date';
import { EventFields, eventFieldProblems } from './event-fields';
import { EventSource } from './event-source.entity';
import { CaseEvent } from './event.entity';

export const toEventView = (event: CaseEvent, sources: EventSource[]): EventView => ({
  id: event.id,
  caseId: event.caseId,
  participantId: event.participantId,
  occurredOn: event.occurredOn,
  precision: event.precision,
  type: event.type,
  title: event.title,
  description: event.description,
  visibility: event.visibility,
  custodyBasis: event.custodyBasis,
  bailConditions: event.bailConditions,
  bailConditionsNote: event.bailConditionsNote,
  sentenceTerm: event.sentenceTerm,
  sentenceStartsOn: event.sentenceStartsOn,
  creditForCustody: event.creditForCustody,
  endedOn: event.endedOn,
  periodPosition: event.periodPosition,
  dayPosition: event.dayPosition,
  stage: event.stage,
  court: event.court,
  decision: event.decision,
  appealDeadline: event.appealDeadline,
  sources: [...sources]
    .sort((a, b) => a.position - b.position)
    .map((source) => ({ citation: source.citation, url: source.url })),
  createdAt: event.createdAt,
  updatedAt: event.updatedAt,
});

function eventDate(
  field: 'occurredOn' | 'precision',
  text: string | null,
  precision: DatePrecision,
): IsoDate | null {
  if (text === null) {
    return null;
  }
  const result = normaliseEventDate(text, precision);
  if ('problem' in result) {
    throw invalid(field, result.problem);
  }
  return result.date;
}

@Injectable()
export class EventsService {
  private readonly writers: EntryWriters;

  constructor(
    private readonly dataSource: DataSource,
    audit: AuditService,
    reminders: ReminderScheduler,
    private readonly clock: Clock,
  ) {
    this.writers = { audit, reminders };
  }

  /** Refuses fields the type does not carry and dates that cannot be true, all at once. */
  private check(event: EventFields, timezone: string): void {
    const problems = eventFieldProblems(event, todayIn(this.clock.now(), timezone));
    if (problems.length > 0) {
      throw new DomainError(
        'VALIDATION',
        problems.map(({ field, problem }) => `${field} ${problem}`).join('; '),
        problems,
      );
    }
  }

  create(actor: AuditActor, caseId: string, input: CreateEventDto): Promise<EventView> {
    return this.dataSource.transaction((manager) => this.createIn(manager, actor, caseId, input));
  }

  /** Creates an event and its sources inside the caller's transaction (the chronology import). */
  async createIn(
    manager: EntityManager,
    actor: AuditActor | null,
    caseId: string,
    input: CreateEventDto,
    options: WriteOptions = {},
  ): Promise<EventView> {
    const kase = await caseOrFail(manager, caseId);
    const occurredOn = eventDate('occurredOn', input.occurredOn, input.precision);
    const fields = {
      custodyBasis: input.custodyBasis ?? null,
      bailConditions: input.bailConditions ?? null,
      bailConditionsNote: input.bailConditionsNote ?? null,
      sentenceTerm: input.sentenceTerm ?? null,
      sentenceStartsOn: input.sentenceStartsOn ?? null,
      creditForCustody: input.creditForCustody ?? null,
      endedOn: input.endedOn ?? null,
      periodPosition: input.periodPosition ?? null,
      dayPosition: input.dayPosition ?? null,
      stage: input.stage ?? null,
      court: input.court ?? null,
      decision: input.decision ?? null,
      appealDeadline: input.appealDeadline ?? null,
    };
    this.check({ type: input.type, occurredOn, ...fields }, kase.timezone);
    await assertParticipant(manager, caseId, input.participantId);
    const saved = await manager.save(
      manager.create(
        CaseEvent,
        sealNew(manager, CaseEvent, input.visibility, {
          caseId,
          participantId: input.participantId ?? null,
          occurredOn,
          precision: input.precision,
          type: input.type,
          title: input.title ?? null,
          description: input.description,
          visibility: input.visibility,
          ...fields,
        }),
      ),
    );
    await this.writeSources(manager, saved.id, input.visibility, input.sources);
    const after = await this.load(manager, saved.id);
    await recordEntryChange(
      manager,
      this.writers,
      { actor, action: 'create', entity: 'event', entityId: after.id, after, caseId },
      options,
    );
    return after;
  }

  async list(user: AuthUser, caseId: string, query: EventQuery): Promise<Page<EventView>> {
    await caseOrFail(this.dataSource.manager, caseId);
    if (query.visibility === 'confidential' && !seesConfidential(user)) {
      return page([], 0, query);
    }
    const where: FindOptionsWhere<CaseEvent> = {
      caseId,
      ...(query.type ? { type: query.type } : {}),
      ...(query.visibility
        ? { visibility: query.visibility }
        : seesConfidential(user)
          ? {}
          : { visibility: Not('confidential' as const) }),
    };
    const [events, total] = await this.dataSource.manager.findAndCount(CaseEvent, {
      where,
      order: { occurredOn: 'ASC', precision: 'ASC', createdAt: 'ASC', id: 'ASC' },
      take: query.limit,
      skip: query.offset,
    });
    const sources = events.length
      ? await this.dataSource.manager.find(EventSource, {
          where: { eventId: In(events.map((event) => event.id)) },
          order: { position: 'ASC' },
        })
      : [];
    const items = events.map((event) =>
      toEventView(
        event,
        sources.filter((source) => source.eventId === event.id),
      ),
    );
    await this.writers.audit.recordReads(user, 'list', items.map(asEventRead));
    return page(items, total, query);
  }

  async get(user: AuthUser, id: string): Promise<EventView> {
    const event = await this.dataSource.manager.findOneBy(CaseEvent, { id });
    if (!event || !canSee(user, event.visibility)) {
      throw notFound('Event', id);
    }
    const view = await this.load(this.dataSource.manager, id);
    await this.writers.audit.recordReads(user, 'entry', [asEventRead(view)]);
    return view;
  }

  update(actor: AuditActor, id: string, input: UpdateEventDto): Promise<EventView> {
    return this.dataSource.transaction(async (manager) => {
      const current = await lockedOrFail(manager, CaseEvent, id, 'Event');
      const before = await this.load(manager, id);
      const { sources, occurredOn, ...fields } = givenFields(input);
      const changes: Partial<CaseEvent> = { ...fields };
      if (occurredOn !== undefined || fields.precision !== undefined) {
        changes.occurredOn = eventDate(
          occurredOn === undefined ? 'precision' : 'occurredOn',
          occurredOn === undefined ? current.occurredOn : occurredOn,
          fields.precision ?? current.precision,
        );
      }
      const kase = await caseOrFail(manager, current.caseId);
      this.check({ ...current, ...changes }, kase.timezone);
      await assertParticipant(manager, current.caseId, changes.participantId);
      await applyChanges(manager, CaseEvent, current, changes);
      // Sources are sealed with their event: rewritten when it becomes or stops being confidential.
      const visibility = changes.visibility ?? current.visibility;
      const resealed = (visibility === 'confidential') !== (current.visibility === 'confidential');
      if (sources !== undefined || resealed) {
        await manager.delete(EventSource, { eventId: id });
        await this.writeSources(manager, id, visibility, sources ?? before.sources);
      }
      const after = await this.load(manager, id);
      await recordEntryChange(manager, this.writers, {
        actor,
        action: 'update',
        entity: 'event',
        entityId: id,
        before,
        after,
        caseId: current.caseId,
      });
      return after;
    });
  }

  remove(actor: AuditActor, id: string): Promise<void> {
    return this.dataSource.transaction(async (manager) => {
      const current = await lockedOrFail(manager, CaseEvent, id, 'Event');
      const before = await this.load(manager, id);
      await manager.delete(CaseEvent, { id });
      await recordEntryChange(manager, this.writers, {
        actor,
        action: 'delete',
        entity: 'event',
        entityId: id,
        before,
        caseId: current.caseId,
      });
    });
  }

  private async writeSources(
    manager: EntityManager,
    eventId: string,
    visibility: Visibility,
    sources: EventSourceDto[],
  ): Promise<void> {
    if (sources.length === 0) {
      return;
    }
    await manager.insert(
      EventSource,
      sources.map((source, position) =>
        sealNew(manager, EventSource, visibility, {
          eventId,
          position,
          citation: source.citation ?? null,
          url: source.url ?? null,
        }),
      ),
    );
  }

  private async load(manager: EntityManager, id: string): Promise<EventView> {
    const event = await manager.findOneByOrFail(CaseEvent, { id });
    const sources = await manager.find(EventSource, { where: { eventId: id }, order: { position: 'ASC' } });
    return toEventView(event, sources);
  }
}

const asEventRead = (event: EventView): EntryRead => ({
  kind: 'event',
  id: event.id,
  caseId: event.caseId,
  visibility: event.visibility,
});
