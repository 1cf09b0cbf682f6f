import { caseVisibleSql, knownReader } from '../access/access-policy';
import { AuthUser, hasRole } from '../auth/auth-user';
import { DataSource } from 'typeorm';
import { readableBy } from '../common/readers';
import type { CaseStageKind, CaseStatus } from './case-stages';
import type { DetentionStatus } from './case.entity';

export const CASE_SORTS = ['created', 'nextHearing', 'custodyEnd', 'daysInCustody', 'lastChange'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** Each sort's own order: what is soonest, or what has lasted or changed most, comes first. */
export const NATURAL_ORDER: Record<CaseSort, SortOrder> = {
  created: 'desc',
  nextHearing: 'asc',
  custodyEnd: 'asc',
  daysInCustody: 'desc',
  lastChange: 'desc',
};

export interface CaseListFilters {
  defenderId?: string;
  country?: string;
  status?: CaseStatus;
  detentionStatus?: DetentionStatus;
  stage?: CaseStageKind;
  watcher?: string;
  sort?: CaseSort;
  order?: SortOrder;
}

const ORDER_END = (alias: string) => `least(${alias}.ordered_on + ${alias}.days, ${alias}.until)`;

/**
 * A sort key in SQL, as the case page computes it (next-hearing.ts, detention-history.ts), from the
 * columns folded for the reader (`prefix` is 'viewer_' below caseworker). `now` and `readable` are
 * the placeholders of the instant and of the visibilities the reader may read; each case's today
 * is in its courts' zone.
 */
function sortKey(sort: CaseSort, prefix: string, now: () => string, readable: () => string): string {
  const today = () => `((${now()}::timestamptz) AT TIME ZONE c.timezone)::date`;
  switch (sort) {
    case 'created':
      return 'c.created_at';
    case 'nextHearing':
      // A hearing whose time is unknown is upcoming for the whole of its day.
      return `(SELECT min(h.scheduled_at) FROM hearings h
                WHERE h.case_id = c.id AND h.status = 'scheduled' AND h.visibility = ANY(${readable()})
                  AND CASE WHEN h.time_known THEN h.scheduled_at >= ${now()}::timestamptz
                           ELSE h.scheduled_local::date >= ${today()} END)`;
    case 'custodyEnd': {
      // orderInForce: the latest order made by today among the open period's whose end is today or
      // later; an order with no end runs while no later one is made.
      const day = today();
      const orders = `c.${prefix}open_period_order_ids`;
      return `(SELECT ${ORDER_END('o')} FROM custody_orders o
                WHERE o.id = ANY(${orders}) AND o.ordered_on <= ${day}
                  AND (${ORDER_END('o')} >= ${day}
                       OR (${ORDER_END('o')} IS NULL AND o.ordered_on = (
                             SELECT max(m.ordered_on) FROM custody_orders m
                              WHERE m.id = ANY(${orders}) AND m.ordered_on <= ${day})))
                ORDER BY o.ordered_on DESC, o.created_at DESC, o.id DESC LIMIT 1)`;
    }
    case 'daysInCustody':
      return `CASE WHEN c.${prefix}custody_days_closed IS NULL AND c.${prefix}custody_open_since IS NULL THEN NULL
                   ELSE coalesce(c.${prefix}custody_days_closed, 0)
                        + coalesce(greatest(0, ${today()} - c.${prefix}custody_open_since), 0) END`;
    case 'lastChange':
      return lastChangeSql(prefix);
  }
}

/**
 * When the case last changed as the reader may know it: for those who read everything, when its row
 * was last stamped (every entry change stamps it); for viewers, the last change they could see, kept
 * by triggers (migrations/1797200000000-CaseListSortKeys.ts), or the case's creation.
 */
export const lastChangeSql = (prefix: string): string =>
  prefix === '' ? 'c.updated_at' : 'greatest(c.created_at, c.viewer_last_change_at)';

/** When each of `ids` last changed, as `user` may know it (lastChangeSql). */
export async function lastChanges(
  dataSource: DataSource,
  user: AuthUser,
  ids: string[],
): Promise<Map<string, Date>> {
  const rows = (await dataSource.query(
    `SELECT c.id, ${lastChangeSql(hasRole(user, 'caseworker') ? '' : 'viewer_')} AS "changedAt"
       FROM cases c WHERE c.id = ANY($1::uuid[])`,
    [ids],
  )) as { id: string; changedAt: Date }[];
  return new Map(rows.map(({ id, changedAt }) => [id, changedAt]));
}

export interface CaseListSql {
  /** FROM and WHERE, for the count and the page. */
  from: string;
  orderBy: string;
  /** Those of `from` first (the count takes `filterParams` of them), then those of `orderBy`. */
  params: unknown[];
  filterParams: number;
}

/**
 * The cases a reader may see that match the filters, in the order asked for, in SQL: sorting and
 * paging thousands of cases must not load them. Viewers filter and sort on what their entries tell.
 */
export function caseListSql(user: AuthUser, filters: CaseListFilters, now: Date): CaseListSql {
  const caseworker = hasRole(user, 'caseworker');
  const prefix = caseworker ? '' : 'viewer_';
  const params: unknown[] = [user.id];
  const bind = (value: unknown): string => {
    params.push(value);
    return `$${params.length}`;
  };
  const conditions = [caseVisibleSql('c', knownReader(user, '$1::uuid'))];
  if (filters.defenderId !== undefined) {
    conditions.push(`c.defender_id = ${bind(filters.defenderId)}::uuid`);
  }
  if (filters.country !== undefined) {
    conditions.push(`c.country = ${bind(filters.country)}`);
  }
  if (filters.status !== undefined) {
    conditions.push(`c.${prefix}status = ${bind(filters.status)}::case_status`);
  }
  if (filters.detentionStatus !== undefined) {
    conditions.push(`c.${prefix}detention_status = ${bind(filters.detentionStatus)}::detention_status`);
  }
  if (filters.stage !== undefined) {
    conditions.push(`c.${prefix}stage = ${bind(filters.stage)}::case_stage`);
  }
  if (filters.watcher !== undefined) {
    const watcher = filters.watcher === 'me' ? '$1::uuid' : `${bind(filters.watcher)}::uuid`;
    conditions.push(
      `EXISTS (SELECT 1 FROM case_watchers w WHERE w.case_id = c.id AND w.user_id = ${watcher})`,
    );
  }
  const filterParams = params.length;
  const sort = filters.sort ?? 'created';
  const order = (filters.order ?? NATURAL_ORDER[sort]).toUpperCase();
  let nowAt: string | undefined;
  let readableAt: string | undefined;
  const key = sortKey(
    sort,
    prefix,
    () => (nowAt ??= bind(now)),
    () => (readableAt ??= `${bind(readableBy(user))}::visibility[]`),
  );
  return {
    from: `FROM cases c WHERE ${conditions.join(' AND ')}`,
    // Cases without the value last either way; ties newest first, then by id, so pages never overlap.
    orderBy: `ORDER BY ${key} ${order} NULLS LAST, c.created_at DESC, c.id DESC`,
    params,
    filterParams,
  };
}
