import { DataSource, DeepPartial, EntityTarget, FindOptionsWhere, ObjectLiteral } from 'typeorm';
import { Visibility } from '../../src/common/entry';
import { Case } from '../../src/cases/case.entity';
import { Charge } from '../../src/charges/charge.entity';
import { CustodyOrder } from '../../src/custody/custody-order.entity';
import { CaseEvent } from '../../src/events/event.entity';
import { EventSource } from '../../src/events/event-source.entity';
import { localToInstant } from '../../src/hearings/court-time';
import { Hearing } from '../../src/hearings/hearing.entity';
import { sealNew } from '../../src/crypto/sealed-fields';

// Case entries written straight to the database (no audit rows, no reminders), for tests whose
// subject is something else: the timeline, reminders, exports. Sealed as the app seals them, and
// returned as read back (opened).

type CaseRef = Pick<Case, 'id' | 'timezone'>;

export async function makeCharge(dataSource: DataSource, owner: CaseRef, overrides: Partial<Charge> = {}) {
  return saveSealed(dataSource, Charge, {
    law: 'Unlawful Activities (Prevention) Act 1967',
    section: '18',
    offence: null,
    broughtOn: '2021-11-22',
    status: 'alleged',
    visibility: 'public',
    ...overrides,
    caseId: owner.id,
  });
}

/** `scheduledLocal` is the wall clock in the case's zone; the instant is derived from it as the API does. */
export async function makeHearing(
  dataSource: DataSource,
  owner: CaseRef,
  overrides: Partial<Hearing> & { scheduledLocal?: string } = {},
) {
  const scheduledLocal = overrides.scheduledLocal ?? '2022-07-06T10:30:00';
  return saveSealed(dataSource, Hearing, {
    timeKnown: true,
    court: 'NIA Special Court, New Delhi',
    judge: null,
    purpose: null,
    status: 'scheduled',
    outcome: null,
    outcomeNotes: null,
    outcomeRecordedAt: null,
    visibility: 'public',
    ...overrides,
    scheduledLocal,
    scheduledAt: overrides.scheduledAt ?? localToInstant(scheduledLocal, owner.timezone),
    caseId: owner.id,
  });
}

export async function makeCustodyOrder(
  dataSource: DataSource,
  owner: CaseRef,
  overrides: Partial<CustodyOrder> = {},
) {
  return saveSealed(dataSource, CustodyOrder, {
    kind: 'judicial',
    orderedOn: '2021-12-04',
    days: 20,
    until: null,
    court: 'NIA Special Court, New Delhi',
    judge: null,
    place: null,
    hearingId: null,
    notes: null,
    visibility: 'public',
    ...overrides,
    caseId: owner.id,
  });
}

export async function makeEvent(
  dataSource: DataSource,
  owner: CaseRef,
  overrides: Partial<Omit<CaseEvent, 'sources'>> & { sources?: { citation?: string; url?: string }[] } = {},
) {
  const { sources = [], ...fields } = overrides;
  const event = await saveSealed(dataSource, CaseEvent, {
    occurredOn: '2021-11-22',
    precision: 'day',
    type: 'arrest',
    title: null,
    description: 'Arrested after a raid on his home and office',
    visibility: 'public',
    ...fields,
    caseId: owner.id,
  });
  await dataSource.getRepository(EventSource).save(
    sources.map((source, position) =>
      sealNew(dataSource.manager, EventSource, event.visibility, {
        eventId: event.id,
        position,
        citation: source.citation ?? null,
        url: source.url ?? null,
      }),
    ),
  );
  return dataSource.getRepository(CaseEvent).findOneOrFail({
    where: { id: event.id },
    relations: { sources: true },
    order: { sources: { position: 'ASC' } },
  });
}

async function saveSealed<T extends ObjectLiteral & { id: string; visibility: Visibility }>(
  dataSource: DataSource,
  target: EntityTarget<T>,
  values: DeepPartial<T> & { visibility?: Visibility },
): Promise<T> {
  const repository = dataSource.getRepository(target);
  const saved = await repository.save(
    repository.create(
      sealNew(dataSource.manager, target, values.visibility ?? 'public', values) as DeepPartial<T>,
    ),
  );
  return repository.findOneByOrFail({ id: saved.id } as FindOptionsWhere<T>);
}
