import { CaseStageKind, StageDecision } from '../cases/case-stages';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChargeStatus } from '../charges/charge.entity';
import { DatePrecision, IsoDate, Visibility } from '../common/entry';
import { CustodyKind } from '../custody/custody-order.entity';
import { EventType } from '../events/event.entity';
import { HearingStatus } from '../hearings/hearing.entity';
import { BailCondition, CustodyBasis, OPENING_TYPES, PeriodPosition } from '../cases/detention-history';
import { END_PRECISION_RANK, PRECISION_RANK } from './timeline-order';

export type TimelineEntryKind = 'event' | 'charge' | 'hearing' | 'custody_order';

interface TimelineEntryBase {
  kind: TimelineEntryKind;
  id: string;
  caseId: string;
  /** The participant (defender id) it is about; null when it concerns everyone (hearings always). */
  participantId: string | null;
  /** The day the entry is dated by ('YYYY-MM-DD'); the first day of its month or year when less precise. */
  date: IsoDate;
  precision: DatePrecision;
  visibility: Visibility;
  /** Fixed-width UTC with microseconds, as the order uses it: '2026-01-15T09:00:00.123456Z'. */
  createdAt: string;
}

export interface TimelineSource {
  id: string;
  position: number;
  citation: string | null;
  url: string | null;
}

/** Dated by occurredOn; null when the date is not known (it comes last). */
export interface EventEntry extends Omit<TimelineEntryBase, 'date'> {
  kind: 'event';
  date: IsoDate | null;
  type: EventType;
  /** Placed by hand at the start or end of its month or year; null: by its type. */
  periodPosition: PeriodPosition | null;
  /** Placed by hand among the entries of its day: lower first; null is 0. */
  dayPosition: number | null;
  /** The fields some types carry (src/events/event-fields.ts); null on the others. */
  custodyBasis: CustodyBasis | null;
  bailConditions: BailCondition[] | null;
  bailConditionsNote: string | null;
  sentenceTerm: string | null;
  sentenceStartsOn: IsoDate | null;
  creditForCustody: boolean | null;
  endedOn: IsoDate | null;
  /** The stage it belongs to or opens, and the court, decision and appeal deadline (case-stages.ts). */
  stage: CaseStageKind | null;
  court: string | null;
  decision: StageDecision | null;
  appealDeadline: IsoDate | null;
  title: string | null;
  description: string;
  sources: TimelineSource[];
}

/** Dated by broughtOn, at its precision; a charge without one has a null date and comes last. */
export interface ChargeEntry extends Omit<TimelineEntryBase, 'date'> {
  kind: 'charge';
  date: IsoDate | null;
  law: string;
  section: string | null;
  counts: number | null;
  offence: string | null;
  broughtOn: IsoDate | null;
  status: ChargeStatus;
  /** P7Y, life, death: what statutory limits read the gravity from. */
  maximumPenalty: string | null;
}

/** Dated by the local day of scheduledLocal (the court's day, not UTC's). */
export interface HearingEntry extends TimelineEntryBase {
  kind: 'hearing';
  /** The instant, ISO 8601 in UTC. */
  scheduledAt: string;
  /** Wall-clock time in the case's zone, 'YYYY-MM-DDTHH:mm:ss'. */
  scheduledLocal: string;
  timeKnown: boolean;
  court: string | null;
  judge: string | null;
  purpose: string | null;
  /** null: the stage under way on its day. */
  stage: CaseStageKind | null;
  status: HearingStatus;
  outcome: string | null;
  outcomeNotes: string | null;
  outcomeRecordedAt: string | null;
  /** When the hearing last changed, ISO 8601 in UTC: a calendar's SEQUENCE. */
  updatedAt: string;
}

