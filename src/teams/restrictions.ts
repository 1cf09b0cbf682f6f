import { EntityManager } from 'typeorm';
import { TeamSummary } from './dto/team.dto';

/** What can be restricted to teams, with the table naming its teams. */
export type Restricted = 'case' | 'defender';

export const RESTRICTION_TABLES = {
  case: { table: 'case_teams', column: 'case_id' },
  defender: { table: 'defender_teams', column: 'defender_id' },
} as const satisfies Record<Restricted, object>;

/**
 * The teams of each case or defender among `ids`, by name; an id missing from the map is not
 * restricted. Shown as `restrictedTo` wherever a case or defender is.
 */
export async function restrictionsOf(
  manager: EntityManager,
  kind: Restricted,
  ids: string[],
): Promise<Map<string, TeamSummary[]>> {
  const { table, column } = RESTRICTION_TABLES[kind];
  const rows = (await manager.query(
    `SELECT r.${column} AS "subjectId", t.id, t.name FROM ${table} r JOIN teams t ON t.id = r.team_id
      WHERE r.${column} = ANY($1::uuid[]) ORDER BY lower(t.name), t.id`,
    [ids],
  )) as (TeamSummary & { subjectId: string })[];
  const found = new Map<string, TeamSummary[]>();
  for (const { subjectId, id, name } of rows) {
    found.set(subjectId, [...(found.get(subjectId) ?? []), { id, name }]);
  }
  return found;
}
