import { AuditEntry } from '../src/audit/audit-entry.entity';
import { defenderNameCondition } from '../src/defenders/defenders.service';
import { makeCase, makeDefender } from './factories/cases';
import { makeEvent } from './factories/entries';
import { bearer, startTestApp, TestApp, TestUser } from './support/test-app';

const khurram = {
  fullName: 'Khurram Parvez',
  otherNames: ['Khurram Pervez'],
  country: 'IN',
  profession: 'human rights defender',
  affiliations: ['JKCCS', 'AFAD'],
  bio: 'Programme Coordinator of the Jammu and Kashmir Coalition of Civil Society.',
  contacts: [{ name: 'A relative', relation: 'family', phone: '+91 00000 00000' }],
};

describe('defenders', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const auditRows = async (entityId: string): Promise<AuditEntry[]> =>
    (
      await t
        .http()
        .get(`/api/audit?entity=defender&entityId=${entityId}`)
        .set(bearer(t.users.admin))
        .expect(200)
    ).body.items;

  describe('create', () => {
    it('lets a caseworker create a defender and returns it with its contacts', async () => {
      const response = await t
        .http()
        .post('/api/defenders')
        .set(bearer(t.users.caseworker))
        .send(khurram)
        .expect(201);
      expect(response.body).toEqual({
        ...khurram,
        id: expect.any(String),
        restrictedTo: [],
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      const [created] = await auditRows(response.body.id);
      expect(created).toMatchObject({
        action: 'create',
        actorEmail: 'caseworker@example.org',
        before: null,
        after: { fullName: 'Khurram Parvez', otherNames: ['Khurram Pervez'], country: 'IN' },
      });
    });

    it('fills in defaults for what is left out', async () => {
      const response = await t
        .http()
        .post('/api/defenders')
        .set(bearer(t.users.admin))
        .send({ fullName: 'Narges Mohammadi', country: 'IR' })
        .expect(201);
      expect(response.body).toMatchObject({
        otherNames: [],
        affiliations: [],
        contacts: [],
        profession: null,
        bio: null,
      });
    });

    it('is refused to viewers (403) and to requests without a token (401), writing nothing', async () => {
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM defenders');
      await t.http().post('/api/defenders').set(bearer(t.users.viewer)).send(khurram).expect(403);
      await t.http().post('/api/defenders').send(khurram).expect(401);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM defenders')).toEqual(before);
    });

    it.each([
      ['a lower-case country', { country: 'in' }, 'country'],
      ['a country that does not exist', { country: 'XX' }, 'country'],
      ['a three-letter country', { country: 'IND' }, 'country'],
      ['a blank name', { fullName: '   ' }, 'fullName'],
      ['an unknown field', { nickname: 'K' }, 'nickname'],
      ['a contact without its relation', { contacts: [{ name: 'Someone' }] }, 'contacts.0.relation'],
      [
        'a contact with a bad email',
        { contacts: [{ name: 'S', relation: 'lawyer', email: 'nope' }] },
        'contacts.0.email',
      ],
      ['other names that are not strings', { otherNames: [1] }, 'otherNames'],
    ])('answers 400 for %s, naming the field', async (_label, change, field) => {
      const response = await t
        .http()
        .post('/api/defenders')
        .set(bearer(t.users.caseworker))
        .send({ ...khurram, ...change })
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(response.body.details.map((detail: { field: string }) => detail.field)).toContain(field);
    });

    it('answers 400 for a missing country and name', async () => {
      const response = await t
        .http()
        .post('/api/defenders')
        .set(bearer(t.users.caseworker))
        .send({})
        .expect(400);
      const fields = response.body.details.map((detail: { field: string }) => detail.field);
      expect(fields).toEqual(expect.arrayContaining(['fullName', 'country']));
    });
  });

  describe('read', () => {
    it('hides contacts from viewers, everywhere', async () => {
      const defender = await makeDefender(t.dataSource, {
        fullName: 'Hidden Contacts',
        contacts: [{ name: 'Lawyer', relation: 'lawyer', email: 'lawyer@example.org' }],
      });
      const asViewer = await t
        .http()
        .get(`/api/defenders/${defender.id}`)
        .set(bearer(t.users.viewer))
        .expect(200);
      expect(asViewer.body.fullName).toBe('Hidden Contacts');
      expect(asViewer.body).not.toHaveProperty('contacts');
      const list = await t
        .http()
        .get('/api/defenders?q=hidden contacts')
        .set(bearer(t.users.viewer))
        .expect(200);
      expect(list.body.items).toHaveLength(1);
      expect(list.body.items[0]).not.toHaveProperty('contacts');
      expect(JSON.stringify(list.body)).not.toContain('lawyer@example.org');

      const asCaseworker = await t
        .http()
        .get(`/api/defenders/${defender.id}`)
        .set(bearer(t.users.caseworker))
        .expect(200);
      expect(asCaseworker.body.contacts).toEqual([
        { name: 'Lawyer', relation: 'lawyer', email: 'lawyer@example.org' },
      ]);
    });

    it('hides contacts from a viewer even in the answer to a write they cannot make', async () => {
      const defender = await makeDefender(t.dataSource, { contacts: [{ name: 'X', relation: 'family' }] });
      const response = await t
        .http()
        .patch(`/api/defenders/${defender.id}`)
        .set(bearer(t.users.viewer))
        .send({ bio: 'x' })
        .expect(403);
      expect(JSON.stringify(response.body)).not.toContain('family');
    });

    it('answers 404 for an unknown id, 400 for a malformed one, and 401 without a token', async () => {
      await t
        .http()
        .get('/api/defenders/00000000-0000-4000-8000-000000000000')
        .set(bearer(t.users.viewer))
        .expect(404);
      const bad = await t.http().get('/api/defenders/nope').set(bearer(t.users.viewer)).expect(400);
      expect(bad.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
      await t.http().get('/api/defenders').expect(401);
    });
  });

  describe('search and pagination', () => {
    beforeAll(async () => {
      await makeDefender(t.dataSource, {
        fullName: 'Khurram Parvez',
        otherNames: ['Khurram Pervez'],
        country: 'IN',
      });
      for (const [fullName, otherNames, country] of [
        ['Searchable Khurramabad', ['Pervez of Srinagar'], 'IN'],
        ['Ales Bialiatski', ['Алесь Бяляцкі', 'Ales Byalyatski'], 'BY'],
        ['Percent 100% Sure', [], 'BY'],
        ['Percent 1000 Sure', [], 'BY'],
      ] as const) {
        await makeDefender(t.dataSource, { fullName, otherNames: [...otherNames], country });
      }
    });

    const search = (query: string) =>
      t.http().get(`/api/defenders?${query}`).set(bearer(t.users.viewer)).expect(200);

    it('finds a defender by another name, in any case, anywhere in it', async () => {
      const response = await search('q=Pervez');
      const items: { fullName: string; otherNames: string[] }[] = response.body.items;
      // No full name contains "Pervez": every match is found by one of its other names.
      expect(new Set(items.map((item) => item.fullName))).toEqual(
        new Set(['Khurram Parvez', 'Searchable Khurramabad']),
      );
      expect(items.every((item) => item.otherNames.some((name) => /pervez/i.test(name)))).toBe(true);
      expect(response.body.total).toBe(items.length);
      expect((await search('q=PERVEZ OF')).body.total).toBe(1);
      expect((await search('q=бяляцкі')).body.items[0].fullName).toBe('Ales Bialiatski');
    });

    it('finds every word typed, in any order and without accents', async () => {
      const names = async (q: string) =>
        (await search(`q=${encodeURIComponent(q)}`)).body.items.map((i: { fullName: string }) => i.fullName);
      // Two defenders are called Khurram Parvez by now (one made through the API above).
      const inOrder = await names('Khurram Parvez');
      expect(new Set(inOrder)).toEqual(new Set(['Khurram Parvez']));
      expect(await names('Parvez Khurram')).toEqual(inOrder);
      expect(await names('khurram PERVEZ')).toEqual([...inOrder, 'Searchable Khurramabad']);
      expect(await names('Aleś Białiatski')).toEqual(['Ales Bialiatski']);
    });

    it('finds by the full name too', async () => {
      expect((await search('q=bialiatski')).body.items.map((i: { country: string }) => i.country)).toEqual([
        'BY',
      ]);
    });

    it('treats % and _ in the query as text, not wildcards', async () => {
      const response = await search(`q=${encodeURIComponent('100%')}`);
      expect(response.body.items.map((item: { fullName: string }) => item.fullName)).toEqual([
        'Percent 100% Sure',
      ]);
      expect((await search('q=Percent_')).body.total).toBe(0);
    });

    it('filters by country and combines with q', async () => {
      const belarus = await search('country=BY');
      expect(belarus.body.total).toBe(3);
      expect(belarus.body.items.every((item: { country: string }) => item.country === 'BY')).toBe(true);
      expect((await search('country=BY&q=percent')).body.total).toBe(2);
      expect((await search('country=IN&q=percent')).body.total).toBe(0);
    });

    it('pages by name with the total of all matches', async () => {
      const first = await search('country=BY&limit=2&offset=0');
      const second = await search('country=BY&limit=2&offset=2');
      expect(first.body).toMatchObject({ total: 3, limit: 2, offset: 0 });
      expect(second.body).toMatchObject({ total: 3, limit: 2, offset: 2 });
      expect(
        [...first.body.items, ...second.body.items].map((i: { fullName: string }) => i.fullName),
      ).toEqual(['Ales Bialiatski', 'Percent 100% Sure', 'Percent 1000 Sure']);
      const beyond = await search('country=BY&limit=2&offset=10');
      expect(beyond.body).toMatchObject({ total: 3, items: [] });
    });

    it('answers 400 for bad filters', async () => {
      const response = await t
        .http()
        .get('/api/defenders?country=by&limit=0&offset=-1&q=')
        .set(bearer(t.users.viewer))
        .expect(400);
      const fields = response.body.details.map((detail: { field: string }) => detail.field);
      expect(fields).toEqual(expect.arrayContaining(['country', 'limit', 'offset', 'q']));
    });

    it('searches with the expression the trigram index is built on', async () => {
      const runner = t.dataSource.createQueryRunner();
      try {
        await runner.startTransaction();
        await runner.query('SET LOCAL enable_seqscan = off');
        const { where } = defenderNameCondition('pervez');
        const plan = (await runner.query(
          `EXPLAIN SELECT defender.id FROM defenders defender WHERE ${where.replace(':fragment0', '$1')}`,
          ['pervez'],
        )) as { 'QUERY PLAN': string }[];
        expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain('defenders_search_doc_idx');
      } finally {
        await runner.rollbackTransaction();
        await runner.release();
      }
    });
  });

  describe('update', () => {
    it('changes the given fields only, and audits before and after', async () => {
      const defender = await makeDefender(t.dataSource, {
        fullName: 'Before Rename',
        profession: 'journalist',
        contacts: [{ name: 'Old', relation: 'family' }],
      });
      const response = await t
        .http()
        .patch(`/api/defenders/${defender.id}`)
        .set(bearer(t.users.caseworker))
        .send({ fullName: 'After Rename', otherNames: ['A. Rename'], bio: null, contacts: [] })
        .expect(200);
      expect(response.body).toMatchObject({
        fullName: 'After Rename',
        otherNames: ['A. Rename'],
        profession: 'journalist',
        bio: null,
        contacts: [],
      });
      const [update] = await auditRows(defender.id);
      expect(update).toMatchObject({
        action: 'update',
        actorEmail: 'caseworker@example.org',
        before: { fullName: 'Before Rename', contacts: [{ name: 'Old', relation: 'family' }] },
        after: { fullName: 'After Rename', contacts: [] },
      });
    });

    it('refuses null for a field a defender cannot be without, changing nothing', async () => {
      const defender = await makeDefender(t.dataSource, { fullName: 'Stays Put' });
      const response = await t
        .http()
        .patch(`/api/defenders/${defender.id}`)
        .set(bearer(t.users.caseworker))
        .send({ fullName: null, country: 'in' })
        .expect(400);
      const fields = response.body.details.map((detail: { field: string }) => detail.field);
      expect(fields).toEqual(expect.arrayContaining(['fullName', 'country']));
      expect(
        (await t.http().get(`/api/defenders/${defender.id}`).set(bearer(t.users.viewer))).body.fullName,
      ).toBe('Stays Put');
    });

    it('answers 404 for an unknown defender and 403 for a viewer', async () => {
      await t
        .http()
        .patch('/api/defenders/00000000-0000-4000-8000-000000000000')
        .set(bearer(t.users.caseworker))
        .send({ bio: 'x' })
        .expect(404);
      const defender = await makeDefender(t.dataSource);
      await t
        .http()
        .patch(`/api/defenders/${defender.id}`)
        .set(bearer(t.users.viewer))
        .send({ bio: 'x' })
        .expect(403);
      await t.http().patch(`/api/defenders/${defender.id}`).send({ bio: 'x' }).expect(401);
    });
  });

  describe('delete', () => {
    it('deletes a defender without cases and audits the before snapshot', async () => {
      const defender = await makeDefender(t.dataSource, { fullName: 'To Be Deleted' });
      await t.http().delete(`/api/defenders/${defender.id}`).set(bearer(t.users.viewer)).expect(403);
      await t.http().delete(`/api/defenders/${defender.id}`).set(bearer(t.users.caseworker)).expect(204);
      await t.http().get(`/api/defenders/${defender.id}`).set(bearer(t.users.viewer)).expect(404);
      const [deleted] = await auditRows(defender.id);
      expect(deleted).toMatchObject({ action: 'delete', before: { fullName: 'To Be Deleted' }, after: null });
      await t.http().delete(`/api/defenders/${defender.id}`).set(bearer(t.users.caseworker)).expect(404);
    });

    it('refuses with 409 while the defender has a case', async () => {
      const defender = await makeDefender(t.dataSource, { fullName: 'Has A Case' });
      await makeCase(t.dataSource, { defenderId: defender.id });
      const response = await t
        .http()
        .delete(`/api/defenders/${defender.id}`)
        .set(bearer(t.users.caseworker))
        .expect(409);
      expect(response.body.message).toContain('Has A Case is the defender in 1 case');
      await t.http().get(`/api/defenders/${defender.id}`).set(bearer(t.users.viewer)).expect(200);
    });

    it('refuses with 409 while the defender is co-accused in a case, keeping the link', async () => {
      const defender = await makeDefender(t.dataSource, { fullName: 'Co Accused' });
      const other = await makeCase(t.dataSource);
      await t.dataSource.query('INSERT INTO case_participants (case_id, defender_id) VALUES ($1, $2)', [
        other.id,
        defender.id,
      ]);
      const response = await t
        .http()
        .delete(`/api/defenders/${defender.id}`)
        .set(bearer(t.users.admin))
        .expect(409);
      expect(response.body.message).toContain('is co-accused in 1 case');
      const links = await t.dataSource.query('SELECT * FROM case_participants WHERE defender_id = $1', [
        defender.id,
      ]);
      expect(links).toHaveLength(1);
    });
  });

  describe("a defender's cases", () => {
    it('lists the cases about them and those where they are co-accused, paginated', async () => {
      const defender = await makeDefender(t.dataSource, { fullName: 'Many Cases' });
      const older = await makeCase(t.dataSource, {
        defenderId: defender.id,
        title: 'PSA',
        arrestedOn: '2016-09-15',
      });
      const newer = await makeCase(t.dataSource, {
        defenderId: defender.id,
        title: 'NIA',
        arrestedOn: '2021-11-22',
      });
      // Ordered by their own arrest in it, not the main defender's.
      const theirs = await makeCase(t.dataSource, {
        title: 'Someone else, co-accused',
        arrestedOn: '2023-06-01',
      });
      await makeCase(t.dataSource, { title: 'Unrelated' });
      await t.dataSource.query('INSERT INTO case_participants (case_id, defender_id) VALUES ($1, $2)', [
        theirs.id,
        defender.id,
      ]);
      await makeEvent(t.dataSource, theirs, { occurredOn: '2019-01-01', participantId: defender.id });
      const all = await t
        .http()
        .get(`/api/defenders/${defender.id}/cases`)
        .set(bearer(t.users.viewer))
        .expect(200);
      expect(all.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
      expect(all.body.items.map((item: { id: string }) => item.id)).toEqual([newer.id, theirs.id, older.id]);
      expect(all.body.items[1]).toMatchObject({ coAccusedIds: [defender.id] });
      expect(all.body.items[0].custodyClock).toBeDefined();

      const second = await t
        .http()
        .get(`/api/defenders/${defender.id}/cases?limit=1&offset=1`)
        .set(bearer(t.users.viewer))
        .expect(200);
      expect(second.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
      expect(second.body.items.map((item: { title: string }) => item.title)).toEqual([
        'Someone else, co-accused',
      ]);
    });

    it('orders a viewer’s list by the arrests they may read, not by a confidential one', async () => {
      const defender = await makeDefender(t.dataSource, { fullName: 'Quiet Arrest' });
      // Created first, its only arrest confidential and the later of the two.
      const secret = await makeCase(t.dataSource, {
        defenderId: defender.id,
        title: 'Quiet case',
        arrestedOn: null,
        detentionStatus: 'not_detained',
      });
      await t
        .http()
        .post(`/api/cases/${secret.id}/events`)
        .set(bearer(t.users.caseworker))
        .send({
          type: 'arrest',
          occurredOn: '2023-04-01',
          precision: 'day',
          description: 'Arrested',
          visibility: 'confidential',
          sources: [],
        })
        .expect(201);
      const open = await makeCase(t.dataSource, {
        defenderId: defender.id,
        title: 'Open case',
        arrestedOn: '2020-06-01',
      });
      const order = async (user: TestUser, query = '') =>
        (
          await t.http().get(`/api/defenders/${defender.id}/cases${query}`).set(bearer(user)).expect(200)
        ).body.items.map((item: { id: string }) => item.id);
      expect(await order(t.users.caseworker)).toEqual([secret.id, open.id]);
      // Ordered by the stored arrest date, the viewer would see the quiet case first.
      expect(await order(t.users.viewer)).toEqual([open.id, secret.id]);
      expect(await order(t.users.viewer, '?limit=1&offset=1')).toEqual([secret.id]);
    });

    it('answers 404 for an unknown defender and 401 without a token', async () => {
      await t
        .http()
        .get('/api/defenders/00000000-0000-4000-8000-000000000000/cases')
        .set(bearer(t.users.viewer))
        .expect(404);
      const defender = await makeDefender(t.dataSource);
      await t.http().get(`/api/defenders/${defender.id}/cases`).expect(401);
      const empty = await t
        .http()
        .get(`/api/defenders/${defender.id}/cases`)
        .set(bearer(t.users.viewer))
        .expect(200);
      expect(empty.body).toMatchObject({ items: [], total: 0 });
    });
  });

  it('documents the defender endpoints and their schemas in OpenAPI', async () => {
    const openApi = await t.http().get('/docs-json').expect(200);
    expect(Object.keys(openApi.body.paths)).toEqual(
      expect.arrayContaining(['/api/defenders', '/api/defenders/{id}', '/api/defenders/{id}/cases']),
    );
    expect(openApi.body.components.schemas.CreateDefenderDto.properties).toHaveProperty('contacts');
    expect(openApi.body.components.schemas.DefenderView.required).toEqual(
      expect.arrayContaining(['fullName', 'country']),
    );
  });
});
