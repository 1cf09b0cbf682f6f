// Which case or defender a route is about, read from its path template and parameters, so one
// interceptor (access.interceptor.ts) answers 404 for every route about something the reader may
// not see, API and pages alike, including routes added later that follow the same shapes.

export type EntryTable = 'charges' | 'hearings' | 'events' | 'custody_orders' | 'reminders';

export type Subject =
  | { kind: 'case'; id: string }
  | { kind: 'defender'; id: string }
  | { kind: 'entry'; table: EntryTable; id: string }
  /** A file attached to an entry (entry_documents): its case is its entry's. */
  | { kind: 'document'; id: string };

const ENTRY_SEGMENTS: Record<string, EntryTable> = {
  charges: 'charges',
  hearings: 'hearings',
  events: 'events',
  'custody-orders': 'custody_orders',
  reminders: 'reminders',
};

/** The kinds of /entries/:kind/:id routes (moving an entry), as their tables. */
const ENTRY_KINDS: Record<string, EntryTable> = {
  event: 'events',
  charge: 'charges',
  hearing: 'hearings',
  custody_order: 'custody_orders',
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `path` is the route's template as registered ("/api/cases/:id/chronology"), `params` its values.
 * Returns null for routes about no case or defender (users, teams, settings, feeds by id).
 */
export function subjectOf(path: string, params: Record<string, string | undefined>): Subject | null {
  // An id that is no uuid matches nothing; the route's own validation answers it (400).
  if (params.caseId) {
    return UUID.test(params.caseId) ? { kind: 'case', id: params.caseId } : null;
  }
  const id = params.id;
  if (!id || !UUID.test(id)) {
    return null;
  }
  const segments = path.split('/').filter(Boolean);
  const at = segments.indexOf(':id');
  const owner = (segments[0] === 'api' || segments[0] === 'settings' ? segments.slice(1) : segments)[0];
  if (owner === 'entries' && segments[at - 1] === ':kind') {
    // An unknown kind matches nothing; the route's own validation answers it (400).
    const table = params.kind ? ENTRY_KINDS[params.kind] : undefined;
    return table ? { kind: 'entry', table, id } : null;
  }
  if (at < 1 || segments[at - 1] !== owner) {
    return null;
  }
  if (owner === 'cases') {
    return { kind: 'case', id };
  }
  if (owner === 'defenders') {
    return { kind: 'defender', id };
  }
  if (owner === 'documents') {
    return { kind: 'document', id };
  }
  const table = ENTRY_SEGMENTS[owner];
  return table ? { kind: 'entry', table, id } : null;
}