/** Dated by orderedOn. `custodyKind` is the order's own kind (judicial, police...). */
export interface CustodyOrderEntry extends TimelineEntryBase {
  kind: 'custody_order';
  custodyKind: CustodyKind;
  orderedOn: IsoDate;
  days: number | null;
  until: IsoDate | null;
  /** The earlier of orderedOn + days and until (orderEnd in src/cases/custody-orders-in-force.ts). */
  endsOn: IsoDate | null;
  court: string | null;
  judge: string | null;
  place: string | null;
  hearingId: string | null;
  notes: string | null;
}

export type TimelineEntry = EventEntry | ChargeEntry | HearingEntry | CustodyOrderEntry;

export interface TimelineFilter {
  /** Only entries with one of these visibilities; the caller decides what its reader may see. */
  visibilities: Visibility[];
  /** Only this participant's story: their own entries and the shared ones (a defender id). */
  participant?: string;
  /** Inclusive bounds on the entry's date; undated entries are left out when either is given. */
  from?: IsoDate;
  to?: IsoDate;
  /** Only entries of these kinds (a page's charges panel); every kind when left out. */
  kinds?: TimelineEntryKind[];
}

export interface TimelinePageRequest {
  limit: number;
  offset: number;
}

const UTC_MILLIS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const UTC_MICROS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const LOCAL = `'YYYY-MM-DD"T"HH24:MI:SS'`;
const rankOf = (ranks: Record<string, number>, precision: string) =>
  `CASE ${precision} ${Object.entries(ranks)
    .map(([name, rank]) => `WHEN '${name}' THEN ${rank}`)
    .join(' ')} END`;
const OPENS = `type::text IN (${OPENING_TYPES.map((type) => `'${type}'`).join(', ')})`;
/** timeline-order.ts's periodPosition: as placed by hand, else an opening at the start. */
const AT_START = `coalesce(period_position = 'start', ${OPENS})`;
/** timeline-order.ts's sortDay: an opening at the start of its month or year, anything else at the end. */
const sortDay = (date: string, precision: string, opens: string) => `
  CASE WHEN ${precision} = 'day' OR ${opens} THEN ${date}
       WHEN ${precision} = 'month' THEN (date_trunc('month', ${date}) + interval '1 month - 1 day')::date
       ELSE (date_trunc('year', ${date}) + interval '1 year - 1 day')::date END`;
const EVENT_RANK = `CASE WHEN ${AT_START} THEN ${rankOf(PRECISION_RANK, 'precision')} ELSE ${rankOf(END_PRECISION_RANK, 'precision')} END`;
const DAY_RANK = PRECISION_RANK.day;
const inRange = (date: string) =>
  `($3::date IS NULL OR ${date} >= $3::date) AND ($4::date IS NULL OR ${date} <= $4::date)`;
/** participants.ts's `concerns`: the participant's own entries and the shared ones. */
const CONCERNS = `($7::uuid IS NULL OR participant_id IS NULL OR participant_id = $7::uuid)`;
const ofKind = (kind: TimelineEntryKind) => `($8::text[] IS NULL OR '${kind}' = ANY($8::text[]))`;

