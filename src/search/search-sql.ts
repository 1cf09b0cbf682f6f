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

// An entry's or a case's defender is named by a lookup per row returned, not a join: the statement
// is planned on every search, and each join adds to its largest part (bench/analysis.md).
const DEFENDER_NAME = '(SELECT d.full_name FROM defenders d WHERE d.id = c.defender_id) AS "defenderName"';

/**
 * What each kind searches: its words (vigil_search_words of the text the migration Search1797000000000
 * folds), the same expression as its GIN index (migration SearchWords1797400000000), so the index
 * serves the query. Entry text is searched only where the reader may read the entry; confidential
 * text, sealed at rest, is never indexed nor searched.
 */
const SOURCES: { kind: SearchKind; words: string; columns: string; from: string; searchable: string }[] = [
  {
    kind: 'defender',
    words: 'vigil_search_words(vigil_defender_search_doc(d.full_name, d.other_names))',
    columns: `d.id, d.full_name AS title, NULLIF(array_to_string(d.other_names, ', '), '') AS detail,
        NULL::text AS day, NULL::text AS "entryType", NULL::uuid AS "caseId", NULL::text AS "caseTitle",
        d.id AS "defenderId", d.full_name AS "defenderName"`,
    from: 'defenders d',
    searchable: 'TRUE',
  },
  {
    kind: 'case',
    words: 'vigil_search_words(vigil_case_search_doc(c.title, c.case_number, c.court))',
    columns: `c.id, c.title, NULLIF(concat_ws(' · ', c.case_number, c.court), '') AS detail,
        NULL::text AS day, NULL::text AS "entryType", c.id AS "caseId", c.title AS "caseTitle",
        c.defender_id AS "defenderId", ${DEFENDER_NAME}`,
    from: 'cases c',
    searchable: 'TRUE',
  },
  {
    kind: 'charge',
    words: 'vigil_search_words(vigil_charge_search_doc(ch.law, ch.section, ch.offence))',
    columns: `ch.id, ch.law || ' s. ' || ch.section AS title, ch.offence AS detail,
        ch.brought_on::text AS day, ch.status::text AS "entryType", c.id AS "caseId", c.title AS "caseTitle",
        c.defender_id AS "defenderId", ${DEFENDER_NAME}`,
    from: 'charges ch JOIN cases c ON c.id = ch.case_id',
    searchable: `ch.visibility <> 'confidential' AND ch.visibility = ANY($1::visibility[])`,
  },
  {
    kind: 'event',
    words: 'vigil_search_words(vigil_event_search_doc(e.title, e.description))',
    columns: `e.id, e.title, e.description AS detail,
        e.occurred_on::text AS day, e.type::text AS "entryType", c.id AS "caseId", c.title AS "caseTitle",
        c.defender_id AS "defenderId", ${DEFENDER_NAME}`,
    from: 'events e JOIN cases c ON c.id = e.case_id',
    searchable: `e.visibility <> 'confidential' AND e.visibility = ANY($1::visibility[])`,
  },
  {
    kind: 'hearing',
    words: 'vigil_search_words(vigil_hearing_search_doc(h.court, h.purpose, h.outcome_notes))',
    columns: `h.id, h.purpose AS title, NULLIF(concat_ws(' · ', h.court, h.outcome_notes), '') AS detail,
        h.scheduled_local::date::text AS day, h.status::text AS "entryType", c.id AS "caseId",
        c.title AS "caseTitle", c.defender_id AS "defenderId", ${DEFENDER_NAME}`,
    from: 'hearings h JOIN cases c ON c.id = h.case_id',
    searchable: `h.visibility <> 'confidential' AND h.visibility = ANY($1::visibility[])`,
  },
];

/** The columns of SearchHitRow but the score, as each kind's rows carry them. */
const HIT_COLUMNS =
  'kind, id, title, detail, day, "entryType", "caseId", "caseTitle", "defenderId", "defenderName"';

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

