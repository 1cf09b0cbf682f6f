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
 * mayRead as an SQL condition on a user's role and an entry's visibility (two SQL expressions),
 * spelled out from mayRead itself so that SQL asks the same rule.
 */
export function mayReadSql(role: string, visibility: string): string {
  const pairs = USER_ROLES.flatMap((userRole) =>
    VISIBILITIES.filter((v) => mayRead({ role: userRole }, v)).map((v) => `('${userRole}', '${v}')`),
  );
  return `(${role}::text, ${visibility}::text) IN (VALUES ${pairs.join(', ')})`;
}
