import { caseVisibleSql, defenderVisibleSql, knownReader } from '../access/access-policy';
import { Visibility } from '../common/entry';
import { UserRole } from '../users/user.entity';
import { escapeLike } from './search-terms';

export const SEARCH_KINDS = ['defender', 'case', 'charge', 'event', 'hearing'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** One row of GET /api/search, as the SQL below answers it. */
export interface SearchHitRow {
  kind: SearchKind;
  id: string;
  title: string;
  detail: string | null;
  /** The entry's day (event, charge brought, hearing's local day); null for defenders and cases. */
  day: string | null;
  entryType: string | null;
  caseId: string | null;
  caseTitle: string | null;
  defenderId: string;
  defenderName: string;
  score: number;
}

/**
 * What each kind searches: the same expression as its GIN index (migration Search1797000000000),
 * so the index serves the query. Entry text is searched only where the reader may read the entry.
 */
const SOURCES: { kind: SearchKind; doc: string; sql: (where: string, score: string) => string }[] = [
  {
    kind: 'defender',
    doc: 'vigil_defender_search_doc(d.full_name, d.other_names)',
    sql: (where, score) => `SELECT 'defender' AS kind, d.id, d.full_name AS title,
        NULLIF(array_to_string(d.other_names, ', '), '') AS detail, NULL::text AS day, NULL::text AS "entryType",
        NULL::uuid AS "caseId", NULL::text AS "caseTitle", d.id AS "defenderId", d.full_name AS "defenderName",
        ${score} AS score
      FROM defenders d WHERE ${where}`,
  },
  {
    kind: 'case',
    doc: 'vigil_case_search_doc(c.title, c.case_number, c.court)',
    sql: (
      where,
      score,
    ) => `SELECT 'case' AS kind, c.id, c.title, NULLIF(concat_ws(' · ', c.case_number, c.court), '') AS detail,
        NULL::text AS day, NULL::text AS "entryType", c.id AS "caseId", c.title AS "caseTitle",
        d.id AS "defenderId", d.full_name AS "defenderName", ${score} AS score
      FROM cases c JOIN defenders d ON d.id = c.defender_id WHERE ${where}`,
  },
  {
    kind: 'charge',
    doc: 'vigil_charge_search_doc(ch.law, ch.section, ch.offence)',
    sql: (
      where,
      score,
    ) => `SELECT 'charge' AS kind, ch.id, ch.law || ' s. ' || ch.section AS title, ch.offence AS detail,
        ch.brought_on::text AS day, ch.status::text AS "entryType", c.id AS "caseId", c.title AS "caseTitle",
        d.id AS "defenderId", d.full_name AS "defenderName", ${score} AS score
      FROM charges ch JOIN cases c ON c.id = ch.case_id JOIN defenders d ON d.id = c.defender_id
      WHERE ch.visibility = ANY($1::visibility[]) AND ${where}`,
  },
  {
    kind: 'event',
    doc: 'vigil_event_search_doc(e.title, e.description)',
    sql: (where, score) => `SELECT 'event' AS kind, e.id, e.title, e.description AS detail,
        e.occurred_on::text AS day, e.type::text AS "entryType", c.id AS "caseId", c.title AS "caseTitle",
        d.id AS "defenderId", d.full_name AS "defenderName", ${score} AS score
      FROM events e JOIN cases c ON c.id = e.case_id JOIN defenders d ON d.id = c.defender_id
      WHERE e.visibility = ANY($1::visibility[]) AND ${where}`,
  },
  {
    kind: 'hearing',
    doc: 'vigil_hearing_search_doc(h.court, h.purpose, h.outcome_notes)',
    sql: (where, score) => `SELECT 'hearing' AS kind, h.id, h.purpose AS title,
        NULLIF(concat_ws(' · ', h.court, h.outcome_notes), '') AS detail, h.scheduled_local::date::text AS day,
        h.status::text AS "entryType", c.id AS "caseId", c.title AS "caseTitle",
        d.id AS "defenderId", d.full_name AS "defenderName", ${score} AS score
      FROM hearings h JOIN cases c ON c.id = h.case_id JOIN defenders d ON d.id = c.defender_id
      WHERE h.visibility = ANY($1::visibility[]) AND ${where}`,
  },
];

/** How a query names one word's two parameters: the word, and the word escaped for LIKE. */
export type TermRef = { word: string; fragment: string };

/** Positional references ($n) for raw SQL, the words' parameters starting at $first. */
export const positionalRefs = (first: number, terms: number): TermRef[] =>
  Array.from({ length: terms }, (_, i) => ({ word: `$${first + 2 * i}`, fragment: `$${first + 2 * i + 1}` }));

/**
 * Every word must be in the searched text, as a fragment ("urra") or, when `nearSpellings`, also
 * spelled nearly alike (trigram word similarity at pg_trgm's threshold, so "khuram" finds
 * "Khurram"). Both forms are served by the text's trigram index.
 */
export const termsMatch = (doc: string, refs: TermRef[], nearSpellings: boolean): string =>
  refs
    .map(({ word, fragment }) => {
      const asFragment = `${doc} LIKE '%' || vigil_fold(${fragment}) || '%'`;
      return nearSpellings ? `(${doc} %> vigil_fold(${word}) OR ${asFragment})` : asFragment;
    })
    .join(' AND ');

/** The parameters of termsMatch, in the order of positionalRefs. */
export const termParams = (terms: string[]): string[] => terms.flatMap((term) => [term, escapeLike(term)]);

/** How well a text matches: the sum of each word's best similarity to a stretch of the text. */
const termsScore = (doc: string, refs: TermRef[]): string =>
  refs.map(({ word }) => `word_similarity(vigil_fold(${word}), ${doc})`).join(' + ');

/**
 * One ranked search over defenders, cases, charges and entry text: $1 the visibilities whose entries
 * may be searched, $2 the limit, then the words (termParams), then the reader's id. Each kind gives
 * its best rows first, then all are ranked together; ties go to defenders, then cases, then entries.
 * With a `reader`, only the defenders and cases they may see (access-policy.ts) are searched, and
 * entries only of those cases; without one (the benchmark, an index check), everything.
 */
export function searchSql(
  terms: string[],
  readable: Visibility[],
  limit: number,
  reader?: { id: string; role: UserRole },
): { sql: string; params: unknown[] } {
  const refs = positionalRefs(3, terms.length);
  const sqlReader = reader ? knownReader(reader, `$${3 + 2 * terms.length}::uuid`) : null;
  const access = (kind: SearchKind): string =>
    !sqlReader
      ? 'TRUE'
      : kind === 'defender'
        ? defenderVisibleSql('d.id', sqlReader)
        : caseVisibleSql('c', sqlReader);
  const kinds = SOURCES.map(
    ({ kind, doc, sql }) =>
      `(${sql(`${termsMatch(doc, refs, true)} AND ${access(kind)}`, termsScore(doc, refs))} ORDER BY score DESC LIMIT $2)`,
  );
  const rank = `array_position(ARRAY[${SEARCH_KINDS.map((kind) => `'${kind}'`).join(', ')}], kind)`;
  return {
    sql: `SELECT * FROM (${kinds.join('\nUNION ALL\n')}) hits ORDER BY score DESC, ${rank}, title LIMIT $2`,
    params: [searchableVisibilities(readable), limit, ...termParams(terms), ...(reader ? [reader.id] : [])],
  };
}

/**
 * Confidential text is encrypted at rest, so it is never searched, even for caseworkers; internal
 * and public entries are searched for those who may read them.
 */
export const searchableVisibilities = (readable: Visibility[]): Visibility[] =>
  readable.filter((visibility) => visibility !== 'confidential');
