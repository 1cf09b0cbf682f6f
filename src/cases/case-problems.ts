import { EntityManager } from 'typeorm';
import { defenderVisibleSql, knownReader } from '../access/access-policy';
import { AuthUser } from '../auth/auth-user';
import { futureDayProblem } from '../common/calendar-day';
import { FieldProblem } from '../common/domain-error';
import { DatePrecision, IsoDate } from '../common/entry';
import { DetentionStatus } from './case.entity';
import { placement } from './detention-order';
import { ownedEntryCount } from './participant-store';

// What a case's fields must satisfy before it is written: its dates, its defender, its co-accused.

const HELD: DetentionStatus[] = ['in_custody', 'house_arrest'];

export interface CaseDates {
  arrestedOn: IsoDate | null;
  arrestedOnPrecision: DatePrecision;
  releasedOn: IsoDate | null;
  releasedOnPrecision: DatePrecision;
}

/** What the arrest and release dates given with a new case must satisfy, `today` in the case's zone. */
export function caseDateProblems(
  dates: CaseDates & { detentionStatus?: DetentionStatus },
  today: IsoDate,
): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const { arrestedOn, arrestedOnPrecision, releasedOn } = dates;
  for (const field of ['arrestedOn', 'releasedOn'] as const) {
    const future = futureDayProblem(dates[field], today);
    if (future) {
      problems.push({ field, problem: future });
    }
  }
  if (releasedOn !== null && dates.detentionStatus !== undefined && HELD.includes(dates.detentionStatus)) {
    problems.push({
      field: 'releasedOn',
      problem: `contradicts detentionStatus ${dates.detentionStatus}: leave it out, or say on_bail or released`,
    });
  }
  for (const [field, day, precision] of [
    ['arrestedOn', arrestedOn, arrestedOnPrecision],
    ['releasedOn', releasedOn, dates.releasedOnPrecision],
  ] as const) {
    if (day !== null && precision === 'month' && !day.endsWith('-01')) {
      problems.push({
        field,
        problem: `must be the first day of its month when ${field}Precision is "month"`,
      });
    }
    if (day !== null && precision === 'year' && !day.endsWith('-01-01')) {
      problems.push({ field, problem: `must be 1 January of its year when ${field}Precision is "year"` });
    }
  }
  // A release known to its month or year stands at its end, so "released in 2016" fits a September arrest.
  if (
    arrestedOn !== null &&
    releasedOn !== null &&
    placement('release', releasedOn, dates.releasedOnPrecision) < arrestedOn
  ) {
    problems.push({ field: 'releasedOn', problem: `must not be before arrestedOn (${arrestedOn})` });
  }
  return problems;
}

/** The defenders among `ids` that exist and the reader may see: to them, the others do not exist. */
export async function visibleDefenders(
  manager: EntityManager,
  user: AuthUser,
  ids: string[],
): Promise<Set<string>> {
  const rows = (await manager.query(
    `SELECT d.id FROM defenders d WHERE d.id = ANY($1::uuid[]) AND ${defenderVisibleSql('d.id', knownReader(user, '$2'))}`,
    [ids, user.id],
  )) as { id: string }[];
  return new Set(rows.map((row) => row.id));
}

export async function defenderProblems(
  manager: EntityManager,
  user: AuthUser,
  defenderId: string,
): Promise<FieldProblem[]> {
  return (await visibleDefenders(manager, user, [defenderId])).has(defenderId)
    ? []
    : [{ field: 'defenderId', problem: `matches no defender (${defenderId})` }];
}

export async function coAccusedProblems(
  manager: EntityManager,
  user: AuthUser,
  defenderId: string,
  coAccusedIds: string[],
): Promise<FieldProblem[]> {
  if (coAccusedIds.length === 0) {
    return [];
  }
  const known = await visibleDefenders(manager, user, coAccusedIds);
  return coAccusedIds.flatMap((id) =>
    id === defenderId
      ? [{ field: 'coAccusedIds', problem: `must not include the case's own defender (${id})` }]
      : known.has(id)
        ? []
        : [{ field: 'coAccusedIds', problem: `contains ${id}, which matches no defender` }],
  );
}

/** A co-accused who owns entries cannot leave the case: their entries would lose their person. */
export async function leavingProblems(
  manager: EntityManager,
  caseId: string,
  leaving: string[],
): Promise<FieldProblem[]> {
  const problems: FieldProblem[] = [];
  for (const defenderId of leaving) {
    const owned = await ownedEntryCount(manager, caseId, defenderId);
    if (owned > 0) {
      problems.push({
        field: 'coAccusedIds',
        problem: `cannot drop ${defenderId}: ${owned} ${owned === 1 ? 'entry belongs' : 'entries belong'} to them; move or share ${owned === 1 ? 'it' : 'them'} first`,
      });
    }
  }
  return problems;
}
