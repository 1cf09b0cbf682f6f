import { caseIdVisibleSql, NO_TEAM_READER, userColumnsReader } from '../access/access-policy';
import { VISIBILITIES, Visibility } from '../common/entry';
import { EXTERNAL, mayRead, Reader } from '../common/readers';
import { USER_ROLES, UserRole } from '../users/user.entity';

// Who a case reminder goes to: pure, so the sender, the reminder lists and the "notifies nobody"
// warnings all decide it the same way.

/** Someone a case reminder could go to: a watcher by role; an external address has none. */
export interface Candidate {
  role: UserRole | null;
}

/**
 * The key of deliveries to the fallback address (beside 'user:<id>' and 'recipient:<id>'): one
 * fallback whatever its address, so a retry after the admin changes it does not mail it twice.
 */
export const FALLBACK_KEY = 'fallback:settings';

/** How the fallback address is named where a reminder's recipients are listed and in its mail. */
export const FALLBACK_NAME = 'Fallback address';

export const readerOf = (candidate: Candidate): Reader =>
  candidate.role ? { role: candidate.role } : EXTERNAL;

/**
 * Who gets a case reminder about an entry of this visibility: those of the case's unmuted watchers
 * and external recipients who may read it; when none of them may, the fallback address, which
 * reads as an external recipient does (public entries only: it may be a shared mailbox, and a leak
 * is worse than a reminder held back); else nobody.
 */
export function reminderRecipients<C extends Candidate>(
  onCase: C[],
  visibility: Visibility,
  fallback: C | null,
): C[] {
  const readers = onCase.filter((candidate) => mayRead(readerOf(candidate), visibility));
  if (readers.length) {
    return readers;
  }
  return fallback && mayRead(readerOf(fallback), visibility) ? [fallback] : [];
}

/**
 * mayRead as an SQL condition on a candidate's role (null: an external address) and an entry's
 * visibility, two SQL expressions; spelled out from mayRead itself, so that SQL asks the same rule.
 */
export function mayReadSql(role: string, visibility: string): string {
  const readers: [string, Reader][] = [
    ...USER_ROLES.map((userRole): [string, Reader] => [userRole, { role: userRole }]),
    ['external', EXTERNAL],
  ];
  const pairs = readers.flatMap(([name, reader]) =>
    VISIBILITIES.filter((v) => mayRead(reader, v)).map((v) => `('${name}', '${v}')`),
  );
  return `(coalesce(${role}::text, 'external'), ${visibility}::text) IN (VALUES ${pairs.join(', ')})`;
}

/**
 * The people on each case whom its reminders can reach, as rows (case_id, key, name, email,
 * language, role): its unmuted active watchers by role, and its external recipients (role null).
 * Only who may see the case (access-policy.ts): a watcher outside a restricted case's teams, and
 * every external recipient of a restricted case, is no one it can reach.
 * The sender, the reminder lists and the "notifies nobody" warnings all read this; a caller picks
 * its case with a condition on case_id, which PostgreSQL takes into both halves (an index lookup
 * each for one case, a hash join for many).
 */
export const CASE_AUDIENCE_SQL = `
  SELECT w.case_id, 'user:' || u.id AS key, u.name, u.email, u.language, u.role
    FROM case_watchers w JOIN users u ON u.id = w.user_id
   WHERE NOT w.muted AND u.active AND ${caseIdVisibleSql('w.case_id', userColumnsReader('u.id', 'u.role'))}
  UNION ALL
  SELECT cr.case_id, 'recipient:' || cr.id, cr.name, cr.email, cr.language, NULL
    FROM case_recipients cr
   WHERE ${caseIdVisibleSql('cr.case_id', NO_TEAM_READER)}`;

/** The fallback address as a row (key, name, email, language, role), when an admin has set one. */
export const FALLBACK_SQL = `
  SELECT '${FALLBACK_KEY}' AS key, '${FALLBACK_NAME}' AS name, fallback_email AS email,
         'en'::language AS language, NULL::user_role AS role
    FROM reminder_settings WHERE id = 1 AND fallback_email IS NOT NULL`;
