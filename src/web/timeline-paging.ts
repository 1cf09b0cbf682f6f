import { PaginationQuery } from '../common/pagination';
import { TimelineEntry, TimelinePageRequest } from '../timeline/timeline.service';
import { readForm, validateAs } from './forms';

/** Entries a timeline page shows at once: a long case is read a page at a time, never whole. */
export const TIMELINE_PAGE_SIZE = 50;

/** The page a pager link asks for (?offset=), refused (400) as the API refuses a bad offset. */
export async function timelinePageRequest(offset: unknown): Promise<TimelinePageRequest> {
  const query = await validateAs(PaginationQuery, readForm({ offset }, { offset: 'int' }, 'create'));
  return { limit: TIMELINE_PAGE_SIZE, offset: query.offset };
}

export interface TimelinePager {
  total: number;
  /** 1-based positions of the first and last entries shown. */
  first: number;
  last: number;
  /** The offsets the earlier and later links go to; null where there is none. */
  earlier: number | null;
  later: number | null;
}

export function timelinePager(total: number, request: TimelinePageRequest, shown: number): TimelinePager {
  const { limit, offset } = request;
  return {
    total,
    first: shown > 0 ? offset + 1 : 0,
    last: offset + shown,
    earlier: offset > 0 ? Math.max(0, Math.min(offset, total) - limit) : null,
    later: offset + limit < total ? offset + limit : null,
  };
}

/** The same entry listed twice (on the page and in a panel) is one entry: for the read audit. */
export function distinctEntries(entries: TimelineEntry[]): TimelineEntry[] {
  return [...new Map(entries.map((entry) => [`${entry.kind}:${entry.id}`, entry])).values()];
}
