import { EntityManager } from 'typeorm';
import { DomainError, FieldProblem } from '../common/domain-error';
import { DatePrecision, IsoDate, VISIBILITIES, Visibility } from '../common/entry';
import { CaseEvent, EventType } from '../events/event.entity';
import type { DetentionStatus } from './case.entity';
import { formatLongDate } from '../common/calendar-day';
import {
  CustodyBasis,
  DETENTION_EVENT_TYPES,
  DetentionCustodyOrder,
  DetentionEvent,
  DetentionHistory,
  DetentionInput,
  deriveDetention,
  storedDetentionFacts,
} from './detention-history';
import { placement } from './detention-order';
import { storedClockFacts } from './stored-clock-facts';
import { participantsOf } from './participant-store';
import { participantInput } from './participants';
import { STARTING_NOTE } from './starting-note';

// Reading a case's entries for the detention fold, and keeping the facts the lists filter on
// (cases.detention_status and friends) in step with them, in the transaction that changes an entry.

const MICROS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const created = (alias: string) => `to_char(${alias}.created_at AT TIME ZONE 'UTC', ${MICROS})`;

/** A case's entries as the fold reads them, each with its visibility. */
export interface StoredDetentionInput extends DetentionInput {
  events: (DetentionEvent & { visibility: Visibility; participantId: string | null })[];
  custodyOrders: (DetentionCustodyOrder & { visibility: Visibility; participantId: string | null })[];
  charges?: { id: string; broughtOn: IsoDate | null; participantId: string | null }[];
}

/**
 * Each case's entries that `visibilities` allow, as the fold reads them, in a fixed number of
 * queries. Charges are read only for the flags (`charges: false` leaves them out).
 */
export async function detentionInputs(
  manager: EntityManager,
  caseIds: string[],
  visibilities: readonly Visibility[],
  { charges: withCharges = true } = {},
): Promise<Map<string, StoredDetentionInput>> {
  const inputs = new Map<string, StoredDetentionInput>(
    caseIds.map((id) => [id, { events: [], custodyOrders: [], charges: [] }]),
  );
  if (caseIds.length === 0) {
    return inputs;
  }
  const params = [caseIds, visibilities, DETENTION_EVENT_TYPES];
  // One after another: inside a transaction they share one connection.
  const events = (await manager.query(
    `SELECT e.case_id AS "caseId", e.id, e.type::text, e.occurred_on::text AS date, e.precision::text,
            ${created('e')} AS "createdAt", e.custody_basis::text AS "custodyBasis",
            e.bail_conditions::text[] AS "bailConditions", e.bail_conditions_note AS "bailConditionsNote",
            e.sentence_term AS "sentenceTerm", e.sentence_starts_on::text AS "sentenceStartsOn",
            e.credit_for_custody AS "creditForCustody", e.ended_on::text AS "endedOn",
            e.period_position AS "periodPosition", e.day_position AS "dayPosition", e.visibility::text,
            e.participant_id AS "participantId"
       FROM events e
      WHERE e.case_id = ANY($1::uuid[]) AND e.visibility = ANY($2::visibility[]) AND e.type::text = ANY($3::text[])`,
    params,
  )) as (StoredDetentionInput['events'][number] & { caseId: string })[];
  const orders = (await manager.query(
    `SELECT o.case_id AS "caseId", o.id, o.kind::text, o.ordered_on::text AS "orderedOn", o.days,
            o.until::text, ${created('o')} AS "createdAt", o.visibility::text,
            o.participant_id AS "participantId"
       FROM custody_orders o WHERE o.case_id = ANY($1::uuid[]) AND o.visibility = ANY($2::visibility[])`,
    params.slice(0, 2),
  )) as (StoredDetentionInput['custodyOrders'][number] & { caseId: string })[];
  const charges = withCharges
    ? ((await manager.query(
        `SELECT case_id AS "caseId", id, brought_on::text AS "broughtOn", participant_id AS "participantId"
           FROM charges WHERE case_id = ANY($1::uuid[]) AND visibility = ANY($2::visibility[])`,
        params.slice(0, 2),
      )) as { caseId: string; id: string; broughtOn: IsoDate | null; participantId: string | null }[])
    : [];
  for (const { caseId, ...event } of events) {
    inputs.get(caseId)?.events.push(event);
  }
  for (const { caseId, ...order } of orders) {
    inputs.get(caseId)?.custodyOrders.push(order);
  }
  for (const { caseId, ...charge } of charges) {
    inputs.get(caseId)?.charges?.push(charge);
  }
  return inputs;
}

