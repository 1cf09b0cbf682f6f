import type { SearchKind } from './search-sql';

/**
 * Words too common in a kind to fetch its rows by. A GIN index cannot stop early: fetching the rows
 * that hold a word reads every one of its index entries first, so a word held by hundreds of
 * thousands of entries ("hunger", "court" in a large archive) costs tens of milliseconds, more than
 * the rest of the search, to list fifty rows no better than any other fifty. Such a word still
 * narrows what a rarer typed word finds, and the answer names it (SearchResult.tooCommon).
 */
export interface CommonWords {
  /** Each kind's words as a PostgreSQL array literal, made once and passed to every search as it is. */
  readonly byKind: Readonly<Record<SearchKind, string>>;
  /** Every kind's words together. */
  readonly all: ReadonlySet<string>;
}

/** A list of words as a PostgreSQL array literal ('{"hunger","strike"}'). */
const arrayLiteral = (words: string[]): string =>
  `{${words.map((word) => `"${word.replace(/["\\]/g, (character) => `\\${character}`)}"`).join(',')}}`;

export function commonWords(words: Record<SearchKind, string[]>): CommonWords {
  const kinds = Object.keys(words) as SearchKind[];
  return {
    byKind: Object.fromEntries(kinds.map((kind) => [kind, arrayLiteral(words[kind])])) as Record<
      SearchKind,
      string
    >,
    all: new Set(kinds.flatMap((kind) => words[kind])),
  };
}

/** Rows of one kind beyond which a word is too common to fetch them by (about a millisecond of index reading). */
export const COMMON_WORD_ROWS = 5000;

export const NO_COMMON_WORDS = commonWords({ defender: [], case: [], charge: [], event: [], hearing: [] });

/** Each kind's exact-word index (migration SearchWords1797400000000). */
const WORD_INDEXES: Record<SearchKind, string> = {
  defender: 'defenders_search_words_idx',
  case: 'cases_search_words_idx',
  charge: 'charges_search_words_idx',
  event: 'events_search_words_idx',
  hearing: 'hearings_search_words_idx',
};

/**
 * The words of each exact-word index held by more than $1 rows, from the statistics PostgreSQL keeps
 * of every index expression: its most common elements, with the share of rows holding each,
 * refreshed by ANALYZE (autovacuum runs it as a table changes). A sample, so the counts are
 * estimates. Read through a function of the migration SearchWordsTrigramGin, as only the indexes'
 * owner may read their statistics.
 */
export const COMMON_WORDS_SQL = 'SELECT index_name AS "index", word FROM vigil_common_search_words($1)';

export const commonWordsParams = (rows = COMMON_WORD_ROWS): unknown[] => [rows];

/** The rows of COMMON_WORDS_SQL as each kind's words. */
export function commonWordsOf(rows: { index: string; word: string }[]): CommonWords {
  const kinds = Object.keys(WORD_INDEXES) as SearchKind[];
  return commonWords(
    Object.fromEntries(
      kinds.map((kind) => [
        kind,
        rows.filter((row) => row.index === WORD_INDEXES[kind]).map((row) => row.word),
      ]),
    ) as Record<SearchKind, string[]>,
  );
}

/** A typed word as vigil_fold folds it: lower case, without accents. */
const folded = (word: string): string => word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The typed words in the order the search reads them: the first fetches the rows, the others narrow
 * them, so a typed word that is itself common goes last and a rarer one fetches ("hunger salma" reads
 * Salma's rows, then keeps those that mention hunger).
 */
export const fetchingOrder = (terms: string[], common: CommonWords): string[] => {
  const isCommon = (term: string) => common.all.has(folded(term));
  return [...terms.filter((term) => !isCommon(term)), ...terms.filter(isCommon)];
};
