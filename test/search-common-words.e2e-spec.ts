import { Client } from 'pg';
import { COMMON_WORD_ROWS, commonWords } from '../src/search/common-words';
import { SearchResult } from '../src/search/search.dto';
import { makeCase, makeDefender } from './factories/cases';
import { makeEvent } from './factories/entries';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { signInToWeb } from './support/web-session';

// A word held by thousands of entries ("hunger" in a large archive) is too common to fetch entries
// by: it narrows what a rarer word finds, and the answer names it (issue 14, item 4). The app runs
// as its own database role, which may not read the indexes' statistics itself. People and cases
// here are invented.
describe('search: words too common to fetch rows by', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ databaseRole: 'app' });
    const salma = await makeDefender(t.dataSource, { fullName: 'Salma Idrissi', country: 'MA' });
    const kase = await makeCase(t.dataSource, {
      defenderId: salma.id,
      title: 'Rabat bloggers case',
      country: 'MA',
      timezone: 'Africa/Casablanca',
    });
    const hers = await makeEvent(t.dataSource, kase, {
      type: 'other',
      occurredOn: '2024-03-02',
      description: 'Salma began a hunger strike in Oukacha prison',
    });
    const other = await makeDefender(t.dataSource, { fullName: 'Youssef Amrani', country: 'MA' });
    const archive = await makeCase(t.dataSource, {
      defenderId: other.id,
      title: 'Casablanca union case',
      country: 'MA',
      timezone: 'Africa/Casablanca',
    });
    const first = await makeEvent(t.dataSource, archive, {
      type: 'other',
      occurredOn: '2024-01-01',
      description: 'Day 1 of the hunger strike',
    });
    // Thousands of entries holding "hunger", copied from the first in one statement.
    await t.dataSource.query(
      `INSERT INTO events
       SELECT (jsonb_populate_record(e, jsonb_build_object('id', gen_random_uuid(),
         'description', 'Day ' || n || ' of the hunger strike'))).*
       FROM events e, generate_series(2, $2::int) n WHERE e.id = $1`,
      [first.id, COMMON_WORD_ROWS + 100],
    );
    // Statistics are the owner's to gather, as autovacuum does after a large change.
    const owner = new Client({ connectionString: t.database.url });
    await owner.connect();
    try {
      await owner.query('ANALYZE events');
    } finally {
      await owner.end();
    }
    Object.assign(ids, { hers: hers.id, kase: kase.id, salma: salma.id });
  });
  afterAll(() => t.close());

  const search = async (q: string, user = t.users.admin): Promise<SearchResult> =>
    (
      await t
        .http()
        .get(`/api/search?q=${encodeURIComponent(q)}`)
        .set(bearer(user))
        .expect(200)
    ).body as SearchResult;

  it('names a word too common to list entries by, and lists none of them for it alone', async () => {
    const result = await search('Hunger');
    expect(result.tooCommon).toEqual(['hunger']);
    expect(result.hits.filter((hit) => hit.kind === 'event')).toEqual([]);
  });

  it('names it too when a near spelling or a fragment of it was typed', async () => {
    for (const q of ['hungr', 'hunge']) {
      const result = await search(q);
      expect(result.tooCommon).toEqual(['hunger']);
      expect(result.hits.filter((hit) => hit.kind === 'event')).toEqual([]);
    }
  });

  it('still narrows a rarer word by it, in either order', async () => {
    for (const q of ['hunger salma', 'salma hunger']) {
      const result = await search(q);
      expect(result.tooCommon).toEqual(['hunger']);
      expect(result.hits.map((hit) => `${hit.kind}:${hit.id}`)).toContain(`event:${ids.hers}`);
      // Salma's name holds no "hunger": only her entry holds both words.
      expect(result.hits.map((hit) => hit.id)).not.toContain(ids.salma);
    }
  });

  it('names the common words only to a reader who may read every row they were counted over', async () => {
    for (const user of [t.users.caseworker, t.users.viewer]) {
      const result = await search('hunger salma', user);
      expect(result.tooCommon).toEqual([]);
      expect(result.hits.map((hit) => `${hit.kind}:${hit.id}`)).toContain(`event:${ids.hers}`);
    }
  });

  it('names nothing for words that are not common', async () => {
    const result = await search('oukacha');
    expect(result.tooCommon).toEqual([]);
    expect(result.hits.map((hit) => hit.id)).toEqual([ids.hers]);
  });

  it("lets the app's role read the indexes' statistics through the function, and no other role", async () => {
    const [row] = await t.dataSource.query(
      `SELECT has_function_privilege(current_user, 'vigil_common_search_words(real)', 'execute') AS app,
              has_function_privilege('public', 'vigil_common_search_words(real)', 'execute') AS anyone`,
    );
    expect(row).toEqual({ app: true, anyone: false });
  });

  it('passes the words to PostgreSQL as they are, quotes and backslashes included', async () => {
    const words = ['say "no"', 'a\\b', '{braces}', 'plain'];
    const literal = commonWords({ defender: [], case: [], charge: [], event: words, hearing: [] }).byKind
      .event;
    const [row] = await t.dataSource.query('SELECT $1::text[] AS words', [literal]);
    expect(row.words).toEqual(words);
  });

  it('tells the reader of the page why, and what to add', async () => {
    const { agent } = await signInToWeb(t, t.users.admin);
    const page = await agent.get('/search?q=hunger').expect(200);
    expect(page.text).toMatch(/id="too-common">In too many records to find them by alone: hunger\./);
  });
});