// The stored facts (status, first custody, last release) do not depend on the day they are read:
// no entry that opens or closes custody may be dated in the future. Any day after them all will do.
const AFTER_EVERYTHING = '9999-12-31';

/**
 * A story that cannot be true is refused: a release placed before the arrest it would end. Only the
 * releases being written are checked (`releaseIds`; all of them when undefined), so a release that
 * older data already puts there does not block every later change to the case.
 */
function impossibleOrder(
  input: DetentionInput,
  history: DetentionHistory,
  releaseIds: string[] | undefined,
): FieldProblem[] {
  const firstDay = history.firstCustodyOn;
  if (firstDay === null) {
    return [];
  }
  return input.events
    .filter(
      (event) =>
        event.type === 'release' &&
        (releaseIds === undefined || releaseIds.includes(event.id)) &&
        event.date !== null &&
        placement(event.type, event.date, event.precision) < firstDay,
    )
    .map((event) => ({
      field: 'occurredOn',
      problem: `puts the release (${formatLongDate(event.date as IsoDate)}) before the arrest on ${formatLongDate(firstDay)}`,
    }));
}

/**
 * Folds each participant's story again and stores what the lists filter on, in the caller's
 * transaction: once from every entry, once from what viewers may read; the case keeps its main
 * defender's facts. Throws a 400 when a release being written (`written`: the event ids just
 * created or changed; every release when left out) would come before the arrest in the story of
 * someone it concerns, so the change is rolled back.
 */
export async function refreshDetention(
  manager: EntityManager,
  caseId: string,
  written?: string[],
): Promise<void> {
  const all = (await detentionInputs(manager, [caseId], VISIBILITIES, { charges: false })).get(caseId);
  if (!all) {
    return;
  }
  const people = await participantsOf(manager, [caseId]);
  const viewable = {
    events: all.events.filter((event) => event.visibility !== 'confidential'),
    custodyOrders: all.custodyOrders.filter((order) => order.visibility !== 'confidential'),
  };
  const problems: FieldProblem[] = [];
  for (const person of people) {
    const input = participantInput(all, person.defenderId);
    const history = deriveDetention(input, AFTER_EVERYTHING);
    for (const problem of impossibleOrder(input, history, written)) {
      if (!problems.some((known) => known.problem === problem.problem)) {
        problems.push(problem);
      }
    }
    const viewerInput = participantInput(viewable, person.defenderId);
    const viewers = deriveDetention(viewerInput, AFTER_EVERYTHING);
    const stored = storedDetentionFacts(history);
    const values = [
      caseId,
      stored.detentionStatus,
      stored.arrestedOn,
      stored.arrestedOnPrecision,
      stored.releasedOn,
      stored.releasedOnPrecision,
      viewers.detentionStatus,
      person.defenderId,
    ];
    await manager.query(
      `UPDATE case_participants SET detention_status = $2, arrested_on = $3, arrested_on_precision = $4,
              released_on = $5, released_on_precision = $6, viewer_detention_status = $7
        WHERE case_id = $1 AND defender_id = $8`,
      values,
    );
    if (person.main) {
      await manager.query(
        `UPDATE cases SET detention_status = $2, arrested_on = $3, arrested_on_precision = $4, released_on = $5,
                          released_on_precision = $6, viewer_detention_status = $7
          WHERE id = $1`,
        values.slice(0, 7),
      );
      // The list sorts a case by its main defender's clock, as the case page states it.
      await storeClockFacts(manager, caseId, input, viewerInput);
    }
  }
  if (problems.length > 0) {
    throw new DomainError(
      'VALIDATION',
      problems.map(({ field, problem }) => `${field} ${problem}`).join('; '),
      problems,
    );
  }
}

