import { GeneratedDataSet } from './generate';
import { RequestSpec } from './load';
import { Random } from './random';

// The requests each scenario sends. The baseline server answers the read routes at the same paths,
// so one request generator drives both servers.

export interface Scenario {
  name: string;
  description: string;
  route: string;
  read: boolean;
  /** Whether the baseline server answers it too. */
  baseline: boolean;
  /** The JSON API takes a bearer token; the web pages a session cookie. */
  auth: 'bearer' | 'session';
  next: (random: Random) => RequestSpec;
}

const query = (params: Record<string, string | undefined>): string =>
  new URLSearchParams(
    Object.entries(params).filter((entry): entry is [string, string] => entry[1] !== undefined),
  ).toString();

export function scenarios(data: GeneratedDataSet): Scenario[] {
  const list: Scenario[] = [
    {
      name: 'timeline-typical',
      description: 'Timeline of a typical case (random among 1,000; first page)',
      route: 'GET /api/cases/:id/timeline',
      read: true,
      baseline: true,
      auth: 'bearer',
      next: (random) => ({ method: 'GET', path: `/api/cases/${random.pick(data.typicalCaseIds)}/timeline` }),
    },
    {
      name: 'timeline-largest',
      description: 'Timeline of the largest case (thousands of entries; first page)',
      route: 'GET /api/cases/:id/timeline',
      read: true,
      baseline: true,
      auth: 'bearer',
      next: () => ({ method: 'GET', path: `/api/cases/${data.largestCaseId}/timeline` }),
    },
    {
      name: 'case-list',
      description: 'Case list filtered by country, status and detention status (first page)',
      route: 'GET /api/cases?country=&status=&detentionStatus=',
      read: true,
      baseline: true,
      auth: 'bearer',
      next: (random) => ({ method: 'GET', path: `/api/cases?${query(random.pick(data.caseFilters))}` }),
    },
    {
      name: 'defender-search',
      description: 'Defender search by a fragment of a name (first page)',
      route: 'GET /api/defenders?q=',
      read: true,
      baseline: true,
      auth: 'bearer',
      next: (random) => ({
        method: 'GET',
        path: `/api/defenders?${query({ q: random.pick(data.searchTerms) })}`,
      }),
    },
    {
      name: 'search',
      description:
        'The search box: a name fragment, a full name or a misspelt name, over defenders, cases, charges and entries',
      route: 'GET /api/search?q=',
      read: true,
      baseline: true,
      auth: 'bearer',
      next: (random) => {
        const term = random.pick(data.searchTerms);
        return {
          method: 'GET',
          path: `/api/search?${query({ q: random.chance(0.5) ? misspelt(term) : term })}`,
        };
      },
    },
  ];
  list.push({
    name: 'create-event',
    description: 'Create an event with a source on a random case (audited, in one transaction)',
    route: 'POST /api/cases/:caseId/events',
    read: false,
    baseline: false,
    auth: 'bearer',
    next: (random) => ({
      method: 'POST',
      path: `/api/cases/${random.pick(data.typicalCaseIds)}/events`,
      body: JSON.stringify({
        occurredOn: `20${random.int(15, 24)}-0${random.int(1, 9)}-1${random.int(0, 9)}`,
        precision: 'day',
        type: 'statement',
        description: 'Bench: a coalition statement on the case.',
        visibility: 'public',
        sources: [{ citation: 'Bench source', url: 'https://example.org/statement' }],
      }),
    }),
  });
  // Last: at scale it is the heaviest request by far, and it must not skew the others.
  list.push({
    name: 'dashboard',
    description:
      'Dashboard page (HTML, session cookie): hearings in 14 days, outcomes missing, custody ending in 7 days, reminders',
    route: 'GET /',
    read: true,
    baseline: true,
    auth: 'session',
    next: () => ({ method: 'GET', path: '/' }),
  });
  return list;
}

/** A name as people mistype it: one letter inside it dropped ("khuram" for "khurram"). */
function misspelt(term: string): string {
  const middle = Math.floor(term.length / 2);
  return term.length >= 5 ? term.slice(0, middle) + term.slice(middle + 1) : term;
}
