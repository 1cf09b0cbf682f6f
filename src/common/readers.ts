import type { UserRole } from '../users/user.entity';
import { VISIBILITIES, Visibility } from './entry';

/**
 * Who reads something Vigil shows or sends: a user by their role, or an external address on a
 * case (a partner organisation, a lawyer), which has no role and never signs in.
 */
export type Reader = { role: UserRole } | 'external';

export const EXTERNAL: Reader = 'external';

/**
 * The one rule for what a reader may read of a case's entries: external addresses public entries
 * only, whatever a case's policy says; viewers everything but confidential entries; caseworkers
 * and admins everything. Every email, list, page and export asks this.
 */
export function mayRead(reader: Reader, visibility: Visibility): boolean {
  if (reader === 'external') {
    return visibility === 'public';
  }
  switch (reader.role) {
    case 'viewer':
      return visibility !== 'confidential';
    case 'caseworker':
    case 'admin':
      return true;
    default: {
      const unreachable: never = reader.role;
      throw new Error(`Unknown role ${String(unreachable)}`);
    }
  }
}

/** The visibilities a reader may read, for SQL filters (`visibility = ANY($n)`). */
export const readableBy = (reader: Reader): Visibility[] =>
  VISIBILITIES.filter((visibility) => mayRead(reader, visibility));

const RANK: Record<Visibility, number> = { public: 0, internal: 1, confidential: 2 };

/** What something built from several entries may be shown as: the most restrictive of them. */
export const mostRestrictive = (visibilities: Visibility[]): Visibility =>
  visibilities.reduce<Visibility>((most, v) => (RANK[v] > RANK[most] ? v : most), 'public');

/** Who may learn a fact that any one of several entries reveals on its own: the least restrictive. */
export const leastRestrictive = (visibilities: Visibility[]): Visibility =>
  visibilities.reduce<Visibility>((least, v) => (RANK[v] < RANK[least] ? v : least), 'confidential');
