import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ChargeStatus } from '../charges/charge.entity';
import { DatePrecision, IsoDate, Visibility } from '../common/entry';
import { CustodyKind } from '../custody/custody-order.entity';
import { EventType } from '../events/event.entity';
import { HearingStatus } from '../hearings/hearing.entity';
import { PRECISION_RANK } from './timeline-order';

export type TimelineEntryKind = 'event' | 'charge' | 'hearing' | 'custody_order';

interface TimelineEntryBase {
  kind: TimelineEntryKind;
  id: string;
  caseId: string;
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

export interface EventEntry extends TimelineEntryBase {
  kind: 'event';
  type: EventType;
  title: string | null;
  description: string;
  sources: TimelineSource[];
}

/** Dated by broughtOn; a charge without one has a null date and comes last. Precision is always 'day'. */
export interface ChargeEntry extends Omit<TimelineEntryBase, 'date'> {
  kind: 'charge';
  date: IsoDate | null;
  law: string;
  section: string;
  offence: string | null;
  broughtOn: IsoDate | null;
  status: ChargeStatus;
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
  status: HearingStatus;
  outcome: string | null;
  outcomeNotes: string | null;
  outcomeRecordedAt: string | null;
}

/** Dated by orderedOn. `custodyKind` is the order's own kind (judicial, police...). */
export interface CustodyOrderEntry extends TimelineEntryBase {
  kind: 'custody_order';
  custodyKind: CustodyKind;
  orderedOn: IsoDate;
  days: number | null;
  until: IsoDate | null;
  /** orderedOn + days when days is given, else until (see src/cases/custody-clock.ts). */
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
  /** Inclusive bounds on the entry's date; undated entries are left out when either is given. */
  from?: IsoDate;
  to?: IsoDate;
}

export interface TimelinePageRequest {
  limit: number;
  offset: number;
}

const UTC_MILLIS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const UTC_MICROS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
const LOCAL = `'YYYY-MM-DD"T"HH24:MI:SS'`;
const PRECISION_ORDER = `CASE precision ${Object.entries(PRECISION_RANK)
  .map(([precision, rank]) => `WHEN '${precision}' THEN ${rank}`)
  .join(' ')} END`;

// One statement: the four kinds of entry as one UNION ALL (event sources aggregated per event in
// a lateral subquery), filtered, counted and paged in SQL. The order is compareTimelineEntries's.
const TIMELINE_SQL = `
  WITH entry AS (
    SELECT 'event' AS kind, event.id, event.case_id, event.occurred_on AS date, event.precision::text AS precision,
           event.visibility, event.created_at,
           jsonb_build_object(
             'type', event.type, 'title', event.title, 'description', event.description,
             'sources', coalesce(source.list, '[]'::jsonb)
           ) AS fields
      FROM events event
      LEFT JOIN LATERAL (
        SELECT jsonb_agg(
                 jsonb_build_object('id', s.id, 'position', s.position, 'citation', s.citation, 'url', s.url)
                 ORDER BY s.position
               ) AS list
          FROM event_sources s WHERE s.event_id = event.id
      ) source ON true
     WHERE event.case_id = ANY($1::uuid[]) AND event.visibility = ANY($2::visibility[])
    UNION ALL
    SELECT 'charge', charge.id, charge.case_id, charge.brought_on, 'day', charge.visibility, charge.created_at,
           jsonb_build_object(
             'law', charge.law, 'section', charge.section, 'offence', charge.offence,
             'broughtOn', charge.brought_on, 'status', charge.status
           )
      FROM charges charge
     WHERE charge.case_id = ANY($1::uuid[]) AND charge.visibility = ANY($2::visibility[])
    UNION ALL
    SELECT 'hearing', hearing.id, hearing.case_id, hearing.scheduled_local::date, 'day', hearing.visibility,
           hearing.created_at,
           jsonb_build_object(
             'scheduledAt', to_char(hearing.scheduled_at AT TIME ZONE 'UTC', ${UTC_MILLIS}),
             'scheduledLocal', to_char(hearing.scheduled_local, ${LOCAL}),
             'timeKnown', hearing.time_known, 'court', hearing.court, 'judge', hearing.judge,
             'purpose', hearing.purpose, 'status', hearing.status, 'outcome', hearing.outcome,
             'outcomeNotes', hearing.outcome_notes,
             'outcomeRecordedAt', to_char(hearing.outcome_recorded_at AT TIME ZONE 'UTC', ${UTC_MILLIS})
           )
      FROM hearings hearing
     WHERE hearing.case_id = ANY($1::uuid[]) AND hearing.visibility = ANY($2::visibility[])
    UNION ALL
    SELECT 'custody_order', custody.id, custody.case_id, custody.ordered_on, 'day', custody.visibility,
           custody.created_at,
           jsonb_build_object(
             'custodyKind', custody.kind, 'orderedOn', custody.ordered_on, 'days', custody.days,
             'until', custody.until, 'endsOn', coalesce(custody.ordered_on + custody.days, custody.until),
             'court', custody.court, 'judge', custody.judge, 'place', custody.place,
             'hearingId', custody.hearing_id, 'notes', custody.notes
           )
      FROM custody_orders custody
     WHERE custody.case_id = ANY($1::uuid[]) AND custody.visibility = ANY($2::visibility[])
  ),
  chosen AS (
    SELECT * FROM entry
     WHERE ($3::date IS NULL OR date >= $3::date) AND ($4::date IS NULL OR date <= $4::date)
  )
  SELECT counted.total, page.entry
    FROM (SELECT count(*)::int AS total FROM chosen) counted
    LEFT JOIN LATERAL (
      SELECT jsonb_build_object(
               'kind', kind, 'id', id, 'caseId', case_id, 'date', date, 'precision', precision,
               'visibility', visibility, 'createdAt', to_char(created_at AT TIME ZONE 'UTC', ${UTC_MICROS})
             ) || fields AS entry,
             date, ${PRECISION_ORDER} AS precision_rank, created_at, id
        FROM chosen
       ORDER BY date ASC NULLS LAST, precision_rank, created_at, id
       LIMIT $5 OFFSET $6
    ) page ON true
   ORDER BY page.date ASC NULLS LAST, page.precision_rank, page.created_at, page.id`;

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
    const rows = (await this.dataSource.query(TIMELINE_SQL, [
      caseIds,
      filter.visibilities,
      filter.from ?? null,
      filter.to ?? null,
      page?.limit ?? null,
      page?.offset ?? 0,
    ])) as { total: number; entry: TimelineEntry | null }[];
    return {
      items: rows.flatMap((row) => (row.entry ? [row.entry] : [])),
      total: rows[0]?.total ?? 0,
    };
  }
}
