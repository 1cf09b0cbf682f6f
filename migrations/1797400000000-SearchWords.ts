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

      -- uses: how many searchable rows hold the word. Counted, not looked up when a row goes: two
      -- writers, one removing a word's last row and one adding a new row with it, serialise on the
      -- word's row, so the word stays exactly as long as a row holds it.
      CREATE TABLE search_words (word text PRIMARY KEY, uses integer NOT NULL);

      -- Applies a statement's change in uses (words with their row counts, + added, - removed): one
      -- upsert in word order, so concurrent writers lock the words they share in the same order; then
      -- the words no row holds any more leave (a word of an entry since edited, deleted or made
      -- confidential must not stay readable at rest).
      CREATE FUNCTION vigil_count_search_words(delta jsonb) RETURNS void LANGUAGE sql AS $$
        INSERT INTO public.search_words (word, uses)
          SELECT key, value::int FROM pg_catalog.jsonb_each_text(delta) WHERE value::int <> 0 ORDER BY key
          ON CONFLICT (word) DO UPDATE SET uses = search_words.uses + EXCLUDED.uses;
        DELETE FROM public.search_words
         WHERE word IN (SELECT key FROM pg_catalog.jsonb_each_text(delta) WHERE value::int < 0) AND uses <= 0;
      $$;
      -- GiST, not GIN: the planner prices a GIN scan of a table this small above reading every word,
      -- and computing the similarity of every word costs 20 to 50 times the GiST scan.
      CREATE INDEX search_words_trgm_idx ON search_words USING gist (word gist_trgm_ops);
    `);
    for (const { table, doc, searchable, read } of KINDS) {
      const words = wordsOf(doc);
      // The rows of an UPDATE whose searched text or visibility changed, as they were or are now.
      const changed = (side: 'o' | 'n') => `(SELECT ${side}.* FROM new_rows n JOIN old_rows o USING (id)
        WHERE (${read.map((c) => `n.${c}`).join(', ')}) IS DISTINCT FROM (${read.map((c) => `o.${c}`).join(', ')}))`;
      // Each row counts a word once, however often its text says it.
      const held = (rows: string) =>
        `SELECT DISTINCT id, word FROM ${rows} AS held_rows, unnest(${words}) AS word WHERE ${searchable}`;
      const delta = (
        added: string | null,
        removed: string | null,
      ) => `PERFORM public.vigil_count_search_words(
          (SELECT coalesce(jsonb_object_agg(word, uses), '{}') FROM (
             SELECT word, sum(uses) AS uses FROM (
               ${[
                 added && `SELECT word, 1 AS uses FROM (${held(added)}) a`,
                 removed && `SELECT word, -1 AS uses FROM (${held(removed)}) r`,
               ]
                 .filter(Boolean)
                 .join(' UNION ALL ')}) counted
             GROUP BY word) summed));`;
      await queryRunner.query(`
        CREATE INDEX ${table}_search_words_idx ON ${table} USING gin (${words})
          ${searchable === 'TRUE' ? '' : `WHERE ${searchable}`};

        -- New words join the table, and each row adds to the uses of its words; a row edited,
        -- deleted or made confidential takes its words' uses back. An update that changes no
        -- searched text (a status, a date) reads no words at all.
        CREATE FUNCTION vigil_${table}_search_words_kept() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          IF TG_OP = 'INSERT' THEN
            ${delta('new_rows', null)}
          ELSIF TG_OP = 'UPDATE' THEN
            ${delta(changed('n'), changed('o'))}
          ELSE
            ${delta(null, 'old_rows')}
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
      -- Every searchable word, from scratch: the backfill here, and after a bulk load that bypassed
      -- the triggers (the benchmark's generator).
      CREATE FUNCTION vigil_refill_search_words() RETURNS void LANGUAGE sql AS $$
        TRUNCATE public.search_words;
        INSERT INTO public.search_words (word, uses)
        SELECT word, count(*) FROM (
          ${KINDS.map(
            ({ table, doc, searchable }) =>
              `SELECT DISTINCT '${table}' AS kind, id, unnest(${wordsOf(doc)}) AS word FROM public.${table} WHERE ${searchable}`,
          ).join('\n          UNION ALL ')}) held GROUP BY word $$;
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
      DROP FUNCTION vigil_refill_search_words(), vigil_count_search_words(jsonb);
      DROP TABLE search_words;
      DROP FUNCTION vigil_search_words(text);
    `);
  }
}
