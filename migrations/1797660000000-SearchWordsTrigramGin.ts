import { MigrationInterface, QueryRunner } from 'typeorm';

// The search box looks up each typed word in the word list (search_words) by trigrams. A GIN index
// answers that in tens of microseconds where the GiST index took one to two milliseconds at full
// benchmark scale (bench/analysis.md, third pass). With a few hundred words the planner reads the
// list whole instead, which costs less than either.
//
// The search also needs to know which words are too common in a kind to fetch its rows by
// (src/search/common-words.ts). PostgreSQL keeps that in the statistics of each exact-word index,
// which only the indexes' owner may read: the app's role reads them through this function, which
// gives nothing but words of searchable (never confidential) text and whether they are common.
export class SearchWordsTrigramGin1797660000000 implements MigrationInterface {
  name = 'SearchWordsTrigramGin1797660000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP INDEX search_words_trgm_idx;
      CREATE INDEX search_words_trgm_idx ON search_words USING gin (word gin_trgm_ops);
      ANALYZE search_words;

      CREATE FUNCTION vigil_common_search_words(min_rows real)
        RETURNS TABLE (index_name text, word text) LANGUAGE sql STABLE SECURITY DEFINER
        SET search_path = pg_catalog, pg_temp AS $$
        SELECT s.tablename::text, e.word
        FROM pg_stats s
        JOIN pg_class i ON i.relname = s.tablename AND i.relnamespace = 'public'::regnamespace
        CROSS JOIN LATERAL unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS e(word, share)
        WHERE s.schemaname = 'public' AND s.tablename LIKE '%\\_search\\_words\\_idx'
          AND e.word IS NOT NULL AND e.share * i.reltuples > min_rows $$;
      -- Only the app's role may call it (granted with its tables, src/database/app-role.ts).
      REVOKE EXECUTE ON FUNCTION vigil_common_search_words(real) FROM PUBLIC;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP FUNCTION vigil_common_search_words(real);
      DROP INDEX search_words_trgm_idx;
      CREATE INDEX search_words_trgm_idx ON search_words USING gist (word gist_trgm_ops);
    `);
  }
}
