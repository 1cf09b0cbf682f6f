import { caseVisibleSql, defenderVisibleSql, knownReader } from '../access/access-policy';
import { Visibility } from '../common/entry';
import { UserRole } from '../users/user.entity';
import { escapeLike } from './search-terms';
import type { CommonWords } from './common-words';

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
const SOURCES: { kind: SearchKind; doc: string; columns: string; from: string; searchable: string }[] = [
  {
    kind: 'defender',
    doc: 'vigil_defender_search_doc(d.full_name, d.other_names)',
    columns: `d.id, d.full_name AS title, NULLIF(array_to_string(d.other_names, ', '), '') AS detail,
        NULL::text AS day, NULL::text AS "entryType", NULL::uuid AS "caseId", NULL::text AS "caseTitle",
        d.id AS "defenderId", d.full_name AS "defenderName"`,
    from: 'defenders d',
    searchable: 'TRUE',
  },
  {
    kind: 'case',
    doc: 'vigil_case_search_doc(c.title, c.case_number, c.court)',
    columns: `c.id, c.title, NULLIF(concat_ws(' · ', c.case_number, c.court), '') AS detail,
        NULL::text AS day, NULL::text AS "entryType", c.id AS "caseId", c.title AS "caseTitle",
        c.defender_id AS "defenderId", ${DEFENDER_NAME}`,
    from: 'cases c',
    searchable: 'TRUE',
  },
  {
    kind: 'charge',
    doc: 'vigil_charge_search_doc(ch.law, ch.section, ch.offence)',
    columns: `ch.id, ch.law || ' s. ' || ch.section AS title, ch.offence AS detail,
        ch.brought_on::text AS day, ch.status::text AS "entryType", c.id AS "caseId", c.title AS "caseTitle",
        c.defender_id AS "defenderId", ${DEFENDER_NAME}`,
    from: 'charges ch JOIN cases c ON c.id = ch.case_id',
    searchable: `ch.visibility <> 'confidential' AND ch.visibility = ANY($1::visibility[])`,
  },
  {
    kind: 'event',
    doc: 'vigil_event_search_doc(e.title, e.description)',
    columns: `e.id, e.title, e.description AS detail,
        e.occurred_on::text AS day, e.type::text AS "entryType", c.id AS "caseId", c.title AS "caseTitle",
        c.defender_id AS "defenderId", ${DEFENDER_NAME}`,
    from: 'events e JOIN cases c ON c.id = e.case_id',
    searchable: `e.visibility <> 'confidential' AND e.visibility = ANY($1::visibility[])`,
  },
  {
    kind: 'hearing',
    doc: 'vigil_hearing_search_doc(h.court, h.purpose, h.outcome_notes)',
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

/** A typed word of two letters, too short to hold a trigram of its own. */
const isShort = (term: string): boolean => [...term].length < 3;

/**
 * The indexed words near each typed word (candidates_1, candidates_2, …), with how near: spelled
 * nearly alike (trigram word similarity at pg_trgm's threshold, so "khuram" finds "khurram") or
 * containing it ("urra"). A few thousand distinct words, not millions of rows, are matched fuzzily,
 * both ways through the word list's trigram index. A word of two letters holds no trigram to find
 * inside other words: it finds the words beginning with it ("le": "leila").
 */
const candidateWords = (refs: TermRef[], terms: string[]): string =>
  refs
    .map(({ word, fragment }, i) => {
      const containing = `${isShort(terms[i]) ? '' : `'%' || `}vigil_fold(${fragment}) || '%'`;
      return `candidates_${i + 1} AS MATERIALIZED (
        SELECT word, word_similarity(vigil_fold(${word}), word) AS similarity FROM search_words
        WHERE word %> vigil_fold(${word})
        UNION
        SELECT word, word_similarity(vigil_fold(${word}), word) FROM search_words
        WHERE word LIKE ${containing})`;
    })
    .join(',\n');

/**
 * How well a row matches: the sum, over the typed words, of the similarity of its nearest word. The
 * first typed word's is the candidate the row was fetched by (the nearest, as candidates come nearest
 * first); each other word's is that of its nearest candidate found in the row's folded text. The
 * row's exact-word filter already holds one of them as a whole word; found as a substring here, a
 * candidate inside a longer word may score the row a little higher, which costs less than splitting
 * each row's text into words again (a regular expression per row, half a multi-word search).
 */
const rowScore = (refs: TermRef[]): string =>
  [
    'best.similarity',
    ...refs
      .slice(1)
      .map(
        (_, i) =>
          `coalesce((SELECT max(similarity) FROM candidates_${i + 2} c WHERE strpos(doc, c.word) > 0), 0)`,
      ),
  ].join(' + ');

/**
 * One kind's rows holding `best.word` (a candidate of the first typed word) and a candidate of every
 * other typed word, through the kind's exact-word index. A word too common in the kind (`tooCommon`,
 * a parameter) does not fetch its rows: reading its index entries would cost more than the whole
 * search (common-words.ts); as a filter beside a rarer word, it costs little and still narrows.
 */
const kindRows = (
  { kind, doc, columns, from, searchable }: (typeof SOURCES)[number],
  refs: TermRef[],
  tooCommon: string,
  access: string,
): string => {
  const words = `vigil_search_words(${doc})`;
  const others = refs.slice(1).map((_, i) => `${words} && ARRAY(SELECT word FROM candidates_${i + 2})`);
  const where = [
    `best.word <> ALL(${tooCommon})`,
    `${words} @> ARRAY[best.word]`,
    ...others,
    searchable,
    access,
  ];
  return `(SELECT '${kind}' AS kind, ${columns}${refs.length > 1 ? `, ${doc} AS doc` : ''}
          FROM ${from} WHERE ${where.join(' AND ')})`;
};

/**
 * One ranked search over defenders, cases, charges and entry text: $1 the visibilities whose entries
 * may be searched, $2 the limit, $3 to $7 the words too common to fetch each kind's rows by (in
 * SEARCH_KINDS order), then the words (termParams), then the reader's id. With a `reader`, only the
 * defenders and cases they may see (access-policy.ts) are searched, and entries only of those cases;
 * without one (the benchmark, an index check), everything.
 *
 * The rows come as one stream, the first word's nearest candidates first (rarer words first among
 * equals; search-runner.ts puts a typed word that is common last) and, for each, defenders, then cases, then entries: the order of the ranking. At
 * most `2 × limit` of them (a row may hold several candidates) are scored, so the search stops as
 * soon as the best candidates have given enough rows, and kinds that could not be ranked among them
 * are never read. With one typed word this is the exact ranking; with several, the rows the first
 * word found first are ranked by all of them. The LATERAL reference to `best` makes the candidates
 * the outer side of a nested loop, so rows come in the candidates' order and the LIMIT stops the loop.
 */
export function searchSql(
  terms: string[],
  readable: Visibility[],
  limit: number,
  tooCommon: CommonWords,
  reader?: { id: string; role: UserRole },
): { sql: string; params: unknown[] } {
  return {
    sql: searchStatement(terms, reader),
    params: searchParams(terms, readable, limit, tooCommon, reader),
  };
}

/**
 * The statement's text (its hits, then the COMMON_ROW rows), which depends only on how many words are typed, which of them have two
 * letters, and the reader's role (searchShape): search-runner.ts keeps one per shape.
 */
export function searchStatement(terms: string[], reader?: { role: UserRole }): string {
  const firstTerm = 3 + SEARCH_KINDS.length;
  const refs = positionalRefs(firstTerm, terms.length);
  const sqlReader = reader ? knownReader(reader, `$${firstTerm + 2 * terms.length}::uuid`) : null;
  const access = (kind: SearchKind): string =>
    !sqlReader
      ? 'TRUE'
      : kind === 'defender'
        ? defenderVisibleSql('d.id', sqlReader)
        : caseVisibleSql('c', sqlReader);
  const tooCommonIn = (kind: SearchKind) => `$${3 + SEARCH_KINDS.indexOf(kind)}::text[]`;
  const kinds = SOURCES.map((source) =>
    kindRows(source, refs, tooCommonIn(source.kind), access(source.kind)),
  );
  const commonAnywhere = (word: string) =>
    SEARCH_KINDS.map((kind) => `${word} = ANY(${tooCommonIn(kind)})`).join(' OR ');
  const rank = `array_position(ARRAY[${SEARCH_KINDS.map((kind) => `'${kind}'`).join(', ')}], kind)`;
  const candidates = refs.map((_, i) => `SELECT word FROM candidates_${i + 1}`).join(' UNION ');
  return `WITH ${candidateWords(refs, terms)}
      (SELECT ${HIT_COLUMNS}, score FROM (
        SELECT DISTINCT ON (found.id) found.* FROM (
          SELECT hit.*, ${rowScore(refs)} AS score
          FROM (SELECT word, similarity FROM candidates_1 best
                ORDER BY similarity DESC, ${commonAnywhere('best.word')}, word) best
          CROSS JOIN LATERAL (${kinds.join('\n          UNION ALL\n')}) hit
          LIMIT 2 * $2) found
        ORDER BY found.id, found.score DESC) scored
      ORDER BY score DESC, ${rank}, title LIMIT $2)
      UNION ALL
      SELECT '${COMMON_ROW}', NULL::uuid, word, NULL, NULL, NULL, NULL::uuid, NULL, NULL::uuid, NULL, NULL::real
      FROM (${candidates}) near WHERE ${commonAnywhere('near.word')}`;
}

/**
 * The kind of the statement's last rows, after the hits: each a word near a typed one that is too
 * common to fetch some kind's rows by (its `title`), so that the answer can name it.
 */
export const COMMON_ROW = 'common';

/** What searchStatement's text depends on, as a key. */
export const searchShape = (terms: string[], reader?: { role: UserRole }): string =>
  `${terms.map((term) => (isShort(term) ? 'short' : 'word')).join(' ')}/${reader?.role ?? 'everything'}`;

/** The parameters of searchStatement. */
export const searchParams = (
  terms: string[],
  readable: Visibility[],
  limit: number,
  tooCommon: CommonWords,
  reader?: { id: string },
): unknown[] => [
  searchableVisibilities(readable),
  limit,
  ...SEARCH_KINDS.map((kind) => tooCommon.byKind[kind]),
  ...termParams(terms),
  ...(reader ? [reader.id] : []),
];

/**
 * Confidential text is encrypted at rest, so it is never searched, even for caseworkers; internal
 * and public entries are searched for those who may read them.
 */
export const searchableVisibilities = (readable: Visibility[]): Visibility[] =>
  readable.filter((visibility) => visibility !== 'confidential');
