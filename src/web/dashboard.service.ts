import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { caseVisibleSql, knownReader } from '../access/access-policy';
import { AuthUser, hasRole } from '../auth/auth-user';
import { CasesService } from '../cases/cases.service';
import { CaseView } from '../cases/dto/case-view.dto';
import { Clock } from '../common/clock';
import { visibleTo } from './case-summary';

export interface DashboardHearing {
  id: string;
  caseId: string;
  caseTitle: string;
  defenderName: string;
  timezone: string;
  scheduledLocal: string;
  timeKnown: boolean;
  court: string | null;
  purpose: string | null;
}

export interface CustodyByCountry {
  country: string;
  defenders: number;
}

/** How far ahead the dashboard's hearings look: the reader chooses, two weeks unless they do. */
export const UPCOMING_WINDOWS = [14, 30, 90] as const;
export type UpcomingWindow = (typeof UPCOMING_WINDOWS)[number];
const CUSTODY_ENDING_DAYS = 7;
const LIST_LIMIT = 50;

// Hearings across all cases, by instant: the partial index hearings_scheduled_idx serves both lists.
// Exported, like the next one, for the benchmark's baseline server, which runs the same SQL.
// `access` is the condition on the case `c` that the reader may see it (caseVisibleSql).
export const HEARINGS_SQL = (window: string, access: string) => `
  SELECT hearing.id, hearing.case_id AS "caseId", c.title AS "caseTitle", d.full_name AS "defenderName",
         c.timezone, to_char(hearing.scheduled_local, 'YYYY-MM-DD"T"HH24:MI:SS') AS "scheduledLocal",
         hearing.time_known AS "timeKnown", hearing.court, hearing.purpose
    FROM hearings hearing
    JOIN cases c ON c.id = hearing.case_id
    JOIN defenders d ON d.id = c.defender_id
   WHERE hearing.status = 'scheduled' AND hearing.visibility = ANY($1::visibility[]) AND ${window}
     AND ${access}
   ORDER BY hearing.scheduled_at, hearing.id
   LIMIT ${LIST_LIMIT}`;

/**
 * Cases held with an order ending between $2 and $3 (days), soonest first. least() is orderEnd's
 * rule (custody-orders-in-force.ts) in the form the index custody_orders_end_idx serves; the fold then
 * decides, per case, which order is in force. Held by `status`: for readers below caseworker the
 * one folded without confidential entries, so that a confidential release does not drop a case.
 */
export const custodyEndingCandidatesSql = (
  status: 'detention_status' | 'viewer_detention_status',
  access: string,
) => `
  SELECT o.case_id AS "caseId", min(least(o.ordered_on + o.days, o.until)) AS ends
    FROM custody_orders o JOIN cases c ON c.id = o.case_id
   WHERE c.${status} IN ('in_custody', 'house_arrest') AND o.visibility = ANY($1::visibility[])
     AND least(o.ordered_on + o.days, o.until) BETWEEN $2::date AND $3::date
     AND ${access}
   GROUP BY o.case_id
   ORDER BY ends, o.case_id
   LIMIT ${LIST_LIMIT}`;

/**
 * What the dashboard shows across cases. No feature lists hearings or custody across cases, so the
 * queries that find them are here; what an order means (is it current, when does it end) stays
 * with CasesService's custody clock.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly clock: Clock,
  ) {}

  upcomingHearings(user: AuthUser, days: UpcomingWindow): Promise<DashboardHearing[]> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + days * 86_400_000);
    return this.dataSource.query(
      HEARINGS_SQL(
        'hearing.scheduled_at >= $2 AND hearing.scheduled_at < $3',
        caseVisibleSql('c', knownReader(user, '$4::uuid')),
      ),
      [visibleTo(user), now, until, user.id],
    ) as Promise<DashboardHearing[]>;
  }

  /** Hearings still 'scheduled' after they began: the court sat, and nobody has logged what it did. */
  hearingsAwaitingOutcome(user: AuthUser): Promise<DashboardHearing[]> {
    return this.dataSource.query(
      HEARINGS_SQL('hearing.scheduled_at < $2', caseVisibleSql('c', knownReader(user, '$3::uuid'))),
      [visibleTo(user), this.clock.now(), user.id],
    ) as Promise<DashboardHearing[]>;
  }

  /**
   * Cases in custody whose current order ends within a week. SQL finds the few cases with an order
   * ending around then (the expression index custody_orders_end_idx serves it); the custody clock,
   * through CasesService, then decides which order is current, in each case's zone.
   */
  async custodyEndingSoon(user: AuthUser): Promise<CaseView[]> {
    const now = this.clock.now();
    // A day either side covers every zone's "today".
    const from = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
    const to = new Date(now.getTime() + (CUSTODY_ENDING_DAYS + 1) * 86_400_000).toISOString().slice(0, 10);
    const status = hasRole(user, 'caseworker') ? 'detention_status' : 'viewer_detention_status';
    const candidates = (await this.dataSource.query(
      custodyEndingCandidatesSql(status, caseVisibleSql('c', knownReader(user, '$4::uuid'))),
      [visibleTo(user), from, to, user.id],
    )) as { caseId: string }[];
    const cases = await this.cases.getMany(
      user,
      candidates.map(({ caseId }) => caseId),
    );
    return cases
      .filter((found) => {
        const left = found.custodyClock.currentOrder?.daysLeft;
        return left !== null && left !== undefined && left >= 0 && left <= CUSTODY_ENDING_DAYS;
      })
      .sort(
        (a, b) => (a.custodyClock.currentOrder?.daysLeft ?? 0) - (b.custodyClock.currentOrder?.daysLeft ?? 0),
      );
  }

  /**
   * Defenders (each counted once) held in custody, by the country of their case; for viewers, by
   * the status folded without confidential entries, as their case list filters. Cases the reader
   * may not see are not counted.
   */
  inCustodyByCountry(user: AuthUser): Promise<CustodyByCountry[]> {
    const column = hasRole(user, 'caseworker') ? 'detention_status' : 'viewer_detention_status';
    return this.dataSource.query(
      `SELECT country, count(DISTINCT defender_id)::int AS defenders
         FROM cases c WHERE ${column} = 'in_custody' AND ${caseVisibleSql('c', knownReader(user, '$1::uuid'))}
        GROUP BY country ORDER BY defenders DESC, country`,
      [user.id],
    ) as Promise<CustodyByCountry[]>;
  }
}
