import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Case } from '../src/cases/case.entity';
import { CustodyOrder } from '../src/custody/custody-order.entity';
import { makeCase } from './factories/cases';
import { bearer, startTestApp, TestApp } from './support/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe('custody orders', () => {
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
      .find({ where: { entity: 'custody_order', entityId }, order: { id: 'ASC' } });
  const fields = (body: { details: { field: string }[] }) => body.details.map((d) => d.field);

  const firstExtension = {
    kind: 'judicial',
    orderedOn: '2021-12-04',
    days: 20,
    until: '2021-12-24',
    court: 'NIA Special Court, New Delhi',
    judge: 'Special Judge',
    place: 'Tihar Jail, New Delhi',
    notes: 'First extension of judicial custody',
  };

  it('lets a caseworker record an order, audited, and returns it', async () => {
    const response = await t
      .http()
      .post(`/api/cases/${nia.id}/custody-orders`)
      .set(bearer(t.users.caseworker))
      .send(firstExtension)
      .expect(201);
    expect(response.body).toMatchObject({
      ...firstExtension,
      caseId: nia.id,
      hearingId: null,
      visibility: 'public',
    });
    const rows = await auditRows(response.body.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'create',
      actorEmail: 'caseworker@example.org',
      after: { orderedOn: '2021-12-04', days: 20, until: '2021-12-24' },
    });
  });

  it('keeps both days and an end date that disagree with them, as the court stated', async () => {
    const response = await t
      .http()
      .post(`/api/cases/${nia.id}/custody-orders`)
      .set(bearer(t.users.caseworker))
      .send({ kind: 'judicial', orderedOn: '2022-01-23', days: 30, until: '2022-02-28' })
      .expect(201);
    expect(response.body).toMatchObject({ days: 30, until: '2022-02-28' });
    const stored = await t.dataSource.getRepository(CustodyOrder).findOneByOrFail({ id: response.body.id });
    expect(stored).toMatchObject({ orderedOn: '2022-01-23', days: 30, until: '2022-02-28' });
  });

  it('answers 400 with a problem per field, and writes nothing', async () => {
    const count = () => t.dataSource.getRepository(CustodyOrder).count();
    const before = await count();
    const post = (body: object) =>
      t.http().post(`/api/cases/${nia.id}/custody-orders`).set(bearer(t.users.caseworker)).send(body);

    const shape = await post({ kind: 'prison', orderedOn: '2022-02-30', days: 0, until: 'soon' }).expect(400);
    expect(fields(shape.body)).toEqual(expect.arrayContaining(['kind', 'orderedOn', 'days', 'until']));

    const fraction = await post({ kind: 'judicial', orderedOn: '2022-01-01', days: 2.5 }).expect(400);
    expect(fields(fraction.body)).toEqual(['days']);
    // No cap: a prisoner of conscience serving fifteen years is held under an order of 5,479 days.
    await post({ kind: 'judicial', orderedOn: '2022-01-01', days: 5479 }).expect(201);
    const future = await post({ kind: 'judicial', orderedOn: '2099-01-01', days: 30 }).expect(400);
    expect(future.body.details).toEqual([
      {
        field: 'orderedOn',
        problem: expect.stringMatching(/^must not be in the future: 1 January 2099 is after today/),
      },
    ]);

    const backwards = await post({ kind: 'police', orderedOn: '2022-01-10', until: '2022-01-09' }).expect(
      400,
    );
    expect(backwards.body.details).toEqual([
      { field: 'until', problem: 'must not be before the order date 2022-01-10' },
    ]);
    await post({ kind: 'police', orderedOn: '2022-01-10', until: '2022-01-10' }).expect(201);
    expect(await count()).toBe(before + 2);
  });

  it('refuses writes from viewers (403) and without a token (401); 404 for unknown ids', async () => {
    const created = await t
      .http()
      .post(`/api/cases/${nia.id}/custody-orders`)
      .set(bearer(t.users.admin))
      .send({ kind: 'police', orderedOn: '2021-11-22', days: 10 })
      .expect(201);
    const id = created.body.id as string;
    await t
      .http()
      .post(`/api/cases/${nia.id}/custody-orders`)
      .set(bearer(t.users.viewer))
      .send(firstExtension)
      .expect(403);
    await t
      .http()
      .patch(`/api/custody-orders/${id}`)
      .set(bearer(t.users.viewer))
      .send({ days: 11 })
      .expect(403);
    await t.http().delete(`/api/custody-orders/${id}`).set(bearer(t.users.viewer)).expect(403);
    await t.http().post(`/api/cases/${nia.id}/custody-orders`).send(firstExtension).expect(401);
    await t.http().get(`/api/cases/${nia.id}/custody-orders`).expect(401);
    await t.http().get(`/api/custody-orders/${id}`).expect(401);
    await t.http().patch(`/api/custody-orders/${id}`).send({ days: 11 }).expect(401);
    await t.http().delete(`/api/custody-orders/${id}`).expect(401);

    await t
      .http()
      .post(`/api/cases/${UNKNOWN}/custody-orders`)
      .set(bearer(t.users.caseworker))
      .send(firstExtension)
      .expect(404);
    await t.http().get(`/api/cases/${UNKNOWN}/custody-orders`).set(bearer(t.users.viewer)).expect(404);
    await t.http().get(`/api/custody-orders/${UNKNOWN}`).set(bearer(t.users.viewer)).expect(404);
    await t
      .http()
      .patch(`/api/custody-orders/${UNKNOWN}`)
      .set(bearer(t.users.caseworker))
      .send({})
      .expect(404);
    await t.http().delete(`/api/custody-orders/${UNKNOWN}`).set(bearer(t.users.caseworker)).expect(404);
    await t.http().get('/api/custody-orders/42').set(bearer(t.users.viewer)).expect(400);
  });

  it('lists a case’s orders by order date, paginated, filtered by kind, confidential ones hidden from viewers', async () => {
    const own = await makeCase(t.dataSource);
    const add = (body: object) =>
      t
        .http()
        .post(`/api/cases/${own.id}/custody-orders`)
        .set(bearer(t.users.caseworker))
        .send(body)
        .expect(201);
    await add({ kind: 'judicial', orderedOn: '2021-12-24', days: 30 });
    await add({ kind: 'police', orderedOn: '2021-11-22', days: 12 });
    const secret = await add({
      kind: 'judicial',
      orderedOn: '2022-01-23',
      days: 40,
      visibility: 'confidential',
    });

    const all = await t
      .http()
      .get(`/api/cases/${own.id}/custody-orders`)
      .set(bearer(t.users.caseworker))
      .expect(200);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((o: CustodyOrder) => o.orderedOn)).toEqual([
      '2021-11-22',
      '2021-12-24',
      '2022-01-23',
    ]);

    const viewer = await t
      .http()
      .get(`/api/cases/${own.id}/custody-orders`)
      .set(bearer(t.users.viewer))
      .expect(200);
    expect(viewer.body.total).toBe(2);
    expect(viewer.body.items.map((o: CustodyOrder) => o.id)).not.toContain(secret.body.id);
    await t.http().get(`/api/custody-orders/${secret.body.id}`).set(bearer(t.users.viewer)).expect(404);
    await t.http().get(`/api/custody-orders/${secret.body.id}`).set(bearer(t.users.caseworker)).expect(200);

    const paged = await t
      .http()
      .get(`/api/cases/${own.id}/custody-orders?limit=1&offset=1`)
      .set(bearer(t.users.caseworker))
      .expect(200);
    expect(paged.body).toMatchObject({ total: 3, limit: 1, offset: 1 });
    expect(paged.body.items.map((o: CustodyOrder) => o.orderedOn)).toEqual(['2021-12-24']);

    const judicial = await t
      .http()
      .get(`/api/cases/${own.id}/custody-orders?kind=judicial`)
      .set(bearer(t.users.viewer))
      .expect(200);
    expect(judicial.body.items.map((o: CustodyOrder) => o.orderedOn)).toEqual(['2021-12-24']);
  });

  it('updates an order, checking the end date against the order date, audited', async () => {
    const created = await t
      .http()
      .post(`/api/cases/${nia.id}/custody-orders`)
      .set(bearer(t.users.caseworker))
      .send(firstExtension)
      .expect(201);
    const id = created.body.id as string;
    const patch = (body: object) =>
      t.http().patch(`/api/custody-orders/${id}`).set(bearer(t.users.caseworker)).send(body);

    const updated = await patch({ days: 21, place: null }).expect(200);
    expect(updated.body).toMatchObject({ days: 21, place: null, until: '2021-12-24' });

    const moved = await patch({ orderedOn: '2021-12-25' }).expect(400);
    expect(moved.body.details).toEqual([
      { field: 'orderedOn', problem: 'must not be after the end date 2021-12-24' },
    ]);
    const earlier = await patch({ until: '2021-12-01' }).expect(400);
    expect(fields(earlier.body)).toEqual(['until']);
    const nulled = await patch({ kind: null, orderedOn: null }).expect(400);
    expect(fields(nulled.body)).toEqual(expect.arrayContaining(['kind', 'orderedOn']));
    await patch({ orderedOn: '2021-12-25', until: null }).expect(200);

    const rows = await auditRows(id);
    expect(rows.map((row) => row.action)).toEqual(['create', 'update', 'update']);
    expect(rows[1]).toMatchObject({
      before: { days: 20, place: firstExtension.place },
      after: { days: 21, place: null },
    });
    expect(rows[2]).toMatchObject({
      before: { until: '2021-12-24' },
      after: { orderedOn: '2021-12-25', until: null },
    });
  });

  it('deletes an order with 204, audited', async () => {
    const created = await t
      .http()
      .post(`/api/cases/${nia.id}/custody-orders`)
      .set(bearer(t.users.caseworker))
      .send(firstExtension)
      .expect(201);
    const id = created.body.id as string;
    await t.http().delete(`/api/custody-orders/${id}`).set(bearer(t.users.caseworker)).expect(204);
    await t.http().get(`/api/custody-orders/${id}`).set(bearer(t.users.caseworker)).expect(404);
    const rows = await auditRows(id);
    expect(rows.map((row) => row.action)).toEqual(['create', 'delete']);
    expect(rows[1]).toMatchObject({ before: { orderedOn: '2021-12-04' }, after: null });
  });
});