/**
 * The indexed words near each typed word (candidates_1, candidates_2, …), with how near: spelled
 * nearly alike (trigram word similarity at pg_trgm's threshold, so "khuram" finds "khurram") or
 * containing it ("urra"). A few thousand distinct words, not millions of rows, are matched fuzzily.
 * Two queries, not one with OR: a fragment too short for a trigram ("le") matches every word of the
 * index, and only the cheap LIKE should then be checked on each.
 */
const candidateWords = (refs: TermRef[]): string =>
  refs
    .map(
      ({ word, fragment }, i) => `candidates_${i + 1} AS MATERIALIZED (
        SELECT word, word_similarity(vigil_fold(${word}), word) AS similarity FROM search_words
        WHERE word %> vigil_fold(${word})
        UNION
        SELECT word, word_similarity(vigil_fold(${word}), word) FROM search_words
        WHERE word LIKE '%' || vigil_fold(${fragment}) || '%')`,
    )
    .join(',\n');

/**
 * How well a row matches: the sum, over the typed words, of the similarity of its nearest word. The
 * first typed word's is the candidate the row was fetched by (the nearest, as candidates come nearest
 * first); the others' are read from the row's words, which are computed only then (the row's text
 * is folded by a function call per row). Unnested, they are folded once per row: matched with
 * `= ANY(words)`, the planner folded them again for every candidate.
 */
const rowScore = (refs: TermRef[]): string =>
  [
    'best.similarity',
    ...refs
      .slice(1)
      .map(
        (_, i) =>
          `coalesce((SELECT max(similarity) FROM unnest(words) AS own(word) JOIN candidates_${i + 2} USING (word)), 0)`,
      ),
  ].join(' + ');

/**
 * The rows of one kind holding a candidate of every typed word. Rows are fetched word by word, the
 * first typed word's nearest candidates first, through the exact-word index, and at most `2 × limit`
 * of them (a row may hold several candidates) are scored: a common fragment ("le") then costs a few
 * index probes, not a scan of every row that contains it. With one typed word this is the exact
 * ranking; with several, the best rows for the first word are ranked by all of them. The LATERAL
 * reference to `best` makes the candidates the outer side of a nested loop, so rows come in the
 * candidates' order and the LIMIT stops the loop.
 */
const kindHits = (
  { kind, words, columns, from, searchable }: (typeof SOURCES)[number],
  refs: TermRef[],
  access: string,
): string => {
  const others = refs.slice(1).map((_, i) => `${words} && ARRAY(SELECT word FROM candidates_${i + 2})`);
  const where = [`${words} @> ARRAY[best.word]`, ...others, searchable, access].join(' AND ');
  return `(SELECT ${HIT_COLUMNS}, score FROM (
      SELECT DISTINCT ON (found.id) found.* FROM (
        SELECT hit.*, ${rowScore(refs)} AS score
        FROM (SELECT word, similarity FROM candidates_1 ORDER BY similarity DESC) best
        CROSS JOIN LATERAL (SELECT '${kind}' AS kind, ${columns}${refs.length > 1 ? `, ${words} AS words` : ''}
          FROM ${from} WHERE ${where}) hit
        LIMIT 2 * $2) found
      ORDER BY found.id, found.score DESC) scored
    ORDER BY score DESC LIMIT $2)`;
};

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
  const kinds = SOURCES.map((source) => kindHits(source, refs, access(source.kind)));
  const rank = `array_position(ARRAY[${SEARCH_KINDS.map((kind) => `'${kind}'`).join(', ')}], kind)`;
  return {
    sql: `WITH ${candidateWords(refs)}
      SELECT * FROM (${kinds.join('\nUNION ALL\n')}) hits ORDER BY score DESC, ${rank}, title LIMIT $2`,
    params: [searchableVisibilities(readable), limit, ...termParams(terms), ...(reader ? [reader.id] : [])],
  };
}

/**
 * Confidential text is encrypted at rest, so it is never searched, even for caseworkers; internal
 * and public entries are searched for those who may read them.
 */
export const searchableVisibilities = (readable: Visibility[]): Visibility[] =>
  readable.filter((visibility) => visibility !== 'confidential');
