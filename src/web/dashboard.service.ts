import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuthUser } from '../auth/auth-user';
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

const UPCOMING_DAYS = 14;
const CUSTODY_ENDING_DAYS = 7;
const LIST_LIMIT = 50;
const CASE_PAGE = 200;

// Hearings across all cases, by instant: the partial index hearings_scheduled_idx serves both lists.
const HEARINGS_SQL = (window: string) => `
  SELECT hearing.id, hearing.case_id AS "caseId", c.title AS "caseTitle", d.full_name AS "defenderName",
         c.timezone, to_char(hearing.scheduled_local, 'YYYY-MM-DD"T"HH24:MI:SS') AS "scheduledLocal",
         hearing.time_known AS "timeKnown", hearing.court, hearing.purpose
    FROM hearings hearing
    JOIN cases c ON c.id = hearing.case_id
    JOIN defenders d ON d.id = c.defender_id
   WHERE hearing.status = 'scheduled' AND hearing.visibility = ANY($1::visibility[]) AND ${window}
   ORDER BY hearing.scheduled_at, hearing.id
   LIMIT ${LIST_LIMIT}`;

/**
 * What the dashboard shows across cases. The hearing lists are the only queries of its own (no
 * feature lists hearings across cases); custody comes from CasesService, whose custody clock
 * decides which order is current and when it ends.
 */
@Injectable()
export class DashboardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly clock: Clock,
  ) {}

  upcomingHearings(user: AuthUser): Promise<DashboardHearing[]> {
    const now = this.clock.now();
    const until = new Date(now.getTime() + UPCOMING_DAYS * 86_400_000);
    return this.dataSource.query(HEARINGS_SQL('hearing.scheduled_at >= $2 AND hearing.scheduled_at < $3'), [
      visibleTo(user),
      now,
      until,
    ]) as Promise<DashboardHearing[]>;
  }

  /** Hearings still 'scheduled' after they began: the court sat, and nobody has logged what it did. */
  hearingsAwaitingOutcome(user: AuthUser): Promise<DashboardHearing[]> {
    return this.dataSource.query(HEARINGS_SQL('hearing.scheduled_at < $2'), [
      visibleTo(user),
      this.clock.now(),
    ]) as Promise<DashboardHearing[]>;
  }

  /** Every case whose defender is in custody now, with its custody clock. */
  async casesInCustody(user: AuthUser): Promise<CaseView[]> {
    const cases: CaseView[] = [];
    for (let offset = 0; ; offset += CASE_PAGE) {
      const result = await this.cases.list(user, { detentionStatus: 'in_custody', limit: CASE_PAGE, offset });
      cases.push(...result.items);
      if (offset + CASE_PAGE >= result.total) {
        return cases;
      }
    }
  }

  static custodyEndingSoon(cases: CaseView[]): CaseView[] {
    return cases
      .filter((found) => {
        const left = found.custodyClock.currentOrder?.daysLeft;
        return left !== null && left !== undefined && left >= 0 && left <= CUSTODY_ENDING_DAYS;
      })
      .sort(
        (a, b) => (a.custodyClock.currentOrder?.daysLeft ?? 0) - (b.custodyClock.currentOrder?.daysLeft ?? 0),
      );
  }

  /** Defenders (each counted once) held in custody, by the country of their case. */
  static inCustodyByCountry(cases: CaseView[]): CustodyByCountry[] {
    const byCountry = new Map<string, Set<string>>();
    for (const found of cases) {
      const defenders = byCountry.get(found.country) ?? new Set<string>();
      defenders.add(found.defender.id);
      byCountry.set(found.country, defenders);
    }
    return [...byCountry.entries()]
      .map(([country, defenders]) => ({ country, defenders: defenders.size }))
      .sort((a, b) => b.defenders - a.defenders || a.country.localeCompare(b.country));
  }
}
