import { Case } from '../src/cases/case.entity';
import { compareTimelineEntries } from '../src/timeline/timeline-order';
import { TimelineEntry, TimelineService } from '../src/timeline/timeline.service';
import { makeCase, makeDefender } from './factories/cases';
import { makeCharge, makeCustodyOrder, makeEvent, makeHearing } from './factories/entries';
import { bearer, startTestApp, TestApp } from './support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('timeline', () => {
  let t: TestApp;
  let nia: Case;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    const khurram = await makeDefender(t.dataSource, { fullName: 'Khurram Parvez' });
    // No arrest entry of the factory's: the entries below are the whole timeline.
    const noEntries = { arrestedOn: null, detentionStatus: 'not_detained' } as const;
    nia = await makeCase(t.dataSource, { defenderId: khurram.id, ...noEntries });
    // Written out of order on purpose: the timeline must not depend on insertion order.
    const trial = await makeHearing(t.dataSource, nia, {
      scheduledLocal: '2022-07-06T10:30:00',
      purpose: 'First trial hearing',
    });
    const chargeSheet = await makeCharge(t.dataSource, nia, {
      law: 'Indian Penal Code 1860',
      section: '120B',
      counts: null,
      offence: 'Criminal conspiracy',
      broughtOn: '2022-05-13',
      status: 'in_charge_sheet',
    });
    const undated = await makeCharge(t.dataSource, nia, { section: '38', broughtOn: null });
    const raid = await makeEvent(t.dataSource, nia, {
      occurredOn: '2021-11-22',
      type: 'raid',
      title: 'Raid and arrest',
      description: 'NIA raided his home and the JKCCS office, then arrested him.',
      sources: [
        { citation: 'CIVICUS Monitor' },
        { url: 'https://example.org/statement', citation: 'Joint NGO statement' },
      ],
    });
    const october = await makeEvent(t.dataSource, nia, {
      occurredOn: '2020-10-01',
      precision: 'month',
      type: 'raid',
      description: 'Raids on the houses and offices of several defenders, his included.',
    });
    const year = await makeEvent(t.dataSource, nia, {
      occurredOn: '2022-01-01',
      precision: 'year',
      type: 'other',
      description: 'Family visits were refused through the year.',
      visibility: 'internal',
    });
    const newYearDay = await makeEvent(t.dataSource, nia, {
      occurredOn: '2022-01-01',
      type: 'statement',
      description: 'A statement on New Year’s Day.',
    });
    const extension = await makeCustodyOrder(t.dataSource, nia, {
      orderedOn: '2021-12-25',
      days: 30,
      until: '2022-01-21',
      judge: 'Parveen Singh',
    });
    const secret = await makeEvent(t.dataSource, nia, {
      occurredOn: '2021-12-02',
      type: 'other',
      description: 'Name of a family contact who spoke to us.',
      visibility: 'confidential',
    });
    const secretOrder = await makeCustodyOrder(t.dataSource, nia, {
      orderedOn: '2021-12-04',
      days: 20,
      visibility: 'confidential',
    });
    const other = await makeCase(t.dataSource, { arrestedOn: null, detentionStatus: 'not_detained' });
    await makeEvent(t.dataSource, other, { occurredOn: '2021-11-23', description: 'Another case entirely.' });
    ids = {
      trial: trial.id,
      chargeSheet: chargeSheet.id,
      undated: undated.id,
      raid: raid.id,
      october: october.id,
      year: year.id,
      newYearDay: newYearDay.id,
      extension: extension.id,
      secret: secret.id,
      secretOrder: secretOrder.id,
      otherCase: other.id,
    };
  });
  afterAll(() => t.close());

  const timeline = (query = '', user = t.users.caseworker) =>
    t.http().get(`/api/cases/${nia.id}/timeline${query}`).set(bearer(user));
  const idsOf = (items: TimelineEntry[]) => items.map((item) => item.id);

  it('merges every kind of entry in one order: where it stands, precision, creation; undated charges last', async () => {
    const response = await timeline().expect(200);
    expect(response.body).toMatchObject({ total: 10, limit: 50, offset: 0 });
    // "Through 2022" family visits were refused: it cannot come before what happened in 2022, so it
    // stands at the end of the year (only an arrest or detention known to the year stands at its start).
    expect(idsOf(response.body.items)).toEqual([
      ids.october,
      ids.raid,
      ids.secret,
      ids.secretOrder,
      ids.extension,
      ids.newYearDay,
      ids.chargeSheet,
      ids.trial,
      ids.year,
      ids.undated,
    ]);
    expect(response.body.items.map((item: TimelineEntry) => [item.kind, item.date, item.precision])).toEqual([
      ['event', '2020-10-01', 'month'],
      ['event', '2021-11-22', 'day'],
      ['event', '2021-12-02', 'day'],
      ['custody_order', '2021-12-04', 'day'],
      ['custody_order', '2021-12-25', 'day'],
      ['event', '2022-01-01', 'day'],
      ['charge', '2022-05-13', 'day'],
      ['hearing', '2022-07-06', 'day'],
      ['event', '2022-01-01', 'year'],
      ['charge', null, 'day'],
    ]);
  });

  it('sorts exactly as the pure comparator says', async () => {
    const items: TimelineEntry[] = (await timeline().expect(200)).body.items;
    expect(idsOf([...items].reverse().sort(compareTimelineEntries))).toEqual(idsOf(items));
  });

  it('breaks ties on the same date and precision by creation, then id', async () => {
    const sameDay = await makeCase(t.dataSource, { arrestedOn: null, detentionStatus: 'not_detained' });
    const first = await makeEvent(t.dataSource, sameDay, { occurredOn: '2022-03-24', description: 'first' });
    const second = await makeCustodyOrder(t.dataSource, sameDay, { orderedOn: '2022-03-24', days: 50 });
    const third = await makeHearing(t.dataSource, sameDay, { scheduledLocal: '2022-03-24T00:00:00' });
    // Same creation instant: the id decides.
    await t.dataSource.query(`UPDATE events SET created_at = $2 WHERE id = $1`, [
      first.id,
      '2026-01-01T00:00:00Z',
    ]);
    await t.dataSource.query(`UPDATE custody_orders SET created_at = $2 WHERE id = $1`, [
      second.id,
      '2026-01-01T00:00:00Z',
    ]);
    const response = await t
      .http()
      .get(`/api/cases/${sameDay.id}/timeline`)
      .set(bearer(t.users.viewer))
      .expect(200);
    const items: TimelineEntry[] = response.body.items;
    const tied = [first.id, second.id].sort();
    expect(idsOf(items)).toEqual([...tied, third.id]);
    expect(idsOf([...items].reverse().sort(compareTimelineEntries))).toEqual(idsOf(items));
  });

  it('gives each kind its own fields in camelCase, and an event its sources in order', async () => {
    const items: TimelineEntry[] = (await timeline().expect(200)).body.items;
    const byId = Object.fromEntries(items.map((item) => [item.id, item]));
    expect(byId[ids.raid]).toEqual({
      kind: 'event',
      id: ids.raid,
      caseId: nia.id,
      participantId: null,
      date: '2021-11-22',
      precision: 'day',
      visibility: 'public',
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/),
      type: 'raid',
      periodPosition: null,
      dayPosition: null,
      custodyBasis: null,
      bailConditions: null,
      bailConditionsNote: null,
      sentenceTerm: null,
      sentenceStartsOn: null,
      creditForCustody: null,
      endedOn: null,
      stage: null,
      court: null,
      decision: null,
      appealDeadline: null,
      title: 'Raid and arrest',
      description: 'NIA raided his home and the JKCCS office, then arrested him.',
      sources: [
        { id: expect.any(String), position: 0, citation: 'CIVICUS Monitor', url: null },
        {
          id: expect.any(String),
          position: 1,
          citation: 'Joint NGO statement',
          url: 'https://example.org/statement',
        },
      ],
    });
    expect(byId[ids.october]).toMatchObject({ sources: [] });
    expect(byId[ids.chargeSheet]).toEqual({
      kind: 'charge',
      id: ids.chargeSheet,
      caseId: nia.id,
      participantId: null,
      date: '2022-05-13',
      precision: 'day',
      visibility: 'public',
      createdAt: expect.any(String),
      law: 'Indian Penal Code 1860',
      section: '120B',
      maximumPenalty: null,
      counts: null,
      offence: 'Criminal conspiracy',
      broughtOn: '2022-05-13',
      status: 'in_charge_sheet',
    });
    expect(byId[ids.trial]).toEqual({
      kind: 'hearing',
      id: ids.trial,
      caseId: nia.id,
      participantId: null,
      date: '2022-07-06',
      precision: 'day',
      visibility: 'public',
      createdAt: expect.any(String),
      scheduledAt: '2022-07-06T05:00:00.000Z',
      scheduledLocal: '2022-07-06T10:30:00',
      timeKnown: true,
      court: 'NIA Special Court, New Delhi',
      judge: null,
      purpose: 'First trial hearing',
      stage: null,
      status: 'scheduled',
      outcome: null,
      outcomeNotes: null,
      outcomeRecordedAt: null,
      updatedAt: expect.any(String),
    });
    expect(byId[ids.extension]).toEqual({
      kind: 'custody_order',
      id: ids.extension,
      caseId: nia.id,
      participantId: null,
      date: '2021-12-25',
      precision: 'day',
      visibility: 'public',
      createdAt: expect.any(String),
      custodyKind: 'judicial',
      orderedOn: '2021-12-25',
      days: 30,
      until: '2022-01-21',
      // The earlier of 30 days from the order (24 January) and the stated end.
      endsOn: '2022-01-21',
      court: 'NIA Special Court, New Delhi',
      judge: 'Parveen Singh',
      place: null,
      hearingId: null,
      notes: null,
    });
  });

  it("dates a hearing by the court's local day, not the UTC day", async () => {
    const early = await makeHearing(t.dataSource, nia, { scheduledLocal: '2022-08-01T01:00:00' });
    try {
      const items: TimelineEntry[] = (await timeline('?from=2022-08-01&to=2022-08-01').expect(200)).body
        .items;
      // 01:00 in New Delhi is 19:30 UTC the day before.
      expect(items).toEqual([
        expect.objectContaining({
          id: early.id,
          date: '2022-08-01',
          scheduledAt: '2022-07-31T19:30:00.000Z',
        }),
      ]);
    } finally {
      await t.dataSource.query('DELETE FROM hearings WHERE id = $1', [early.id]);
    }
  });

  describe('visibility', () => {
    it('never gives viewers confidential entries, and refuses them when asked', async () => {
      const response = await timeline('', t.users.viewer).expect(200);
      expect(response.body.total).toBe(8);
      expect(idsOf(response.body.items)).not.toEqual(expect.arrayContaining([ids.secret]));
      expect(idsOf(response.body.items)).not.toContain(ids.secretOrder);
      expect(response.body.items.every((item: TimelineEntry) => item.visibility !== 'confidential')).toBe(
        true,
      );
      expect(JSON.stringify(response.body)).not.toContain('family contact');
      await timeline('?visibility=confidential', t.users.viewer).expect(403);
      await timeline('?visibility=public,confidential', t.users.viewer).expect(403);
    });

    it('shows caseworkers and admins everything, and filters to the visibilities asked for', async () => {
      expect((await timeline('', t.users.admin).expect(200)).body.total).toBe(10);
      const publicOnly = await timeline('?visibility=public').expect(200);
      expect(publicOnly.body.total).toBe(7);
      expect(publicOnly.body.items.every((item: TimelineEntry) => item.visibility === 'public')).toBe(true);
      const internal = await timeline('?visibility=internal', t.users.viewer).expect(200);
      expect(idsOf(internal.body.items)).toEqual([ids.year]);
      const secrets = await timeline('?visibility=confidential').expect(200);
      expect(idsOf(secrets.body.items)).toEqual([ids.secret, ids.secretOrder]);
    });
  });

  describe('date range and pagination', () => {
    it('keeps entries dated within from..to inclusive, leaving undated ones out', async () => {
      const response = await timeline('?from=2021-12-04&to=2022-05-13').expect(200);
      expect(idsOf(response.body.items)).toEqual([
        ids.secretOrder,
        ids.extension,
        ids.newYearDay,
        ids.chargeSheet,
        ids.year,
      ]);
      expect(response.body.total).toBe(5);
      const from = await timeline('?from=2022-05-14').expect(200);
      expect(idsOf(from.body.items)).toEqual([ids.trial]);
    });

    it('pages through the same order with the total of all matches', async () => {
      const all = idsOf((await timeline().expect(200)).body.items);
      const pages: string[] = [];
      for (let offset = 0; offset < 10; offset += 3) {
        const response = await timeline(`?limit=3&offset=${offset}`).expect(200);
        expect(response.body).toMatchObject({ total: 10, limit: 3, offset });
        pages.push(...idsOf(response.body.items));
      }
      expect(pages).toEqual(all);
    });

    it('still counts the total on a page past the end', async () => {
      const response = await timeline('?limit=5&offset=50').expect(200);
      expect(response.body).toEqual({ items: [], total: 10, limit: 5, offset: 50 });
    });

    it('answers 400 for bad parameters, naming them', async () => {
      const bad = await timeline('?visibility=secret&from=2022-02-30&limit=0').expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(
        expect.arrayContaining(['visibility', 'from', 'limit']),
      );
      const backwards = await timeline('?from=2022-05-13&to=2022-01-01').expect(400);
      expect(backwards.body.details).toEqual([
        { field: 'to', problem: 'must not be before from (2022-05-13)' },
      ]);
      const malformed = await t
        .http()
        .get('/api/cases/nope/timeline')
        .set(bearer(t.users.viewer))
        .expect(400);
      expect(malformed.body.details).toEqual([{ field: 'caseId', problem: 'must be a UUID' }]);
    });
  });

  it('answers 404 for an unknown case and 401 without a token', async () => {
    await t.http().get(`/api/cases/${UNKNOWN_ID}/timeline`).set(bearer(t.users.viewer)).expect(404);
    await t.http().get(`/api/cases/${nia.id}/timeline`).expect(401);
  });

  it('is documented in OpenAPI with its query and entry schema', async () => {
    const openApi = await t.http().get('/docs-json').expect(200);
    const operation = openApi.body.paths['/api/cases/{caseId}/timeline'].get;
    expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining(['caseId', 'visibility', 'from', 'to', 'limit', 'offset']),
    );
    expect(Object.keys(openApi.body.components.schemas.TimelineEntryView.properties)).toEqual(
      expect.arrayContaining([
        'kind',
        'id',
        'date',
        'precision',
        'visibility',
        'createdAt',
        'sources',
        'custodyKind',
      ]),
    );
  });

  describe('TimelineService.entries, as the chronology exporter uses it', () => {
    it('merges several cases in one order, and returns everything without a page', async () => {
      const service = t.app.get(TimelineService);
      const { items, total } = await service.entries([nia.id, ids.otherCase], {
        visibilities: ['public'],
      });
      expect(total).toBe(8);
      expect(items).toHaveLength(8);
      expect(items.map((item) => item.caseId)).toContain(ids.otherCase);
      expect(idsOf([...items].reverse().sort(compareTimelineEntries))).toEqual(idsOf(items));
    });

    it('returns nothing for no cases or no visibilities', async () => {
      const service = t.app.get(TimelineService);
      expect(await service.entries([], { visibilities: ['public'] })).toEqual({ items: [], total: 0 });
      expect(await service.entries([nia.id], { visibilities: [] })).toEqual({ items: [], total: 0 });
    });

    it('runs one SQL statement, however many entries and kinds there are', async () => {
      const service = t.app.get(TimelineService);
      const queries: string[] = [];
      const original = t.dataSource.driver.createQueryRunner.bind(t.dataSource.driver);
      const spy = jest.spyOn(t.dataSource.driver, 'createQueryRunner').mockImplementation((mode) => {
        const runner = original(mode);
        const query = runner.query.bind(runner);
        runner.query = ((sql: string, ...rest: unknown[]) => {
          queries.push(sql);
          return (query as (...args: unknown[]) => unknown)(sql, ...rest);
        }) as typeof runner.query;
        return runner;
      });
      try {
        await service.entries(
          [nia.id],
          { visibilities: ['public', 'internal', 'confidential'] },
          { limit: 5, offset: 0 },
        );
      } finally {
        spy.mockRestore();
      }
      expect(queries).toHaveLength(1);
      expect(queries[0]).toContain('UNION ALL');
    });
  });
});
