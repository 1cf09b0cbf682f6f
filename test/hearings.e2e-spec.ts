import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Case } from '../src/cases/case.entity';
import { CustodyOrder } from '../src/custody/custody-order.entity';
import { Hearing } from '../src/hearings/hearing.entity';
import { makeCase } from './factories/cases';
import { makeHearing } from './factories/entries';
import { bearer, startTestApp, TestApp } from './support/test-app';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';
type Problem = { field: string; problem: string };

describe('hearings', () => {
  let t: TestApp;
  let nia: Case;
  let paris: Case;

  beforeAll(async () => {
    // 10 July 2022, 11:30 in New Delhi.
    t = await startTestApp({ now: '2022-07-10T06:00:00Z' });
    nia = await makeCase(t.dataSource, { placeOfDetention: 'Tihar Jail, New Delhi' });
    paris = await makeCase(t.dataSource, {
      country: 'FR',
      timezone: 'Europe/Paris',
      court: 'Tribunal judiciaire de Paris',
    });
  });
  afterAll(() => t.close());

  const post = (owner: Case, body: object) =>
    t.http().post(`/api/cases/${owner.id}/hearings`).set(bearer(t.users.caseworker)).send(body);
  const auditRows = (entity: string, entityId: string) =>
    t.dataSource.getRepository(AuditEntry).find({ where: { entity, entityId }, order: { id: 'ASC' } });

  describe('scheduling in the case’s time zone', () => {
    it('reads a local time in Asia/Kolkata and answers with the UTC instant, the local time and the zone', async () => {
      const response = await post(nia, {
        scheduledAt: '2022-07-06T10:30',
        purpose: 'First trial hearing',
      }).expect(201);
      expect(response.body).toMatchObject({
        caseId: nia.id,
        scheduledAt: '2022-07-06T05:00:00.000Z',
        scheduledLocal: '2022-07-06T10:30:00',
        timezone: 'Asia/Kolkata',
        timeKnown: true,
        court: 'NIA Special Court, New Delhi',
        judge: null,
        purpose: 'First trial hearing',
        status: 'scheduled',
        outcome: null,
        outcomeNotes: null,
        outcomeRecordedAt: null,
        visibility: 'public',
      });
      const [row] = await t.dataSource.query(
        `SELECT scheduled_local::text AS local, scheduled_at AS instant FROM hearings WHERE id = $1`,
        [response.body.id],
      );
      expect(row.local).toBe('2022-07-06 10:30:00');
      expect(row.instant).toEqual(new Date('2022-07-06T05:00:00Z'));
    });

    it('takes an instant with an offset and shows it in the case’s zone', async () => {
      const utc = await post(nia, { scheduledAt: '2022-07-06T05:00:00Z' }).expect(201);
      expect(utc.body).toMatchObject({
        scheduledAt: '2022-07-06T05:00:00.000Z',
        scheduledLocal: '2022-07-06T10:30:00',
      });
      const offset = await post(nia, { scheduledAt: '2022-07-06T08:00:00+02:00' }).expect(201);
      expect(offset.body).toMatchObject({
        scheduledAt: '2022-07-06T06:00:00.000Z',
        scheduledLocal: '2022-07-06T11:30:00',
        timeKnown: true,
      });
    });

    it('takes a date alone as a day whose time is not known', async () => {
      const response = await post(nia, { scheduledAt: '2021-12-04', court: 'Patiala House Court' }).expect(
        201,
      );
      expect(response.body).toMatchObject({
        scheduledLocal: '2021-12-04T00:00:00',
        scheduledAt: '2021-12-03T18:30:00.000Z',
        timeKnown: false,
        court: 'Patiala House Court',
      });
    });

    it('refuses a local time skipped by the clocks going forward in Europe/Paris, naming the field', async () => {
      const before = await t.dataSource.getRepository(Hearing).countBy({ caseId: paris.id });
      const skipped = await post(paris, { scheduledAt: '2022-03-27T02:30' }).expect(400);
      expect(skipped.body.details).toEqual([
        {
          field: 'scheduledAt',
          problem: 'is a local time that does not exist in Europe/Paris (the clocks skip it on that day)',
        },
      ]);
      const unreadable = await post(paris, { scheduledAt: '27/03/2022 10:00' }).expect(400);
      expect(unreadable.body.details.map((d: Problem) => d.field)).toEqual(['scheduledAt']);
      expect(await t.dataSource.getRepository(Hearing).countBy({ caseId: paris.id })).toBe(before);

      const after = await post(paris, { scheduledAt: '2022-03-27T03:30' }).expect(201);
      expect(after.body).toMatchObject({
        scheduledAt: '2022-03-27T01:30:00.000Z',
        scheduledLocal: '2022-03-27T03:30:00',
        timezone: 'Europe/Paris',
        court: 'Tribunal judiciaire de Paris',
      });
    });

    it('answers 400 with a problem per field', async () => {
      const response = await post(nia, { visibility: 'secret', court: 7, outcome: 'held' }).expect(400);
      expect(response.body.details.map((d: Problem) => d.field)).toEqual(
        expect.arrayContaining(['scheduledAt', 'visibility', 'court', 'outcome']),
      );
    });
  });

  it('lists a case’s hearings by time, paginated, filtered by status and a local date range', async () => {
    const own = await makeCase(t.dataSource);
    await post(own, { scheduledAt: '2022-05-13T10:30' }).expect(201);
    await post(own, { scheduledAt: '2022-07-06T10:30' }).expect(201);
    const cancelled = await post(own, { scheduledAt: '2022-06-01T10:30' }).expect(201);
    await t
      .http()
      .patch(`/api/hearings/${cancelled.body.id}`)
      .set(bearer(t.users.caseworker))
      .send({ status: 'cancelled' })
      .expect(200);
    // 00:30 in New Delhi on 7 July is still 6 July in UTC: it must fall outside `to=2022-07-06`.
    await post(own, { scheduledAt: '2022-07-07T00:30' }).expect(201);
    const list = (query: string) =>
      t.http().get(`/api/cases/${own.id}/hearings${query}`).set(bearer(t.users.viewer)).expect(200);
    const locals = (body: { items: { scheduledLocal: string }[] }) => body.items.map((h) => h.scheduledLocal);

    const all = await list('');
    expect(all.body).toMatchObject({ total: 4, limit: 50, offset: 0 });
    expect(locals(all.body)).toEqual([
      '2022-05-13T10:30:00',
      '2022-06-01T10:30:00',
      '2022-07-06T10:30:00',
      '2022-07-07T00:30:00',
    ]);
    expect(all.body.items[0].timezone).toBe('Asia/Kolkata');

    const page = await list('?limit=2&offset=1');
    expect(page.body).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(locals(page.body)).toEqual(['2022-06-01T10:30:00', '2022-07-06T10:30:00']);

    expect(locals((await list('?status=scheduled')).body)).toHaveLength(3);
    expect(locals((await list('?status=cancelled')).body)).toEqual(['2022-06-01T10:30:00']);
    expect(locals((await list('?from=2022-06-01&to=2022-07-06')).body)).toEqual([
      '2022-06-01T10:30:00',
      '2022-07-06T10:30:00',
    ]);
    expect(locals((await list('?from=2022-07-06T10:31')).body)).toEqual(['2022-07-07T00:30:00']);

    const bad = await t
      .http()
      .get(`/api/cases/${own.id}/hearings?from=someday&status=postponed`)
      .set(bearer(t.users.viewer))
      .expect(400);
    expect(bad.body.details.map((d: Problem) => d.field)).toEqual(['status']);
    const badFrom = await t
      .http()
      .get(`/api/cases/${own.id}/hearings?from=someday`)
      .set(bearer(t.users.viewer))
      .expect(400);
    expect(badFrom.body.details.map((d: Problem) => d.field)).toEqual(['from']);
  });

  it('hides confidential hearings from viewers, in lists and by id', async () => {
    const own = await makeCase(t.dataSource);
    const secret = await post(own, { scheduledAt: '2022-07-06T10:30', visibility: 'confidential' }).expect(
      201,
    );
    await post(own, { scheduledAt: '2022-07-07T10:30', visibility: 'internal' }).expect(201);
    const viewer = await t
      .http()
      .get(`/api/cases/${own.id}/hearings`)
      .set(bearer(t.users.viewer))
      .expect(200);
    expect(viewer.body.total).toBe(1);
    expect(viewer.body.items[0].scheduledLocal).toBe('2022-07-07T10:30:00');
    await t.http().get(`/api/hearings/${secret.body.id}`).set(bearer(t.users.viewer)).expect(404);
    const caseworker = await t
      .http()
      .get(`/api/cases/${own.id}/hearings`)
      .set(bearer(t.users.caseworker))
      .expect(200);
    expect(caseworker.body.total).toBe(2);
    const one = await t.http().get(`/api/hearings/${secret.body.id}`).set(bearer(t.users.admin)).expect(200);
    expect(one.body).toMatchObject({ scheduledLocal: '2022-07-06T10:30:00', timezone: 'Asia/Kolkata' });
  });

  it('reschedules, cancels and reinstates a hearing, and edits its details, each audited', async () => {
    const created = await post(nia, { scheduledAt: '2022-08-01T10:30', judge: 'Special Judge' }).expect(201);
    const id = created.body.id as string;
    const patch = (body: object) =>
      t.http().patch(`/api/hearings/${id}`).set(bearer(t.users.caseworker)).send(body);

    const moved = await patch({ scheduledAt: '2022-08-03T14:00' }).expect(200);
    expect(moved.body).toMatchObject({
      scheduledAt: '2022-08-03T08:30:00.000Z',
      scheduledLocal: '2022-08-03T14:00:00',
      status: 'scheduled',
      judge: 'Special Judge',
    });
    const cancelled = await patch({ status: 'cancelled' }).expect(200);
    expect(cancelled.body.status).toBe('cancelled');
    const reinstated = await patch({ status: 'scheduled', judge: null, purpose: 'Arguments on bail' }).expect(
      200,
    );
    expect(reinstated.body).toMatchObject({ status: 'scheduled', judge: null, purpose: 'Arguments on bail' });

    const held = await patch({ status: 'held' }).expect(400);
    expect(held.body.details.map((d: Problem) => d.field)).toEqual(['status']);
    const skipped = await t
      .http()
      .patch(`/api/hearings/${id}`)
      .set(bearer(t.users.caseworker))
      .send({ scheduledAt: '2022-13-03T14:00' })
      .expect(400);
    expect(skipped.body.details.map((d: Problem) => d.field)).toEqual(['scheduledAt']);

    const rows = await auditRows('hearing', id);
    expect(rows.map((row) => row.action)).toEqual(['create', 'update', 'update', 'update']);
    expect(rows[1]).toMatchObject({
      actorEmail: 'caseworker@example.org',
      before: { scheduledLocal: '2022-08-01T10:30:00', scheduledAt: '2022-08-01T05:00:00.000Z' },
      after: { scheduledLocal: '2022-08-03T14:00:00', scheduledAt: '2022-08-03T08:30:00.000Z' },
    });
    expect(rows[2]).toMatchObject({ before: { status: 'scheduled' }, after: { status: 'cancelled' } });
  });

  it('deletes a hearing with 204, audited', async () => {
    const created = await post(nia, { scheduledAt: '2022-09-01T10:30' }).expect(201);
    const id = created.body.id as string;
    await t.http().delete(`/api/hearings/${id}`).set(bearer(t.users.caseworker)).expect(204);
    await t.http().get(`/api/hearings/${id}`).set(bearer(t.users.caseworker)).expect(404);
    const rows = await auditRows('hearing', id);
    expect(rows.map((row) => row.action)).toEqual(['create', 'delete']);
    expect(rows[1]).toMatchObject({ before: { scheduledLocal: '2022-09-01T10:30:00' }, after: null });
  });

  it('refuses writes from viewers (403) and without a token (401); 404 for unknown ids and cases', async () => {
    const created = await post(nia, { scheduledAt: '2022-09-02T10:30' }).expect(201);
    const id = created.body.id as string;
    const body = { scheduledAt: '2022-09-03T10:30' };
    await t.http().post(`/api/cases/${nia.id}/hearings`).set(bearer(t.users.viewer)).send(body).expect(403);
    await t.http().patch(`/api/hearings/${id}`).set(bearer(t.users.viewer)).send(body).expect(403);
    await t.http().delete(`/api/hearings/${id}`).set(bearer(t.users.viewer)).expect(403);
    await t
      .http()
      .post(`/api/hearings/${id}/outcome`)
      .set(bearer(t.users.viewer))
      .send({ result: 'Adjourned' })
      .expect(403);
    await t.http().post(`/api/cases/${nia.id}/hearings`).send(body).expect(401);
    await t.http().get(`/api/cases/${nia.id}/hearings`).expect(401);
    await t.http().get(`/api/hearings/${id}`).expect(401);
    await t.http().patch(`/api/hearings/${id}`).send(body).expect(401);
    await t.http().delete(`/api/hearings/${id}`).expect(401);
    await t.http().post(`/api/hearings/${id}/outcome`).send({ result: 'Adjourned' }).expect(401);

    await t
      .http()
      .post(`/api/cases/${UNKNOWN}/hearings`)
      .set(bearer(t.users.caseworker))
      .send(body)
      .expect(404);
    await t.http().get(`/api/cases/${UNKNOWN}/hearings`).set(bearer(t.users.viewer)).expect(404);
    await t.http().get(`/api/hearings/${UNKNOWN}`).set(bearer(t.users.viewer)).expect(404);
    await t.http().patch(`/api/hearings/${UNKNOWN}`).set(bearer(t.users.caseworker)).send(body).expect(404);
    await t.http().delete(`/api/hearings/${UNKNOWN}`).set(bearer(t.users.caseworker)).expect(404);
    await t
      .http()
      .post(`/api/hearings/${UNKNOWN}/outcome`)
      .set(bearer(t.users.caseworker))
      .send({ result: 'Adjourned' })
      .expect(404);
    await t.http().get('/api/hearings/x').set(bearer(t.users.viewer)).expect(400);
  });

  it('documents the case-entry routes and their shapes in OpenAPI', async () => {
    const openApi = await t.http().get('/docs-json').expect(200);
    expect(Object.keys(openApi.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/cases/{caseId}/hearings',
        '/api/hearings/{id}',
        '/api/hearings/{id}/outcome',
        '/api/cases/{caseId}/charges',
        '/api/charges/{id}',
        '/api/cases/{caseId}/custody-orders',
        '/api/custody-orders/{id}',
        '/api/cases/{caseId}/events',
        '/api/events/{id}',
      ]),
    );
    const schemas = openApi.body.components.schemas;
    expect(Object.keys(schemas.RecordOutcomeDto.properties)).toEqual(
      expect.arrayContaining([
        'result',
        'notes',
        'status',
        'custodyExtension',
        'nextHearingAt',
        'nextHearing',
      ]),
    );
    expect(Object.keys(schemas.HearingView.properties)).toEqual(
      expect.arrayContaining(['scheduledAt', 'scheduledLocal', 'timezone', 'timeKnown', 'status', 'outcome']),
    );
  });

  describe('logging an outcome', () => {
    const outcome = (id: string, body: object) =>
      t.http().post(`/api/hearings/${id}/outcome`).set(bearer(t.users.caseworker)).send(body);

    /** Everything the outcome could have written for a case, to show a refusal wrote nothing. */
    const snapshot = async (owner: Case) => ({
      hearings: await t.dataSource
        .getRepository(Hearing)
        .find({ where: { caseId: owner.id }, order: { id: 'ASC' } }),
      orders: await t.dataSource.getRepository(CustodyOrder).countBy({ caseId: owner.id }),
      audit: await t.dataSource.getRepository(AuditEntry).count(),
    });

    it('records the outcome, the custody extension and the next hearing in one action', async () => {
      const own = await makeCase(t.dataSource, { placeOfDetention: 'Tihar Jail, New Delhi' });
      const hearing = await makeHearing(t.dataSource, own, {
        scheduledLocal: '2022-05-13T10:30:00',
        court: 'NIA Special Court, New Delhi',
        judge: 'Special Judge A',
        visibility: 'internal',
      });
      const response = await outcome(hearing.id, {
        result: 'Judicial custody extended by 50 days; charge sheet taken on record',
        notes: 'Lawyers present',
        custodyExtension: { kind: 'judicial', days: 50 },
        nextHearingAt: '2022-07-06T10:30',
        nextHearing: { purpose: 'First trial hearing' },
      }).expect(200);

      expect(response.body.hearing).toMatchObject({
        id: hearing.id,
        status: 'held',
        outcome: 'Judicial custody extended by 50 days; charge sheet taken on record',
        outcomeNotes: 'Lawyers present',
        outcomeRecordedAt: '2022-07-10T06:00:00.000Z',
        scheduledLocal: '2022-05-13T10:30:00',
        timezone: 'Asia/Kolkata',
      });
      expect(response.body.custodyOrder).toMatchObject({
        caseId: own.id,
        kind: 'judicial',
        orderedOn: '2022-05-13',
        days: 50,
        until: null,
        court: 'NIA Special Court, New Delhi',
        judge: 'Special Judge A',
        place: 'Tihar Jail, New Delhi',
        hearingId: hearing.id,
        visibility: 'internal',
      });
      expect(response.body.nextHearing).toMatchObject({
        caseId: own.id,
        scheduledAt: '2022-07-06T05:00:00.000Z',
        scheduledLocal: '2022-07-06T10:30:00',
        timezone: 'Asia/Kolkata',
        court: 'NIA Special Court, New Delhi',
        judge: null,
        purpose: 'First trial hearing',
        status: 'scheduled',
        visibility: 'internal',
      });

      const orders = await t.dataSource.getRepository(CustodyOrder).findBy({ caseId: own.id });
      expect(orders).toHaveLength(1);
      expect(orders[0]).toMatchObject({ hearingId: hearing.id, orderedOn: '2022-05-13', days: 50 });
      const hearings = await t.dataSource
        .getRepository(Hearing)
        .find({ where: { caseId: own.id }, order: { scheduledAt: 'ASC' } });
      expect(hearings.map((h) => [h.scheduledLocal, h.status, h.outcome !== null])).toEqual([
        ['2022-05-13T10:30:00', 'held', true],
        ['2022-07-06T10:30:00', 'scheduled', false],
      ]);

      expect(await auditRows('hearing', hearing.id)).toEqual([
        expect.objectContaining({
          action: 'update',
          before: expect.objectContaining({ status: 'scheduled', outcome: null }),
          after: expect.objectContaining({ status: 'held', outcome: expect.stringContaining('50 days') }),
        }),
      ]);
      expect((await auditRows('custody_order', orders[0].id)).map((r) => r.action)).toEqual(['create']);
      expect((await auditRows('hearing', response.body.nextHearing.id)).map((r) => r.action)).toEqual([
        'create',
      ]);
    });

    it('writes nothing when any part is refused: a bad next date, an end date before the order', async () => {
      const own = await makeCase(t.dataSource, { timezone: 'Europe/Paris', country: 'FR' });
      const hearing = await makeHearing(t.dataSource, own, { scheduledLocal: '2022-03-20T10:00:00' });
      const before = await snapshot(own);

      const skipped = await outcome(hearing.id, {
        result: 'Custody extended',
        custodyExtension: { kind: 'pre_trial', days: 30 },
        nextHearingAt: '2022-03-27T02:30',
      }).expect(400);
      expect(skipped.body.details).toEqual([
        {
          field: 'nextHearingAt',
          problem: 'is a local time that does not exist in Europe/Paris (the clocks skip it on that day)',
        },
      ]);

      // This one is refused only after the outcome is written to the hearing, inside the transaction.
      const backwards = await outcome(hearing.id, {
        result: 'Custody extended',
        custodyExtension: { kind: 'pre_trial', until: '2022-03-19' },
        nextHearingAt: '2022-04-03T10:00',
      }).expect(400);
      expect(backwards.body.details).toEqual([
        { field: 'custodyExtension.until', problem: 'must not be before the order date 2022-03-20' },
      ]);

      const earlier = await outcome(hearing.id, {
        result: 'Adjourned',
        nextHearingAt: '2022-03-19T10:00',
      }).expect(400);
      expect(earlier.body.details.map((d: Problem) => d.field)).toEqual(['nextHearingAt']);
      const noLength = await outcome(hearing.id, {
        result: 'Custody extended',
        custodyExtension: { kind: 'pre_trial' },
      }).expect(400);
      expect(noLength.body.details).toEqual([
        { field: 'custodyExtension', problem: 'needs days or until (or both)' },
      ]);
      const orphan = await outcome(hearing.id, { result: 'Adjourned', nextHearing: { purpose: 'x' } }).expect(
        400,
      );
      expect(orphan.body.details.map((d: Problem) => d.field)).toEqual(['nextHearingAt']);
      const shape = await outcome(hearing.id, {
        result: ' ',
        status: 'cancelled',
        custodyExtension: { kind: 'jail', days: 0, until: '2022-02-30', extra: true },
      }).expect(400);
      expect(shape.body.details.map((d: Problem) => d.field)).toEqual(
        expect.arrayContaining([
          'result',
          'status',
          'custodyExtension.kind',
          'custodyExtension.days',
          'custodyExtension.until',
          'custodyExtension.extra',
        ]),
      );

      expect(await snapshot(own)).toEqual(before);
    });

    it('refuses an outcome for a cancelled hearing or one whose day has not come in the court’s zone (409)', async () => {
      const own = await makeCase(t.dataSource);
      const cancelled = await makeHearing(t.dataSource, own, {
        scheduledLocal: '2022-06-01T10:30:00',
        status: 'cancelled',
      });
      // 01:30 on 6 July in New Delhi, but still 5 July in UTC.
      t.clock.set('2022-07-05T20:00:00Z');
      try {
        const today = await makeHearing(t.dataSource, own, { scheduledLocal: '2022-07-06T10:30:00' });
        const tomorrow = await makeHearing(t.dataSource, own, { scheduledLocal: '2022-07-07T10:30:00' });
        const before = await snapshot(own);
        const refused = await outcome(cancelled.id, { result: 'Held' }).expect(409);
        expect(refused.body.message).toMatch(/cancelled/);
        const future = await outcome(tomorrow.id, {
          result: 'Held',
          custodyExtension: { kind: 'judicial', days: 30 },
        }).expect(409);
        expect(future.body.message).toContain('after today (2022-07-06 in Asia/Kolkata)');
        expect(await snapshot(own)).toEqual(before);

        const adjourned = await outcome(today.id, {
          result: 'Adjourned: judge on leave',
          status: 'adjourned',
        }).expect(200);
        expect(adjourned.body).toMatchObject({
          hearing: { status: 'adjourned', outcome: 'Adjourned: judge on leave' },
          custodyOrder: null,
          nextHearing: null,
        });
      } finally {
        t.clock.set('2022-07-10T06:00:00Z');
      }
    });

    it('replaces the outcome when logged again (audited) but never makes a second custody order', async () => {
      const own = await makeCase(t.dataSource);
      const hearing = await makeHearing(t.dataSource, own, { scheduledLocal: '2022-04-02T11:00:00' });
      const first = await outcome(hearing.id, {
        result: 'Custody extended by 40 days',
        custodyExtension: { kind: 'judicial', days: 40, until: '2022-05-12' },
      }).expect(200);
      const orderId = first.body.custodyOrder.id as string;

      const before = await snapshot(own);
      const duplicate = await outcome(hearing.id, {
        result: 'Custody extended by 40 days (corrected)',
        custodyExtension: { kind: 'judicial', days: 41 },
      }).expect(409);
      expect(duplicate.body.details).toEqual([
        { field: 'custodyExtension', problem: `custody order ${orderId} already comes from this hearing` },
      ]);
      expect(await snapshot(own)).toEqual(before);

      const corrected = await outcome(hearing.id, {
        result: 'Custody extended by 40 days, until 12 May',
        status: 'held',
      }).expect(200);
      expect(corrected.body.hearing.outcome).toBe('Custody extended by 40 days, until 12 May');
      expect(corrected.body.custodyOrder).toMatchObject({ id: orderId, days: 40, until: '2022-05-12' });
      expect(await t.dataSource.getRepository(CustodyOrder).countBy({ hearingId: hearing.id })).toBe(1);

      const rows = await auditRows('hearing', hearing.id);
      expect(rows.map((row) => row.action)).toEqual(['update', 'update']);
      expect(rows[1]).toMatchObject({
        before: { outcome: 'Custody extended by 40 days' },
        after: { outcome: 'Custody extended by 40 days, until 12 May' },
      });
    });

    it('does not schedule a second hearing at a time the case already has one', async () => {
      const own = await makeCase(t.dataSource);
      const hearing = await makeHearing(t.dataSource, own, { scheduledLocal: '2022-06-20T10:30:00' });
      const existing = await makeHearing(t.dataSource, own, { scheduledLocal: '2022-07-20T10:30:00' });
      const before = await snapshot(own);
      const clash = await outcome(hearing.id, {
        result: 'Adjourned',
        nextHearingAt: '2022-07-20T10:30',
      }).expect(409);
      expect(clash.body.details).toEqual([
        {
          field: 'nextHearingAt',
          problem: `hearing ${existing.id} is already scheduled at 2022-07-20T10:30:00`,
        },
      ]);
      expect(await snapshot(own)).toEqual(before);
    });

    it('keeps a hearing with an outcome from being cancelled or moved into the future', async () => {
      const own = await makeCase(t.dataSource);
      const hearing = await makeHearing(t.dataSource, own, { scheduledLocal: '2022-06-20T10:30:00' });
      await outcome(hearing.id, { result: 'Held' }).expect(200);
      const patch = (body: object) =>
        t.http().patch(`/api/hearings/${hearing.id}`).set(bearer(t.users.caseworker)).send(body);
      await patch({ status: 'cancelled' }).expect(409);
      await patch({ scheduledAt: '2022-07-11T10:30' }).expect(409);
      const corrected = await patch({ scheduledAt: '2022-06-20T11:30' }).expect(200);
      expect(corrected.body).toMatchObject({ scheduledLocal: '2022-06-20T11:30:00', status: 'held' });
    });
  });
});
