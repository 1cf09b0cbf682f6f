import { MigrationInterface, QueryRunner } from 'typeorm';

// One search over defenders, cases, charges and entry text: accent-insensitive (unaccent) and
// typo-tolerant (trigram word similarity), each searched text behind a GIN index on exactly the
// expression the search query uses (src/search/search-sql.ts).
export class Search1797000000000 implements MigrationInterface {
  name = 'Search1797000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE EXTENSION IF NOT EXISTS unaccent;
      -- unaccent() is STABLE because its dictionary could be swapped; naming the dictionary makes the
      -- fold IMMUTABLE, which an index expression needs. Every name is schema-qualified: pg_restore
      -- rebuilds the indexes with an empty search_path.
      CREATE FUNCTION vigil_fold(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
        AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, $1)) $$;

      CREATE FUNCTION vigil_defender_search_doc(full_name text, other_names text[]) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT public.vigil_fold(full_name || ' ' || array_to_string(other_names, ' ')) $$;
      CREATE FUNCTION vigil_case_search_doc(title text, case_number text, court text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT public.vigil_fold(concat_ws(' ', title, case_number, court)) $$;
      CREATE FUNCTION vigil_charge_search_doc(law text, section text, offence text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT public.vigil_fold(concat_ws(' ', law, section, offence)) $$;
      CREATE FUNCTION vigil_event_search_doc(title text, description text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT public.vigil_fold(concat_ws(' ', title, description)) $$;
      CREATE FUNCTION vigil_hearing_search_doc(court text, purpose text, outcome_notes text) RETURNS text
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        AS $$ SELECT public.vigil_fold(concat_ws(' ', court, purpose, outcome_notes)) $$;

      CREATE INDEX defenders_search_doc_idx ON defenders
        USING gin (vigil_defender_search_doc(full_name, other_names) gin_trgm_ops);
      CREATE INDEX cases_search_doc_idx ON cases
        USING gin (vigil_case_search_doc(title, case_number, court) gin_trgm_ops);
      CREATE INDEX charges_search_doc_idx ON charges
        USING gin (vigil_charge_search_doc(law, section, offence) gin_trgm_ops);
      CREATE INDEX events_search_doc_idx ON events
        USING gin (vigil_event_search_doc(title, description) gin_trgm_ops);
      CREATE INDEX hearings_search_doc_idx ON hearings
        USING gin (vigil_hearing_search_doc(court, purpose, outcome_notes) gin_trgm_ops);

      -- The defender list's name filter now uses the search's fold and index.
      DROP INDEX defenders_search_idx;
      DROP FUNCTION vigil_defender_search_text(text, text[]);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION vigil_defender_search_text(full_name text, other_names text[]) RETURNS text
        LANGUAGE sql IMMUTABLE AS $$ SELECT lower(full_name || ' ' || array_to_string(other_names, ' ')) $$;
      CREATE INDEX defenders_search_idx ON defenders
        USING gin (vigil_defender_search_text(full_name, other_names) gin_trgm_ops);
      DROP INDEX defenders_search_doc_idx, cases_search_doc_idx, charges_search_doc_idx,
        events_search_doc_idx, hearings_search_doc_idx;
      DROP FUNCTION vigil_defender_search_doc(text, text[]), vigil_case_search_doc(text, text, text),
        vigil_charge_search_doc(text, text, text), vigil_event_search_doc(text, text),
        vigil_hearing_search_doc(text, text, text), vigil_fold(text);
    `);
  }
}
