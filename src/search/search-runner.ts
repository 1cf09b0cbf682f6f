import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import { Visibility } from '../common/entry';
import { UserRole } from '../users/user.entity';
import {
  COMMON_WORDS_SQL,
  CommonWords,
  commonWordsOf,
  commonWordsParams,
  fetchingOrder,
} from './common-words';
import { COMMON_ROW, SearchHitRow, searchParams, searchShape, searchStatement } from './search-sql';

/**
 * The search's own sessions. Its statement is planned once per session and shape (named, with a
 * generic plan), not at every search: planning was half its cost, and the generic plan of this
 * statement (a nested loop over the candidates, an index probe each) is the plan every search gets
 * anyway. Only the search runs here, as a generic plan would suit few of Vigil's other statements.
 * JIT stays off, as on the app's other connections (database/data-source-options.ts).
 */
export const SEARCH_SESSION_OPTIONS = '-c jit=off -c plan_cache_mode=force_generic_plan';

/** How long the list of words too common to fetch rows by is kept before it is read again. */
const COMMON_WORDS_KEPT_MS = 10 * 60 * 1000;

export interface SearchReader {
  id: string;
  role: UserRole;
}

/** Runs the search statement (search-sql.ts) on a pool of SEARCH_SESSION_OPTIONS sessions. */
export class SearchRunner {
  private common?: { until: number; words: Promise<CommonWords> };
  /** Each shape's statement and its name (pg prepares it once on each session, PostgreSQL plans it once). */
  private readonly statements = new Map<string, { name: string; text: string }>();

  constructor(
    private readonly pool: Pool,
    private readonly now: () => Date,
  ) {}

  /** A pool of search sessions on the database at `url`. */
  static poolFor(url: string, max = 4): Pool {
    return new Pool({ connectionString: url, max, options: SEARCH_SESSION_OPTIONS });
  }

  async search(
    terms: string[],
    readable: Visibility[],
    limit: number,
    reader?: SearchReader,
  ): Promise<{ hits: SearchHitRow[]; tooCommon: string[] }> {
    const common = await this.commonWords();
    const ordered = fetchingOrder(terms, common);
    const { rows } = await this.pool.query<SearchHitRow | { kind: typeof COMMON_ROW; title: string }>({
      ...this.statement(ordered, reader),
      values: searchParams(ordered, readable, limit, common, reader),
    });
    const hits = rows.filter((row): row is SearchHitRow => row.kind !== COMMON_ROW);
    // A full page needs no excuse; a short one names the common words it could not fetch by. They
    // are counted over every searchable row, whoever may read it: only a reader who may read them
    // all (an admin; the benchmark, reading everything) is told which words they are.
    const tooCommon =
      hits.length < limit && (!reader || reader.role === 'admin')
        ? rows
            .filter((row) => row.kind === COMMON_ROW)
            .map((row) => row.title)
            .sort()
        : [];
    return { hits, tooCommon };
  }

  private statement(terms: string[], reader?: SearchReader): { name: string; text: string } {
    const shape = searchShape(terms, reader);
    let statement = this.statements.get(shape);
    if (!statement) {
      const text = searchStatement(terms, reader);
      statement = {
        name: `vigil_search_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`,
        text,
      };
      this.statements.set(shape, statement);
    }
    return statement;
  }

  /** The words too common to fetch each kind's rows by, read again every few minutes. */
  private commonWords(): Promise<CommonWords> {
    const now = this.now().getTime();
    if (!this.common || now >= this.common.until) {
      const words = this.pool
        .query<{ index: string; word: string }>(COMMON_WORDS_SQL, commonWordsParams())
        .then(({ rows }) => commonWordsOf(rows));
      // A failed read is not kept: the next search reads again.
      words.catch(() => (this.common = undefined));
      this.common = { until: now + COMMON_WORDS_KEPT_MS, words };
    }
    return this.common.words;
  }

  end(): Promise<void> {
    return this.pool.end();
  }
}