// One statement. The order and the count need only the sort keys (date, precision rank, creation,
// id) of the case's entries, so only those are gathered for all of them; everything else about an
// entry (its case, visibility, event sources...) is read for the rows of the page alone, so a page
// of 50 does not cost as much as the whole case. The order is compareTimelineEntries's. It also
// counts the cases that exist, so a reader of one case learns "no such case" from the same round
// trip. Entries come back as JSON text: the API sends them on as they are, without parsing and
// serialising them again.
const TIMELINE_SQL = `
  WITH keyed AS (
    SELECT 'event' AS kind, id, ${sortDay('occurred_on', 'precision', AT_START)} AS date, ${EVENT_RANK} AS precision_rank,
           coalesce(day_position, 0) AS day_position, created_at
      FROM events
     WHERE case_id = ANY($1::uuid[]) AND visibility = ANY($2::visibility[]) AND ${inRange('occurred_on')}
       AND ${CONCERNS} AND ${ofKind('event')}
    UNION ALL
    SELECT 'charge', id, ${sortDay('brought_on', 'brought_on_precision', 'false')},
           ${rankOf(END_PRECISION_RANK, 'brought_on_precision')}, 0, created_at
      FROM charges
     WHERE case_id = ANY($1::uuid[]) AND visibility = ANY($2::visibility[]) AND ${inRange('brought_on')}
       AND ${CONCERNS} AND ${ofKind('charge')}
    UNION ALL
    SELECT 'hearing', id, scheduled_local::date, ${DAY_RANK}, 0, created_at
      FROM hearings
     WHERE case_id = ANY($1::uuid[]) AND visibility = ANY($2::visibility[])
       AND ${inRange('scheduled_local::date')} AND ${ofKind('hearing')}
    UNION ALL
    SELECT 'custody_order', id, ordered_on, ${DAY_RANK}, 0, created_at
      FROM custody_orders
     WHERE case_id = ANY($1::uuid[]) AND visibility = ANY($2::visibility[]) AND ${inRange('ordered_on')}
       AND ${CONCERNS} AND ${ofKind('custody_order')}
  ),
  page AS (
    SELECT * FROM keyed ORDER BY date ASC NULLS LAST, precision_rank, day_position, created_at, id LIMIT $5 OFFSET $6
  )
  SELECT (SELECT count(*)::int FROM cases WHERE id = ANY($1::uuid[])) AS cases_found, counted.total,
         built.entry::text AS entry
    FROM (SELECT count(*)::int AS total FROM keyed) counted
    LEFT JOIN LATERAL (
      SELECT jsonb_build_object(
               'kind', page.kind, 'id', page.id,
               'createdAt', to_char(page.created_at AT TIME ZONE 'UTC', ${UTC_MICROS})
             ) || CASE page.kind
               WHEN 'event' THEN (
                 SELECT jsonb_build_object(
                          'date', event.occurred_on, 'periodPosition', event.period_position,
                          'dayPosition', event.day_position,
                          'custodyBasis', event.custody_basis, 'bailConditions', event.bail_conditions,
                          'bailConditionsNote', event.bail_conditions_note, 'sentenceTerm', event.sentence_term,
                          'sentenceStartsOn', event.sentence_starts_on,
                          'creditForCustody', event.credit_for_custody, 'endedOn', event.ended_on,
                          'stage', event.stage, 'court', event.court, 'decision', event.decision,
                          'appealDeadline', event.appeal_deadline,
                          'caseId', event.case_id, 'participantId', event.participant_id, 'precision', event.precision, 'visibility', event.visibility,
                          'type', event.type, 'title', event.title, 'description', event.description,
                          'sources', coalesce(
                            (SELECT jsonb_agg(
                                      jsonb_build_object(
                                        'id', s.id, 'position', s.position, 'citation', s.citation, 'url', s.url
                                      )
                                      ORDER BY s.position
                                    )
                               FROM event_sources s WHERE s.event_id = event.id),
                            '[]'::jsonb
                          )
                        )
                   FROM events event WHERE event.id = page.id)
               WHEN 'charge' THEN (
                 SELECT jsonb_build_object(
                          'date', charge.brought_on,
                          'caseId', charge.case_id, 'participantId', charge.participant_id, 'precision', charge.brought_on_precision,
                          'visibility', charge.visibility, 'counts', charge.counts,
                          'law', charge.law, 'section', charge.section, 'offence', charge.offence,
                          'broughtOn', charge.brought_on, 'status', charge.status,
                          'maximumPenalty', charge.maximum_penalty
                        )
                   FROM charges charge WHERE charge.id = page.id)
               WHEN 'hearing' THEN (
                 SELECT jsonb_build_object(
                          'date', hearing.scheduled_local::date,
                          'caseId', hearing.case_id, 'participantId', null, 'precision', 'day', 'visibility', hearing.visibility,
                          'scheduledAt', to_char(hearing.scheduled_at AT TIME ZONE 'UTC', ${UTC_MILLIS}),
                          'scheduledLocal', to_char(hearing.scheduled_local, ${LOCAL}),
                          'timeKnown', hearing.time_known, 'court', hearing.court, 'judge', hearing.judge,
                          'purpose', hearing.purpose, 'stage', hearing.stage, 'status', hearing.status,
                          'outcome', hearing.outcome,
                          'outcomeNotes', hearing.outcome_notes,
                          'outcomeRecordedAt', to_char(hearing.outcome_recorded_at AT TIME ZONE 'UTC', ${UTC_MILLIS}),
                          'updatedAt', to_char(hearing.updated_at AT TIME ZONE 'UTC', ${UTC_MILLIS})
                        )
                   FROM hearings hearing WHERE hearing.id = page.id)
               ELSE (
                 SELECT jsonb_build_object(
                          'date', custody.ordered_on,
                          'caseId', custody.case_id, 'participantId', custody.participant_id, 'precision', 'day', 'visibility', custody.visibility,
                          'custodyKind', custody.kind, 'orderedOn', custody.ordered_on, 'days', custody.days,
                          'until', custody.until, 'endsOn', least(custody.ordered_on + custody.days, custody.until),
                          'court', custody.court, 'judge', custody.judge, 'place', custody.place,
                          'hearingId', custody.hearing_id, 'notes', custody.notes
                        )
                   FROM custody_orders custody WHERE custody.id = page.id)
             END AS entry,
             page.date, page.precision_rank, page.day_position, page.created_at, page.id
        FROM page
    ) built ON true
   ORDER BY built.date ASC NULLS LAST, built.precision_rank, built.day_position, built.created_at, built.id`;