/** The custody clock's sort keys (storedClockFacts), from all entries and from what viewers read. */
export async function storeClockFacts(
  manager: EntityManager,
  caseId: string,
  all: DetentionInput,
  viewers: DetentionInput,
): Promise<void> {
  const [every, viewer] = [storedClockFacts(all), storedClockFacts(viewers)];
  await manager.query(
    `UPDATE cases SET custody_days_closed = $2, custody_open_since = $3, open_period_order_ids = $4,
                      viewer_custody_days_closed = $5, viewer_custody_open_since = $6,
                      viewer_open_period_order_ids = $7
      WHERE id = $1`,
    [
      caseId,
      every.custodyDaysClosed,
      every.custodyOpenSince,
      every.openPeriodOrderIds,
      viewer.custodyDaysClosed,
      viewer.custodyOpenSince,
      viewer.openPeriodOrderIds,
    ],
  );
}

/**
 * The entries that say what a new case's arrest date, release date and detention status said: an
 * arrest (or an undated detention when someone held has no arrest date), then the release, bail,
 * death or disappearance, undated when no date is given. They tell the main defender's story.
 */
export async function writeStartingEntries(
  manager: EntityManager,
  caseId: string,
  defenderId: string,
  dates: {
    arrestedOn: IsoDate | null;
    arrestedOnPrecision: DatePrecision;
    releasedOn: IsoDate | null;
    releasedOnPrecision?: DatePrecision;
  },
  status: DetentionStatus | undefined,
): Promise<CaseEvent[]> {
  const rows: {
    occurredOn: IsoDate | null;
    precision: DatePrecision;
    type: EventType;
    basis: CustodyBasis | null;
  }[] = [];
  const basis: CustodyBasis | null = status === 'house_arrest' ? 'house_arrest' : null;
  if (dates.arrestedOn !== null) {
    rows.push({ occurredOn: dates.arrestedOn, precision: dates.arrestedOnPrecision, type: 'arrest', basis });
  } else if (status !== undefined && status !== 'not_detained') {
    rows.push({ occurredOn: null, precision: 'day', type: 'detention', basis });
  }
  const closing: EventType =
    status === 'on_bail'
      ? 'bail_granted'
      : status === 'deceased'
        ? 'death_in_custody'
        : status === 'disappeared'
          ? 'disappearance'
          : 'release';
  if (dates.releasedOn !== null) {
    rows.push({
      occurredOn: dates.releasedOn,
      precision: dates.releasedOnPrecision ?? 'day',
      type: closing,
      basis: null,
    });
  } else if (status !== undefined && !['in_custody', 'house_arrest', 'not_detained'].includes(status)) {
    rows.push({ occurredOn: null, precision: 'day', type: closing, basis: null });
  }
  const written: CaseEvent[] = [];
  for (const row of rows) {
    written.push(
      await manager.save(
        manager.create(CaseEvent, {
          caseId,
          participantId: defenderId,
          occurredOn: row.occurredOn,
          precision: row.precision,
          type: row.type,
          custodyBasis: row.basis,
          description: STARTING_NOTE,
          visibility: 'public',
        }),
      ),
    );
  }
  return written;
}

/**
 * Each case's first day in custody as the entries of `visibilities` tell it (the stored arrested_on
 * is folded from all of them): what a list or export for a reader below caseworker is ordered by.
 * The story is `defenderId`'s in each case when given (a defender's own cases), else the main
 * defender's.
 */
export async function firstCustodyDays(
  manager: EntityManager,
  caseIds: string[],
  visibilities: readonly Visibility[],
  defenderId?: string,
): Promise<Map<string, IsoDate | null>> {
  const inputs = await detentionInputs(manager, caseIds, visibilities, { charges: false });
  const mains = new Map(
    (await participantsOf(manager, caseIds))
      .filter((person) => person.main)
      .map((person) => [person.caseId, person.defenderId]),
  );
  return new Map(
    caseIds.map((id) => {
      const input = inputs.get(id) ?? { events: [], custodyOrders: [] };
      const whose = defenderId ?? mains.get(id) ?? '';
      return [id, deriveDetention(participantInput(input, whose), AFTER_EVERYTHING).firstCustodyOn];
    }),
  );
}
