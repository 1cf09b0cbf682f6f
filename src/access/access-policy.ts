import { USER_ROLES, UserRole } from '../users/user.entity';

// Who may see a defender or a case, given team restrictions: the one rule, spelled twice in this
// file only, as a pure function (one row already loaded) and as SQL (lists and counts filter in
// the database). test/teams.e2e-spec.ts checks that the two agree.
//
// A defender or case with no team is open to every signed-in user (roles still decide what they
// may do). One restricted to teams is seen by members of any of those teams, and by admins. A case
// takes the restrictions of its defender and of each co-accused too: its entries (a hearing, a
// raid) concern all of them, so a case with a restricted co-accused is hidden from a reader who
// may not see that co-accused, rather than shown with the co-accused cut out.

export interface TeamReader {
  role: UserRole;
  teamIds: readonly string[];
}

/**
 * open: no restriction applies; member: restricted, and the reader is in a team of every
 * restriction; admin: restricted, and seen because the reader is an admin (such reads are
 * audited); hidden: the reader gets 404, exactly as if it did not exist.
 */
export type Access = 'open' | 'member' | 'admin' | 'hidden';

/**
 * `restrictions` holds, for each thing that restricts the subject (the case itself, its defender,
 * each co-accused), the teams it is restricted to; an empty list restricts nothing.
 */
export function accessTo(reader: TeamReader, restrictions: readonly (readonly string[])[]): Access {
  const closed = restrictions.filter((teams) => teams.length > 0);
  if (closed.length === 0) {
    return 'open';
  }
  if (reader.role === 'admin') {
    return 'admin';
  }
  const mine = new Set(reader.teamIds);
  return closed.every((teams) => teams.some((team) => mine.has(team))) ? 'member' : 'hidden';
}

export const mayRead = (access: Access): boolean => access !== 'hidden';

/** A reader as SQL expressions: its user id (uuid) and its role (text or user_role). */
export interface SqlReader {
  id: string;
  role: string;
}

/** A signed-in user as an SqlReader: the id through a query parameter, the role (one of USER_ROLES) inline. */
export function knownReader(user: { role: UserRole }, idParameter: string): SqlReader {
  if (!USER_ROLES.includes(user.role)) {
    throw new Error(`Unknown role ${String(user.role)}`);
  }
  return { id: idParameter, role: `'${user.role}'` };
}

// The aliases below are unusual on purpose: a fragment is pasted into its caller's query.
const inTeamOf = (
  table: 'case_teams' | 'defender_teams',
  column: string,
  subject: string,
  reader: SqlReader,
) =>
  `(NOT EXISTS (SELECT 1 FROM ${table} acc_r WHERE acc_r.${column} = ${subject})
     OR EXISTS (SELECT 1 FROM ${table} acc_r JOIN team_members acc_m ON acc_m.team_id = acc_r.team_id
                 WHERE acc_r.${column} = ${subject} AND acc_m.user_id = ${reader.id}))`;

/** accessTo(…) !== 'hidden' for the defender whose id is the SQL expression `defenderId`. */
export const defenderVisibleSql = (defenderId: string, reader: SqlReader): string =>
  `(${reader.role} = 'admin' OR ${inTeamOf('defender_teams', 'defender_id', defenderId, reader)})`;

/** accessTo(…) !== 'hidden' for the row of `cases` under the alias `caseAlias`. */
export const caseVisibleSql = (caseAlias: string, reader: SqlReader): string => {
  // Quoted: the alias may be a keyword ("case").
  const row = `"${caseAlias}"`;
  return `(${reader.role} = 'admin' OR (${inTeamOf('case_teams', 'case_id', `${row}.id`, reader)}
     AND ${inTeamOf('defender_teams', 'defender_id', `${row}.defender_id`, reader)}
     AND NOT EXISTS (SELECT 1 FROM case_participants acc_l
                      WHERE acc_l.case_id = ${row}.id AND NOT acc_l.main
                        AND NOT ${inTeamOf('defender_teams', 'defender_id', 'acc_l.defender_id', reader)})))`;
};

/** The same for a case known by the SQL expression `caseId` (an entry's or a reminder's case_id). */
export const caseIdVisibleSql = (caseId: string, reader: SqlReader): string =>
  `(${reader.role} = 'admin' OR EXISTS (SELECT 1 FROM cases acc_c WHERE acc_c.id = ${caseId} AND ${caseVisibleSql('acc_c', reader)}))`;

/**
 * An external address (a case's partner or lawyer, the fallback mailbox) as a reader: in no team
 * and no admin, so it sees only what no team restricts.
 */
export const NO_TEAM_READER: SqlReader = { id: 'NULL::uuid', role: `'external'` };

/** A user whose id and role are columns of the caller's query (a watcher, a feed's owner). */
export const userColumnsReader = (idColumn: string, roleColumn: string): SqlReader => ({
  id: idColumn,
  role: roleColumn,
});
