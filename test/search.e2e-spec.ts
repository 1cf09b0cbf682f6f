import { NO_COMMON_WORDS } from '../src/search/common-words';
import { searchSql } from '../src/search/search-sql';
import { SearchHit } from '../src/search/search.dto';
import { makeCase, makeDefender } from './factories/cases';
import { makeCharge, makeEvent, makeHearing } from './factories/entries';
import { bearer, startTestApp, TestApp, TestUser } from './support/test-app';
import { signInToWeb } from './support/web-session';

// One search box over defenders, cases, charges and entry text (issue 14, item 4). The people and
// cases here are invented.
describe('search', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const nasrin = await makeDefender(t.dataSource, {
      fullName: 'Nasrin Haddad',
      otherNames: ['Nasreen Hadad', 'نسرين حداد'],
      country: 'DZ',
    });
    const other = await makeDefender(t.dataSource, { fullName: 'Samir Haddadi', country: 'DZ' });
    const kase = await makeCase(t.dataSource, {
      defenderId: nasrin.id,
      title: 'Tlemcen march case',
      caseNumber: 'CR-2023/118',
      court: 'Tribunal de Tlemcen',
      country: 'DZ',
      timezone: 'Africa/Algiers',
    });
    await makeCase(t.dataSource, {
      defenderId: other.id,
      title: 'Oran newspaper case',
      country: 'DZ',
      timezone: 'Africa/Algiers',
    });
    const charge = await makeCharge(t.dataSource, kase, {
      law: 'Code pénal',
      section: '87 bis',
      offence: "Atteinte à l'intégrité du territoire",
    });
    const transfer = await makeEvent(t.dataSource, kase, {
      type: 'transfer',
      occurredOn: '2023-05-02',
      description: 'Moved to El Harrach prison the morning after the hearing',
    });
    const visit = await makeEvent(t.dataSource, kase, {
      type: 'family_visit_denied',
      occurredOn: '2023-05-09',
      description: 'Her brother was turned away at the prison gate',
      visibility: 'internal',
    });
    const secret = await makeEvent(t.dataSource, kase, {
      type: 'statement',
      occurredOn: '2023-05-10',
      description: 'Her children now stay with a cousin in Blida',
      visibility: 'confidential',
    });
    const hearing = await makeHearing(t.dataSource, kase, {
      scheduledLocal: '2023-06-14T09:00:00',
      purpose: 'Appearance before the investigating judge',
    });
    Object.assign(ids, {
      nasrin: nasrin.id,
      other: other.id,
      kase: kase.id,
      charge: charge.id,
      transfer: transfer.id,
      visit: visit.id,
      secret: secret.id,
      hearing: hearing.id,
    });
  });
  afterAll(() => t.close());

  const search = async (q: string, user: TestUser = t.users.viewer): Promise<SearchHit[]> =>
    (
      await t
        .http()
        .get(`/api/search?q=${encodeURIComponent(q)}`)
        .set(bearer(user))
        .expect(200)
    ).body.hits;
  const found = async (q: string, user?: TestUser) =>
    (await search(q, user)).map((hit) => `${hit.kind}:${hit.id}`);

  it('forgives a misspelt name, as "khuram" finds Khurram', async () => {
    expect(await found('Nasrn Hadad')).toContain(`defender:${ids.nasrin}`);
  });

  it('finds the words of a name in any order, the closest name first', async () => {
    const hits = await search('Haddad Nasrin');
    expect(hits[0]).toMatchObject({ kind: 'defender', id: ids.nasrin, title: 'Nasrin Haddad' });
    expect(hits.filter((hit) => hit.kind === 'defender').map((hit) => hit.id)).not.toContain(ids.other);
    expect((await search('haddad')).filter((hit) => hit.kind === 'defender').map((hit) => hit.id)).toEqual([
      ids.nasrin,
      ids.other,
    ]);
  });

  it('finds the words beginning with a word of two letters, as a name is begun', async () => {
    const defenders = async (q: string) =>
      (await search(q)).filter((hit) => hit.kind === 'defender').map((hit) => hit.id);
    expect(await defenders('Ha')).toEqual(expect.arrayContaining([ids.nasrin, ids.other]));
    expect(await defenders('Sa')).toEqual([ids.other]);
  });

  it('finds a defender by another name, in another script', async () => {
    expect(await found('حداد')).toContain(`defender:${ids.nasrin}`);
  });

  it('finds a case by its number and by its court, naming its defender', async () => {
    const byNumber = await search('CR-2023/118');
    expect(byNumber[0]).toMatchObject({ kind: 'case', id: ids.kase, defenderName: 'Nasrin Haddad' });
    expect(await found('tribunal tlemcen')).toContain(`case:${ids.kase}`);
  });

  it('finds a charge by law, section and offence without its accents', async () => {
    const hits = await search('code penal 87 bis integrite');
    expect(hits[0]).toMatchObject({
      kind: 'charge',
      id: ids.charge,
      title: 'Code pénal s. 87 bis',
      caseId: ids.kase,
      caseTitle: 'Tlemcen march case',
    });
  });

  it('finds entries by their text, with their day and case', async () => {
    const [transfer] = await search('el harrach');
    expect(transfer).toMatchObject({
      kind: 'event',
      id: ids.transfer,
      day: '2023-05-02',
      entryType: 'transfer',
    });
    expect(await found('investigating judge')).toContain(`hearing:${ids.hearing}`);
    expect(await found('prison gate')).toContain(`event:${ids.visit}`);
  });

  it('never searches confidential entries, for anyone', async () => {
    for (const user of [t.users.viewer, t.users.caseworker, t.users.admin]) {
      expect(await found('cousin blida', user)).toEqual([]);
    }
    const timeline = await t
      .http()
      .get(`/api/cases/${ids.kase}/timeline`)
      .set(bearer(t.users.caseworker))
      .expect(200);
    expect(JSON.stringify(timeline.body)).toContain('cousin in Blida');
  });

  it('answers 400 with the field named when there is nothing to search for', async () => {
    for (const q of ['', 'a', 'a b']) {
      const response = await t
        .http()
        .get(`/api/search?q=${encodeURIComponent(q)}`)
        .set(bearer(t.users.viewer))
        .expect(400);
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain('q');
    }
    await t.http().get('/api/search?q=haddad').expect(401);
  });

  it('serves every kind of search from its exact-word index', async () => {
    const runner = t.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      const { sql, params } = searchSql(['haddad', 'nasrin'], ['public', 'internal'], 50, NO_COMMON_WORDS);
      const plan = ((await runner.query(`EXPLAIN ${sql}`, params)) as { 'QUERY PLAN': string }[])
        .map((row) => row['QUERY PLAN'])
        .join('\n');
      for (const index of ['defenders', 'cases', 'charges', 'events', 'hearings']) {
        expect(plan).toContain(`${index}_search_words_idx`);
      }
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('finds a word as soon as it is written, and forgets it when no searchable text holds it', async () => {
    const kase = { id: ids.kase, timezone: 'Africa/Algiers' };
    const listed = async (word: string) =>
      (await t.dataSource.query('SELECT 1 FROM search_words WHERE word = $1', [word])).length > 0;
    const event = await makeEvent(t.dataSource, kase, {
      type: 'transfer',
      occurredOn: '2023-07-01',
      description: 'Moved to the Tazoult penitentiary',
    });
    expect(await found('tazoul')).toContain(`event:${event.id}`);
    expect(await found('tazoullt')).toContain(`event:${event.id}`);
    await t.dataSource.query('UPDATE events SET description = $2 WHERE id = $1', [event.id, 'Moved again']);
    expect(await listed('tazoult')).toBe(false);
    expect(await found('tazoult')).toEqual([]);
    expect(await listed('prison')).toBe(true);
    await t.dataSource.query('DELETE FROM events WHERE id = $1', [event.id]);
    expect(await listed('again')).toBe(false);

    // Made confidential, its text is sealed at rest: its words must not stay readable in the list.
    const secretSoon = await makeEvent(t.dataSource, kase, {
      type: 'statement',
      occurredOn: '2023-07-02',
      description: 'Seen by a Boughezoul doctor',
    });
    expect(await found('boughezoul')).toContain(`event:${secretSoon.id}`);
    await t
      .http()
      .patch(`/api/events/${secretSoon.id}`)
      .set(bearer(t.users.caseworker))
      .send({ visibility: 'confidential' })
      .expect(200);
    expect(await listed('boughezoul')).toBe(false);
    expect(await found('boughezoul', t.users.caseworker)).toEqual([]);
  });

  it('is on every page: the header box leads to results grouped by kind', async () => {
    const { agent } = await signInToWeb(t, t.users.viewer);
    const dashboard = await agent.get('/').expect(200);
    expect(dashboard.text).toContain('action="/search"');
    const page = await agent.get('/search?q=nasrn%20hadad').expect(200);
    expect(page.text).toContain(`href="/defenders/${ids.nasrin}"`);
    expect(page.text).toMatch(/<h2 id="results-defender">Defenders<\/h2>/);
    const empty = await agent.get('/search?q=a').expect(200);
    expect(empty.text).toContain('Type at least one word of two letters or more.');
  });
});