@Injectable()
export class TimelineService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The merged, ordered entries of one or more cases, with the total that match the filter.
   * Without `page`, every matching entry. Visibility is filtered in SQL: pass only what the reader
   * may see (viewers never confidential; public exports only public).
   */
  async entries(
    caseIds: string[],
    filter: TimelineFilter,
    page?: TimelinePageRequest,
  ): Promise<{ items: TimelineEntry[]; total: number }> {
    if (caseIds.length === 0 || filter.visibilities.length === 0) {
      return { items: [], total: 0 };
    }
    const { entriesJson, total } = await this.query(caseIds, filter, page);
    return { items: entriesJson.map((json) => JSON.parse(json) as TimelineEntry), total };
  }

  /**
   * One case's entries, as `entries` reads them but each still the JSON text of a TimelineEntry;
   * undefined when there is no such case.
   */
  async caseEntriesJson(
    caseId: string,
    filter: TimelineFilter,
    page?: TimelinePageRequest,
  ): Promise<{ entriesJson: string[]; total: number } | undefined> {
    const { entriesJson, total, casesFound } = await this.query([caseId], filter, page);
    return casesFound === 1 ? { entriesJson, total } : undefined;
  }

  private async query(
    caseIds: string[],
    filter: TimelineFilter,
    page: TimelinePageRequest | undefined,
  ): Promise<{ entriesJson: string[]; total: number; casesFound: number }> {
    const rows = (await this.dataSource.query(TIMELINE_SQL, [
      caseIds,
      filter.visibilities,
      filter.from ?? null,
      filter.to ?? null,
      page?.limit ?? null,
      page?.offset ?? 0,
      filter.participant ?? null,
      filter.kinds ?? null,
    ])) as { cases_found: number; total: number; entry: string | null }[];
    // The statement always answers at least one row: the counts, with a null entry when none match.
    return {
      entriesJson: rows.flatMap((row) => (row.entry ? [row.entry] : [])),
      total: rows[0].total,
      casesFound: rows[0].cases_found,
    };
  }
}

/**
 * The confidential entries among entries kept as JSON text (caseEntriesJson), for the audit log.
 * Only text that mentions the word is parsed, so a page without any costs no parsing.
 */
export function confidentialEntries(entriesJson: string[]): TimelineEntry[] {
  return entriesJson
    .filter((json) => json.includes('confidential'))
    .map((json) => JSON.parse(json) as TimelineEntry)
    .filter((entry) => entry.visibility === 'confidential');
}
