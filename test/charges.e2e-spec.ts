import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Case } from '../src/cases/case.entity';
import { Charge } from '../src/charges/charge.entity';
import { makeCase } from './factories/cases';
import { bearer, startTestApp, TestApp } from './support/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('charges', () => {
  let t: TestApp;
  let nia: Case;

  beforeAll(async () => {
    t = await startTestApp();
    nia = await makeCase(t.dataSource);
  });
  afterAll(() => t.close());

  const auditRows = (entityId: string) =>
    t.dataSource
      .getRepository(AuditEntry)
      .find({ where: { entity: 'charge', entityId }, order: { id: 'ASC' } });

  const uapa18b = {
    law: 'Unlawful Activities (Prevention) Act 1967',
    section: '18B',
    offence: 'Recruiting people for a terrorist act',
    broughtOn: '2021-11-22',
    status: 'alleged',
  };

  it('lets a caseworker add a charge, audited, and returns it', async () => {
    const response = await t
      .http()
      .post(`/api/cases/${nia.id}/charges`)
      .set(bearer(t.users.caseworker))
      .send(uapa18b)
      .expect(201);
    expect(response.body).toMatchObject({ ...uapa18b, caseId: nia.id, visibility: 'public' });
    expect(response.body.id).toEqual(expect.any(String));

    const rows = await auditRows(response.body.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'create',
      actorEmail: 'caseworker@example.org',
      before: null,
      after: { law: uapa18b.law, section: '18B', broughtOn: '2021-11-22' },
    });
  });

  it('refuses writes from viewers (403) and from anyone without a token (401)', async () => {
    const charge = await t
      .http()
      .post(`/api/cases/${nia.id}/charges`)
      .set(bearer(t.users.admin))
      .send({ law: 'Indian Penal Code 1860', section: '121', status: 'alleged' })
      .expect(201);
    const id = charge.body.id as string;
    await t.http().post(`/api/cases/${nia.id}/charges`).set(bearer(t.users.viewer)).send(uapa18b).expect(403);
    await t
      .http()
      .patch(`/api/charges/${id}`)
      .set(bearer(t.users.viewer))
      .send({ section: '122' })
      .expect(403);
    await t.http().delete(`/api/charges/${id}`).set(bearer(t.users.viewer)).expect(403);
    await t.http().post(`/api/cases/${nia.id}/charges`).send(uapa18b).expect(401);
    await t.http().get(`/api/cases/${nia.id}/charges`).expect(401);
    await t.http().get(`/api/charges/${id}`).expect(401);
    await t.http().patch(`/api/charges/${id}`).send({ section: '122' }).expect(401);
    await t.http().delete(`/api/charges/${id}`).expect(401);
    const unchanged = await t.http().get(`/api/charges/${id}`).set(bearer(t.users.viewer)).expect(200);
    expect(unchanged.body.section).toBe('121');
  });

  it('answers 400 with a problem per field, and writes nothing', async () => {
    const before = await t.dataSource.getRepository(Charge).count();
    const response = await t
      .http()
      .post(`/api/cases/${nia.id}/charges`)
      .set(bearer(t.users.caseworker))
      .send({
        law: '   ',
        section: ' ',
        counts: 0,
        broughtOn: '2022-02-30',
        broughtOnPrecision: 'week',
        status: 'suspected',
        visibility: 'secret',
        judge: 'x',
      })
      .expect(400);
    const fields = response.body.details.map((d: { field: string }) => d.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        'law',
        'section',
        'counts',
        'broughtOn',
        'broughtOnPrecision',
        'status',
        'visibility',
        'judge',
      ]),
    );
    expect(response.body.details).toContainEqual({
      field: 'broughtOn',
      problem: 'broughtOn must be a real calendar date as YYYY-MM-DD',
    });
    expect(await t.dataSource.getRepository(Charge).count()).toBe(before);
  });

  it('takes a charge with no section, its counts, and a date known to the month; refuses one in the future', async () => {
    const post = (body: object) =>
      t.http().post(`/api/cases/${nia.id}/charges`).set(bearer(t.users.caseworker)).send(body);
    const created = await post({
      law: 'Jammu and Kashmir Public Safety Act 1978',
      counts: 2,
      broughtOn: '2016-09-01',
      broughtOnPrecision: 'month',
      status: 'alleged',
    }).expect(201);
    expect(created.body).toMatchObject({
      section: null,
      counts: 2,
      broughtOn: '2016-09-01',
      broughtOnPrecision: 'month',
    });
    const notFirst = await post({
      law: 'PSA',
      broughtOn: '2016-09-15',
      broughtOnPrecision: 'month',
      status: 'alleged',
    }).expect(400);
    expect(notFirst.body.details).toEqual([
      {
        field: 'broughtOn',
        problem: 'must be the first day of its month when broughtOnPrecision is "month"',
      },
    ]);
    const future = await post({ law: 'PSA', broughtOn: '2099-01-01', status: 'alleged' }).expect(400);
    expect(future.body.details).toEqual([
      {
        field: 'broughtOn',
        problem: expect.stringMatching(/^must not be in the future: 1 January 2099 is after today/),
      },
    ]);
  });

  it('answers 404 for an unknown case or charge, 400 for a malformed id', async () => {
    await t
      .http()
      .post(`/api/cases/${UNKNOWN}/charges`)
      .set(bearer(t.users.caseworker))
      .send(uapa18b)
      .expect(404);
    await t.http().get(`/api/cases/${UNKNOWN}/charges`).set(bearer(t.users.viewer)).expect(404);
    await t.http().get(`/api/charges/${UNKNOWN}`).set(bearer(t.users.viewer)).expect(404);
    await t.http().patch(`/api/charges/${UNKNOWN}`).set(bearer(t.users.caseworker)).send({}).expect(404);
    await t.http().delete(`/api/charges/${UNKNOWN}`).set(bearer(t.users.caseworker)).expect(404);
    const bad = await t.http().get('/api/charges/nope').set(bearer(t.users.viewer)).expect(400);
    expect(bad.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
    const badCase = await t.http().get('/api/cases/nope/charges').set(bearer(t.users.viewer)).expect(400);
    expect(badCase.body.details).toEqual([{ field: 'caseId', problem: 'must be a UUID' }]);
  });

  it('lists a case’s charges by the date brought, paginated, filtered by status', async () => {
    const own = await makeCase(t.dataSource);
    const add = (body: object) =>
      t.http().post(`/api/cases/${own.id}/charges`).set(bearer(t.users.caseworker)).send(body).expect(201);
    await add({ law: 'IPC', section: '120B', broughtOn: '2022-05-13', status: 'in_charge_sheet' });
    await add({ law: 'UAPA', section: '17', status: 'alleged' });
    await add({ law: 'UAPA', section: '18', broughtOn: '2021-11-22', status: 'alleged' });

    const all = await t.http().get(`/api/cases/${own.id}/charges`).set(bearer(t.users.viewer)).expect(200);
    expect(all.body).toMatchObject({ total: 3, limit: 50, offset: 0 });
    expect(all.body.items.map((c: Charge) => c.section)).toEqual(['18', '120B', '17']);

    const second = await t
      .http()
      .get(`/api/cases/${own.id}/charges?limit=1&offset=1`)
      .set(bearer(t.users.viewer))
      .expect(200);
    expect(second.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(second.body.items.map((c: Charge) => c.section)).toEqual(['120B']);

    const alleged = await t
      .http()
      .get(`/api/cases/${own.id}/charges?status=alleged`)
      .set(bearer(t.users.viewer))
      .expect(200);
    expect(alleged.body.total).toBe(2);
    await t.http().get(`/api/cases/${own.id}/charges?status=nope`).set(bearer(t.users.viewer)).expect(400);
    await t.http().get(`/api/cases/${own.id}/charges?limit=0`).set(bearer(t.users.viewer)).expect(400);
  });

  it('hides confidential charges from viewers, in lists and by id', async () => {
    const own = await makeCase(t.dataSource);
    const secret = await t
      .http()
      .post(`/api/cases/${own.id}/charges`)
      .set(bearer(t.users.caseworker))
      .send({ law: 'PSA', section: '8', status: 'alleged', visibility: 'confidential' })
      .expect(201);
    await t
      .http()
      .post(`/api/cases/${own.id}/charges`)
      .set(bearer(t.users.caseworker))
      .send({ law: 'IPC', section: '121', status: 'alleged', visibility: 'internal' })
      .expect(201);

    const forViewer = await t
      .http()
      .get(`/api/cases/${own.id}/charges`)
      .set(bearer(t.users.viewer))
      .expect(200);
    expect(forViewer.body.total).toBe(1);
    expect(forViewer.body.items.map((c: Charge) => c.section)).toEqual(['121']);
    await t.http().get(`/api/charges/${secret.body.id}`).set(bearer(t.users.viewer)).expect(404);

    const forCaseworker = await t
      .http()
      .get(`/api/cases/${own.id}/charges`)
      .set(bearer(t.users.caseworker))
      .expect(200);
    expect(forCaseworker.body.total).toBe(2);
    await t.http().get(`/api/charges/${secret.body.id}`).set(bearer(t.users.caseworker)).expect(200);
  });

  it('updates a charge (null clears an optional field, a required one cannot be nulled), audited', async () => {
    const created = await t
      .http()
      .post(`/api/cases/${nia.id}/charges`)
      .set(bearer(t.users.caseworker))
      .send(uapa18b)
      .expect(201);
    const id = created.body.id as string;

    const updated = await t
      .http()
      .patch(`/api/charges/${id}`)
      .set(bearer(t.users.caseworker))
      .send({ status: 'in_charge_sheet', offence: null })
      .expect(200);
    expect(updated.body).toMatchObject({ status: 'in_charge_sheet', offence: null, law: uapa18b.law });

    const refused = await t
      .http()
      .patch(`/api/charges/${id}`)
      .set(bearer(t.users.caseworker))
      .send({ law: null, broughtOn: '2021-13-01' })
      .expect(400);
    expect(refused.body.details.map((d: { field: string }) => d.field)).toEqual(
      expect.arrayContaining(['law', 'broughtOn']),
    );

    await t.http().patch(`/api/charges/${id}`).set(bearer(t.users.caseworker)).send({}).expect(200);

    const rows = await auditRows(id);
    expect(rows.map((row) => row.action)).toEqual(['create', 'update', 'update']);
    expect(rows[1]).toMatchObject({
      before: { status: 'alleged', offence: uapa18b.offence },
      after: { status: 'in_charge_sheet', offence: null },
    });
  });

  it('deletes a charge with 204, audited with what it was', async () => {
    const created = await t
      .http()
      .post(`/api/cases/${nia.id}/charges`)
      .set(bearer(t.users.caseworker))
      .send(uapa18b)
      .expect(201);
    const id = created.body.id as string;
    await t.http().delete(`/api/charges/${id}`).set(bearer(t.users.caseworker)).expect(204);
    await t.http().get(`/api/charges/${id}`).set(bearer(t.users.caseworker)).expect(404);
    expect(await t.dataSource.getRepository(Charge).findOneBy({ id })).toBeNull();
    const rows = await auditRows(id);
    expect(rows.map((row) => row.action)).toEqual(['create', 'delete']);
    expect(rows[1]).toMatchObject({ before: { section: '18B' }, after: null });
  });
});
