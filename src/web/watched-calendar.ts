import { Injectable } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, Matches } from 'class-validator';
import { DataSource } from 'typeorm';
import { caseVisibleSql, knownReader } from '../access/access-policy';
import { AuthUser, hasRole } from '../auth/auth-user';
import { CasesService } from '../cases/cases.service';
import { addDays, dayNumber, todayIn } from '../common/calendar-day';
import { Clock } from '../common/clock';
import { IsoDate } from '../common/entry';
import { readableBy } from '../common/readers';

// The calendar page: hearings and custody ends of the cases a user watches, a month at a time.

export const CALENDAR_VIEWS = ['month', 'agenda'] as const;
export type CalendarView = (typeof CALENDAR_VIEWS)[number];

export class CalendarPageQuery {
  @ApiPropertyOptional({ example: '2022-07' })
  @IsOptional()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'month must be a month as YYYY-MM, such as 2022-07' })
  month?: string;

  @ApiPropertyOptional({ enum: CALENDAR_VIEWS })
  @IsOptional()
  @IsIn(CALENDAR_VIEWS)
  view?: CalendarView;
}

export interface CalendarItem {
  kind: 'hearing' | 'custodyEnd';
  /** The day it falls on: a hearing's in its court's zone, an order's end as the order says. */
  day: IsoDate;
  caseId: string;
  caseTitle: string;
  defenderName: string;
  /** Hearings only: the court's wall clock and zone. */
  scheduledLocal?: string;
  timeKnown?: boolean;
  timezone?: string;
  status?: string;
}

/** The first day of `month` (YYYY-MM), and the first day of the next. */
export function monthBounds(month: string): { first: IsoDate; next: IsoDate } {
  const [year, number] = month.split('-').map(Number);
  const next = number === 12 ? `${year + 1}-01` : `${year}-${String(number + 1).padStart(2, '0')}`;
  return { first: `${month}-01`, next: `${next}-01` };
}

/** The month before or after `month` (YYYY-MM). */
export function shiftMonth(month: string, by: -1 | 1): string {
  const { first, next } = monthBounds(month);
  return (by === 1 ? next : addDays(first, -1)).slice(0, 7);
}

/** The weeks of `month`, Monday first, each seven days; null for the days of the months either side. */
export function monthWeeks(month: string): (IsoDate | null)[][] {
  const { first, next } = monthBounds(month);
  // 1 January 1970, day 0, was a Thursday: Monday is 0 below.
  const leading = (dayNumber(first) + 3) % 7;
  const days: (IsoDate | null)[] = Array.from({ length: leading }, () => null);
  for (let day = first; day < next; day = addDays(day, 1)) {
    days.push(day);
  }
  while (days.length % 7 !== 0) {
    days.push(null);
  }
  return Array.from({ length: days.length / 7 }, (_, week) => days.slice(week * 7, week * 7 + 7));
}

@Injectable()
export class WatchedCalendar {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cases: CasesService,
    private readonly clock: Clock,
  ) {}

  /** Today on the user's own wall clock (their settings' zone). */
  async today(user: AuthUser): Promise<IsoDate> {
    const [found] = (await this.dataSource.query(`SELECT timezone FROM users WHERE id = $1`, [user.id])) as {
      timezone: string;
    }[];
    return todayIn(this.clock.now(), found?.timezone ?? 'UTC');
  }

  /** What falls in `month` in the cases `user` watches and may see, by day then time. */
  async items(user: AuthUser, month: string): Promise<CalendarItem[]> {
    const { first, next } = monthBounds(month);
    const [hearings, custodyEnds] = await Promise.all([
      this.hearings(user, first, next),
      this.custodyEnds(user, first, next),
    ]);
    return [...hearings, ...custodyEnds].sort(
      (a, b) =>
        a.day.localeCompare(b.day) ||
        (a.scheduledLocal ?? a.day).localeCompare(b.scheduledLocal ?? b.day) ||
        a.caseTitle.localeCompare(b.caseTitle),
    );
  }

  private async hearings(user: AuthUser, first: IsoDate, next: IsoDate): Promise<CalendarItem[]> {
    const rows = (await this.dataSource.query(
      `SELECT h.case_id AS "caseId", c.title AS "caseTitle", d.full_name AS "defenderName", c.timezone,
              to_char(h.scheduled_local, 'YYYY-MM-DD"T"HH24:MI:SS') AS "scheduledLocal",
              h.time_known AS "timeKnown", h.status::text
         FROM hearings h
         JOIN cases c ON c.id = h.case_id
         JOIN defenders d ON d.id = c.defender_id
         JOIN case_watchers w ON w.case_id = c.id AND w.user_id = $1
        WHERE h.status <> 'cancelled' AND h.visibility = ANY($2::visibility[])
          AND h.scheduled_local >= $3::date AND h.scheduled_local < $4::date
          AND ${caseVisibleSql('c', knownReader(user, '$1::uuid'))}
        ORDER BY h.scheduled_local, h.id`,
      [user.id, readableBy(user), first, next],
    )) as Omit<CalendarItem, 'kind' | 'day'>[];
    return rows.map((row) => ({ kind: 'hearing', day: (row.scheduledLocal ?? '').slice(0, 10), ...row }));
  }

  /**
   * The end of each watched case's order in force today, when it falls in the month: the custody end
   * the case page counts down to. SQL finds the cases with an order of their open period ending then;
   * the custody clock decides which order is in force.
   */
  private async custodyEnds(user: AuthUser, first: IsoDate, next: IsoDate): Promise<CalendarItem[]> {
    const prefix = hasRole(user, 'caseworker') ? '' : 'viewer_';
    const candidates = (await this.dataSource.query(
      `SELECT DISTINCT c.id FROM cases c
         JOIN case_watchers w ON w.case_id = c.id AND w.user_id = $1
         JOIN custody_orders o ON o.id = ANY(c.${prefix}open_period_order_ids)
        WHERE least(o.ordered_on + o.days, o.until) >= $2::date AND least(o.ordered_on + o.days, o.until) < $3::date
          AND ${caseVisibleSql('c', knownReader(user, '$1::uuid'))}`,
      [user.id, first, next],
    )) as { id: string }[];
    const found = await this.cases.getMany(
      user,
      candidates.map(({ id }) => id),
    );
    return found.flatMap((kase): CalendarItem[] => {
      const ends = kase.custodyClock.currentOrder?.endsOn;
      return ends && ends >= first && ends < next
        ? [
            {
              kind: 'custodyEnd',
              day: ends,
              caseId: kase.id,
              caseTitle: kase.title,
              defenderName: kase.defender.fullName,
            },
          ]
        : [];
    });
  }
}
