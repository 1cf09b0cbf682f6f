import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Case } from '../src/cases/case.entity';
import { EventSource } from '../src/events/event-source.entity';
import { CaseEvent } from '../src/events/event.entity';
import { makeCase } from './factories/cases';
import { bearer, startTestApp, TestApp } from './support/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
type Problem = { field: string; problem: string };

describe('events', () => {
  let t: TestApp;
  let nia: Case;

  beforeAll(async () => {
    t = await startTestApp();
    nia = await makeCase(t.dataSource);
  });
  afterAll(() => t.close());

  const post = (owner: Case, body: object) =>
    t.http().post(`/api/cases/${owner.id}/events`).set(bearer(t.users.caseworker)).send(body);
  const auditRows = (entityId: string) =>
    t.dataSource
      .getRepository(AuditEntry)
      .find({ where: { entity: 'event', entityId }, order: { id: 'ASC' } });
  const fields = (body: { details: Problem[] }) => body.details.map((d) => d.field);

  const arrest = {
    occurredOn: '2021-11-22',
    precision: 'day',
    type: 'arrest',
    title: 'Arrested by the NIA',
    description: 'Arrested in Srinagar after raids on his home and office.',
    visibility: 'public',
    sources: [
      { citation: 'UN human rights experts, press release, 1 December 2021' },
      { url: 'https://www.ohchr.org/en/press-releases' },
      { citation: 'Front Line Defenders', url: 'http://example.org/case' },
    ],
  };

  it('lets a caseworker record an event with its sources in order, audited', async () => {
    const response = await post(nia, arrest).expect(201);
    expect(response.body).toMatchObject({
      ...arrest,
      caseId: nia.id,
      sources: [
        { citation: 'UN human rights experts, press release, 1 December 2021', url: null },
        { citation: null, url: 'https://www.ohchr.org/en/press-releases' },
        { citation: 'Front Line Defenders', url: 'http://example.org/case' },
      ],
    });
    const stored = await t.dataSource
      .getRepository(EventSource)
      .find({ where: { eventId: response.body.id }, order: { position: 'ASC' } });
    expect(stored.map((s) => s.position)).toEqual([0, 1, 2]);

    const rows = await auditRows(response.body.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'create',
      actorEmail: 'caseworker@example.org',
      after: { occurredOn: '2021-11-22', type: 'arrest', sources: response.body.sources },
    });
  });

  it('takes a month or a year for less precise dates and stores the first day', async () => {
    const month = await post(nia, {
      ...arrest,
      occurredOn: '2020-10',
      precision: 'month',
      type: 'raid',
      sources: [],
    }).expect(201);
    expect(month.body).toMatchObject({ occurredOn: '2020-10-01', precision: 'month', sources: [] });
    const year = await post(nia, {
      ...arrest,
      occurredOn: '2016',
      precision: 'year',
      type: 'detention',
    }).expect(201);
    expect(year.body).toMatchObject({ occurredOn: '2016-01-01', precision: 'year' });
    const firstDay = await post(nia, { ...arrest, occurredOn: '2016-09-01', precision: 'month' }).expect(201);
    expect(firstDay.body.occurredOn).toBe('2016-09-01');
  });

  it('refuses a date that does not fit its precision, naming the field', async () => {
    const count = () => t.dataSource.getRepository(CaseEvent).countBy({ caseId: nia.id });
    const before = await count();
    const midMonth = await post(nia, { ...arrest, occurredOn: '2021-11-15', precision: 'month' }).expect(400);
    expect(midMonth.body.details).toEqual([
      {
        field: 'occurredOn',
        problem:
          '2021-11-15 does not fit precision month: write the month as 2021-11 (or its first day, 2021-11-01)',
      },
    ]);
    const vague = await post(nia, { ...arrest, occurredOn: '2021-11', precision: 'day' }).expect(400);
    expect(fields(vague.body)).toEqual(['occurredOn']);
    const impossible = await post(nia, { ...arrest, occurredOn: '2022-02-30' }).expect(400);
    expect(impossible.body.details).toEqual([
      { field: 'occurredOn', problem: '2022-02-30 is not a real calendar date' },
    ]);
    expect(await count()).toBe(before);
  });

  it('answers 400 with a problem per field, sources included', async () => {
    const response = await post(nia, {
      occurredOn: 20211122,
      precision: 'week',
      type: 'picnic',
      description: '  ',
      visibility: 'secret',
      sources: [
        {},
        { url: 'ftp://example.org/file' },
        { citation: 'ok', url: 'not a url' },
        { citation: 'x', page: 3 },
      ],
    }).expect(400);
    expect(fields(response.body)).toEqual(
      expect.arrayContaining([
        'occurredOn',
        'precision',
        'type',
        'description',
        'visibility',
        'sources.0.citation',
        'sources.1.url',
        'sources.2.url',
        'sources.3.page',
      ]),
    );
    expect(response.body.details).toContainEqual({
      field: 'sources.0.citation',
      problem: 'a source needs a citation or an http(s) URL',
    });
    expect(response.body.details).toContainEqual({
      field: 'sources.1.url',
      problem: 'url must be an http(s) URL',
    });
    const noSources = await post(nia, { ...arrest, sources: undefined }).expect(400);
    expect(new Set(fields(noSources.body))).toEqual(new Set(['sources']));
  });

  it('lists a case’s events by date, paginated, filtered by type and visibility; viewers never see confidential ones', async () => {
    // A case with no entries of its own yet (the factory would write its arrest as an event).
    const own = await makeCase(t.dataSource, { arrestedOn: null, detentionStatus: 'not_detained' });
    await post(own, { ...arrest, sources: [] }).expect(201);
    await post(own, { ...arrest, occurredOn: '2016-09', precision: 'month', type: 'detention' }).expect(201);
    const secret = await post(own, {
      ...arrest,
      occurredOn: '2022-01-10',
      type: 'ill_treatment',
      visibility: 'confidential',
    }).expect(201);
    await post(own, {
      ...arrest,
      occurredOn: '2021-12-01',
      type: 'un_action',
      visibility: 'internal',
    }).expect(201);
    const list = (user: keyof TestApp['users'], query = '') =>
      t.http().get(`/api/cases/${own.id}/events${query}`).set(bearer(t.users[user])).expect(200);
    const dates = (body: { items: CaseEvent[] }) => body.items.map((e) => e.occurredOn);

    const all = await list('caseworker');
    expect(all.body).toMatchObject({ total: 4, limit: 50, offset: 0 });
    expect(dates(all.body)).toEqual(['2016-09-01', '2021-11-22', '2021-12-01', '2022-01-10']);
    expect(all.body.items[1].sources).toEqual([]);
    expect(all.body.items[0].sources).toHaveLength(3);

    const viewer = await list('viewer');
    expect(viewer.body.total).toBe(3);
    expect(dates(viewer.body)).toEqual(['2016-09-01', '2021-11-22', '2021-12-01']);
    expect((await list('viewer', '?visibility=confidential')).body).toMatchObject({ total: 0, items: [] });
    await t.http().get(`/api/events/${secret.body.id}`).set(bearer(t.users.viewer)).expect(404);
    const one = await t
      .http()
      .get(`/api/events/${secret.body.id}`)
      .set(bearer(t.users.caseworker))
      .expect(200);
    expect(one.body.type).toBe('ill_treatment');

    expect(dates((await list('caseworker', '?visibility=confidential')).body)).toEqual(['2022-01-10']);
    expect(dates((await list('viewer', '?type=un_action')).body)).toEqual(['2021-12-01']);
    const paged = await list('viewer', '?limit=1&offset=2');
    expect(paged.body).toMatchObject({ total: 3, limit: 1, offset: 2 });
    expect(dates(paged.body)).toEqual(['2021-12-01']);
    await t.http().get(`/api/cases/${own.id}/events?type=picnic`).set(bearer(t.users.viewer)).expect(400);
  });

  it('updates an event, replacing its sources when given, re-checking date against precision, audited', async () => {
    const created = await post(nia, arrest).expect(201);
    const id = created.body.id as string;
    const patch = (body: object) =>
      t.http().patch(`/api/events/${id}`).set(bearer(t.users.caseworker)).send(body);

    const renamed = await patch({ title: null, description: 'Arrested in Srinagar.' }).expect(200);
    expect(renamed.body).toMatchObject({
      title: null,
      description: 'Arrested in Srinagar.',
      sources: created.body.sources,
    });

    const resourced = await patch({ sources: [{ url: 'https://example.org/new' }] }).expect(200);
    expect(resourced.body.sources).toEqual([{ citation: null, url: 'https://example.org/new' }]);
    expect(await t.dataSource.getRepository(EventSource).countBy({ eventId: id })).toBe(1);

    const coarser = await patch({ precision: 'month' }).expect(400);
    expect(coarser.body.details).toEqual([
      {
        field: 'precision',
        problem:
          '2021-11-22 does not fit precision month: write the month as 2021-11 (or its first day, 2021-11-01)',
      },
    ]);
    const month = await patch({ precision: 'month', occurredOn: '2021-11' }).expect(200);
    expect(month.body).toMatchObject({ occurredOn: '2021-11-01', precision: 'month' });
    const nulled = await patch({ description: null, sources: null, visibility: null }).expect(400);
    expect(fields(nulled.body)).toEqual(expect.arrayContaining(['description', 'sources', 'visibility']));

    const rows = await auditRows(id);
    expect(rows.map((row) => row.action)).toEqual(['create', 'update', 'update', 'update']);
    expect(rows[2]).toMatchObject({
      before: { sources: created.body.sources },
      after: { sources: [{ citation: null, url: 'https://example.org/new' }] },
    });
    expect(rows[3]).toMatchObject({
      before: { occurredOn: '2021-11-22', precision: 'day' },
      after: { occurredOn: '2021-11-01', precision: 'month' },
    });
  });

  it('deletes an event and its sources with 204, audited', async () => {
    const created = await post(nia, arrest).expect(201);
    const id = created.body.id as string;
    await t.http().delete(`/api/events/${id}`).set(bearer(t.users.caseworker)).expect(204);
    await t.http().get(`/api/events/${id}`).set(bearer(t.users.caseworker)).expect(404);
    expect(await t.dataSource.getRepository(EventSource).countBy({ eventId: id })).toBe(0);
    const rows = await auditRows(id);
    expect(rows.map((row) => row.action)).toEqual(['create', 'delete']);
    expect(rows[1]).toMatchObject({ before: { type: 'arrest', sources: created.body.sources }, after: null });
  });

  it('refuses writes from viewers (403) and without a token (401); 404 for unknown ids and cases', async () => {
    const created = await post(nia, arrest).expect(201);
    const id = created.body.id as string;
    await t.http().post(`/api/cases/${nia.id}/events`).set(bearer(t.users.viewer)).send(arrest).expect(403);
    await t.http().patch(`/api/events/${id}`).set(bearer(t.users.viewer)).send({ title: 'x' }).expect(403);
    await t.http().delete(`/api/events/${id}`).set(bearer(t.users.viewer)).expect(403);
    await t.http().post(`/api/cases/${nia.id}/events`).send(arrest).expect(401);
    await t.http().get(`/api/cases/${nia.id}/events`).expect(401);
    await t.http().get(`/api/events/${id}`).expect(401);
    await t.http().patch(`/api/events/${id}`).send({ title: 'x' }).expect(401);
    await t.http().delete(`/api/events/${id}`).expect(401);

    await t
      .http()
      .post(`/api/cases/${UNKNOWN}/events`)
      .set(bearer(t.users.caseworker))
      .send(arrest)
      .expect(404);
    await t.http().get(`/api/cases/${UNKNOWN}/events`).set(bearer(t.users.viewer)).expect(404);
    await t.http().get(`/api/events/${UNKNOWN}`).set(bearer(t.users.viewer)).expect(404);
    await t.http().patch(`/api/events/${UNKNOWN}`).set(bearer(t.users.caseworker)).send({}).expect(404);
    await t.http().delete(`/api/events/${UNKNOWN}`).set(bearer(t.users.caseworker)).expect(404);
    await t.http().get('/api/events/abc').set(bearer(t.users.viewer)).expect(400);
  });
});
