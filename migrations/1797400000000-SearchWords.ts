import { MigrationInterface, QueryRunner } from 'typeorm';

// The search box matches typed words against a table of the distinct words of all searchable text
// (thousands of words, fuzzily, through its trigram index), then fetches the rows holding those
// words through an exact-word GIN index per kind: fuzzy scans of millions of entries made a common
// fragment cost seconds (issue 14, item 4). Confidential text, sealed at rest, is in neither.
// src/search/search-sql.ts uses exactly these expressions.

/** Each searched table: its words, as the search query spells them, and which of its rows are searched. */
const KINDS = [
  {
    table: 'defenders',
    doc: 'vigil_defender_search_doc(full_name, other_names)',
    searchable: 'TRUE',
    read: ['full_name', 'other_names'],
  },
  {
    table: 'cases',
    doc: 'vigil_case_search_doc(title, case_number, court)',
    searchable: 'TRUE',
    read: ['title', 'case_number', 'court'],
  },
  {
    table: 'charges',
    doc: 'vigil_charge_search_doc(law, section, offence)',
    searchable: "visibility <> 'confidential'",
    read: ['law', 'section', 'offence', 'visibility'],
  },
  {
    table: 'events',
    doc: 'vigil_event_search_doc(title, description)',
    searchable: "visibility <> 'confidential'",
    read: ['title', 'description', 'visibility'],
  },
  {
    table: 'hearings',
    doc: 'vigil_hearing_search_doc(court, purpose, outcome_notes)',
    searchable: "visibility <> 'confidential'",
    read: ['court', 'purpose', 'outcome_notes', 'visibility'],
  },
];

// Schema-qualified: pg_restore rebuilds the indexes and runs the triggers with an empty search_path.
const wordsOf = (doc: string) => `public.vigil_search_words(public.${doc})`;

export class SearchWords1797400000000 implements MigrationInterface {
  name = 'SearchWords1797400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      -- The words of a folded text as the search box splits what is typed (src/search/search-terms.ts):
      -- at spaces and , ; : ! ? " « » “ ” ( ), without . ' ’ - at either end. One expression, so that
      -- the planner inlines it (a call per row would cost more than the search).
      CREATE FUNCTION vigil_search_words(doc text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT pg_catalog.array_remove(pg_catalog.regexp_split_to_array(doc,
          '[.''’-]*([\\s,;:!?"«»“”()]+[.''’-]*)+|^[.''’-]+|[.''’-]+$'), '') $$;

      CREATE TABLE search_words (word text PRIMARY KEY);
      -- GiST, not GIN: the planner prices a GIN scan of a table this small above reading every word,
      -- and computing the similarity of every word costs 20 to 50 times the GiST scan.
      CREATE INDEX search_words_trgm_idx ON search_words USING gist (word gist_trgm_ops);
    `);
    for (const { table, doc, searchable, read } of KINDS) {
      const words = wordsOf(doc);
      // The rows of an UPDATE whose searched text or visibility changed, as they were or are now.
      const changed = (side: 'o' | 'n') => `(SELECT ${side}.* FROM new_rows n JOIN old_rows o USING (id)
        WHERE (${read.map((c) => `n.${c}`).join(', ')}) IS DISTINCT FROM (${read.map((c) => `o.${c}`).join(', ')}))`;
      // The check runs on the words gone only (beside the IN, the planner may run it on every word).
      const unused = (gone: string) => `DELETE FROM public.search_words WHERE word IN (
        SELECT word FROM (${gone}) AS gone(word) WHERE NOT public.vigil_search_word_used(word));`;
      await queryRunner.query(`
        CREATE INDEX ${table}_search_words_idx ON ${table} USING gin (${words})
          ${searchable === 'TRUE' ? '' : `WHERE ${searchable}`};

        -- New words join the table; words no row holds any more leave it (a word of an entry since
        -- edited, deleted or made confidential must not stay readable at rest). Sorted, so two
        -- writers adding the same new words take their locks in the same order. An update that
        -- changes no searched text (a status, a date) reads no words at all.
        CREATE FUNCTION vigil_${table}_search_words_kept() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            INSERT INTO public.search_words (word)
              SELECT DISTINCT word FROM new_rows, unnest(${words}) AS word WHERE ${searchable}
              ORDER BY word ON CONFLICT DO NOTHING;
          ELSIF TG_OP = 'UPDATE' THEN
            INSERT INTO public.search_words (word)
              SELECT DISTINCT word FROM ${changed('n')} after_edit, unnest(${words}) AS word WHERE ${searchable}
              ORDER BY word ON CONFLICT DO NOTHING;
            ${unused(`SELECT unnest(${words}) FROM ${changed('o')} before_edit WHERE ${searchable}
              EXCEPT SELECT unnest(${words}) FROM ${changed('n')} after_edit WHERE ${searchable}`)}
          ELSE
            ${unused(`SELECT unnest(${words}) FROM old_rows WHERE ${searchable}`)}
          END IF;
          RETURN NULL;
        END $$;
        CREATE TRIGGER ${table}_search_words_added AFTER INSERT ON ${table}
          REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION vigil_${table}_search_words_kept();
        CREATE TRIGGER ${table}_search_words_changed AFTER UPDATE ON ${table}
          REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
          FOR EACH STATEMENT EXECUTE FUNCTION vigil_${table}_search_words_kept();
        CREATE TRIGGER ${table}_search_words_removed AFTER DELETE ON ${table}
          REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION vigil_${table}_search_words_kept();
      `);
    }
    await queryRunner.query(`
      -- Whether any searchable row still holds the word: one probe of each exact-word index.
      CREATE FUNCTION vigil_search_word_used(word text) RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT ${KINDS.map(
          ({ table, doc, searchable }) =>
            `EXISTS (SELECT 1 FROM public.${table} WHERE ${wordsOf(doc)} @> ARRAY[word] AND ${searchable})`,
        ).join('\n          OR ')} $$;

      -- Every searchable word, from scratch: the backfill here, and after a bulk load that bypassed
      -- the triggers (the benchmark's generator).
      CREATE FUNCTION vigil_refill_search_words() RETURNS void LANGUAGE sql AS $$
        TRUNCATE public.search_words;
        INSERT INTO public.search_words (word)
        SELECT DISTINCT unnest(words) FROM (
          ${KINDS.map(
            ({ table, doc, searchable }) =>
              `SELECT ${wordsOf(doc)} AS words FROM public.${table} WHERE ${searchable}`,
          ).join('\n          UNION ALL ')}) searched $$;
      SELECT vigil_refill_search_words();

      -- The search no longer reads these; the defender list's name filter keeps defenders_search_doc_idx.
      DROP INDEX cases_search_doc_idx, charges_search_doc_idx, events_search_doc_idx, hearings_search_doc_idx;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const { table, doc } of KINDS.slice(1)) {
      await queryRunner.query(
        `CREATE INDEX ${table}_search_doc_idx ON ${table} USING gin (${doc} gin_trgm_ops)`,
      );
    }
    for (const { table } of KINDS) {
      await queryRunner.query(`
        DROP TRIGGER ${table}_search_words_added ON ${table};
        DROP TRIGGER ${table}_search_words_changed ON ${table};
        DROP TRIGGER ${table}_search_words_removed ON ${table};
        DROP FUNCTION vigil_${table}_search_words_kept();
        DROP INDEX ${table}_search_words_idx;
      `);
    }
    await queryRunner.query(`
      DROP FUNCTION vigil_refill_search_words(), vigil_search_word_used(text);
      DROP TABLE search_words;
      DROP FUNCTION vigil_search_words(text);
    `);
  }
}
