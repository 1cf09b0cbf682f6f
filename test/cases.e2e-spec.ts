import { AuditEntry } from '../src/audit/audit-entry.entity';
import { Case } from '../src/cases/case.entity';
import { Defender } from '../src/defenders/defender.entity';
import { makeCase, makeDefender } from './factories/cases';
import { makeCharge, makeCustodyOrder, makeEvent, makeHearing } from './factories/entries';
import { bearer, startTestApp, TestApp } from './support/test-app';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

describe('cases', () => {
  let t: TestApp;
  let khurram: Defender;
  let coAccused: Defender;

  const niaCase = () => ({
    defenderId: khurram.id,
    title: 'NIA terror-funding case',
    country: 'IN',
    timezone: 'Asia/Kolkata',
    caseNumber: 'RC-30/2021/NIA/DLI',
    court: 'NIA Special Court, New Delhi',
    status: 'charged',
    detentionStatus: 'in_custody',
    placeOfDetention: 'Tihar Jail, New Delhi',
    arrestedOn: '2021-11-22',
    arrestedOnPrecision: 'day',
    releasedOn: null,
    coAccusedIds: [coAccused.id],
  });

  beforeAll(async () => {
    t = await startTestApp({ now: '2022-01-10T06:30:00Z' });
    khurram = await makeDefender(t.dataSource, {
      fullName: 'Khurram Parvez',
      otherNames: ['Khurram Pervez'],
    });
    coAccused = await makeDefender(t.dataSource, { fullName: 'A Co-Accused' });
  });
  afterAll(() => t.close());

  const auditRows = async (entityId: string): Promise<AuditEntry[]> =>
    (await t.http().get(`/api/audit?entity=case&entityId=${entityId}`).set(bearer(t.users.admin)).expect(200))
      .body.items;
  const caseCount = async (): Promise<number> =>
    (await t.dataSource.query('SELECT count(*)::int AS n FROM cases'))[0].n;
  const fieldsOf = (body: { details: { field: string }[] }) => body.details.map((detail) => detail.field);

  describe('create', () => {
    it('lets a caseworker open a case with co-accused, and audits it', async () => {
      const response = await t
        .http()
        .post('/api/cases')
        .set(bearer(t.users.caseworker))
        .send(niaCase())
        .expect(201);
      const { coAccusedIds: _ids, ...fields } = niaCase();
      expect(response.body).toMatchObject({
        ...fields,
        id: expect.any(String),
        defender: { id: khurram.id, fullName: 'Khurram Parvez', country: 'IN' },
        coAccusedIds: [coAccused.id],
        coAccused: [{ id: coAccused.id, fullName: 'A Co-Accused', country: 'IN' }],
        custodyClock: {
          daysInCustody: 49,
          currentOrder: null,
          lastOrderEndedOn: null,
          nextHearing: null,
          flags: [],
        },
      });
      expect(response.body.defender).not.toHaveProperty('contacts');
      const [created] = await auditRows(response.body.id);
      expect(created).toMatchObject({
        action: 'create',
        actorEmail: 'caseworker@example.org',
        before: null,
        after: { title: 'NIA terror-funding case', arrestedOn: '2021-11-22', coAccusedIds: [coAccused.id] },
      });
    });

    it('defaults the arrest precision to day and optional fields to null', async () => {
      const response = await t
        .http()
        .post('/api/cases')
        .set(bearer(t.users.admin))
        .send({
          defenderId: khurram.id,
          title: 'Minimal',
          country: 'IN',
          timezone: 'Asia/Kolkata',
          status: 'under_investigation',
          detentionStatus: 'released',
        })
        .expect(201);
      expect(response.body).toMatchObject({
        arrestedOn: null,
        arrestedOnPrecision: 'day',
        releasedOn: null,
        caseNumber: null,
        coAccusedIds: [],
        custodyClock: { daysInCustody: null },
      });
    });

    it('is refused to viewers (403) and without a token (401), writing nothing', async () => {
      const before = await caseCount();
      await t.http().post('/api/cases').set(bearer(t.users.viewer)).send(niaCase()).expect(403);
      await t.http().post('/api/cases').send(niaCase()).expect(401);
      expect(await caseCount()).toBe(before);
    });

    it.each([
      ['a lower-case country', { country: 'in' }, 'country'],
      ['an unknown country', { country: 'ZZ' }, 'country'],
      ['an offset instead of a zone', { timezone: '+05:30' }, 'timezone'],
      ['a zone that does not exist', { timezone: 'Asia/Atlantis' }, 'timezone'],
      ['an impossible arrest date', { arrestedOn: '2022-02-30' }, 'arrestedOn'],
      ['an arrest date-time', { arrestedOn: '2021-11-22T18:00:00Z' }, 'arrestedOn'],
      ['an impossible release date', { releasedOn: '2021-02-29' }, 'releasedOn'],
      ['a release before the arrest', { releasedOn: '2021-11-21' }, 'releasedOn'],
      ['a month-precise arrest not on the 1st', { arrestedOnPrecision: 'month' }, 'arrestedOn'],
      [
        'a year-precise arrest not on 1 January',
        { arrestedOn: '2016-09-01', arrestedOnPrecision: 'year' },
        'arrestedOn',
      ],
      ['an unknown status', { status: 'jailed' }, 'status'],
      ['an unknown detention status', { detentionStatus: 'gone' }, 'detentionStatus'],
      ['a malformed defenderId', { defenderId: 'khurram' }, 'defenderId'],
      ['an unknown defenderId', { defenderId: UNKNOWN_ID }, 'defenderId'],
      ['a malformed co-accused id', { coAccusedIds: ['nope'] }, 'coAccusedIds'],
      ['a repeated co-accused id', { coAccusedIds: [UNKNOWN_ID, UNKNOWN_ID] }, 'coAccusedIds'],
      ['an unknown field', { judge: 'Parveen Singh' }, 'judge'],
    ])('answers 400 for %s, naming the field, and writes no case', async (_label, change, field) => {
      const before = await caseCount();
      const response = await t
        .http()
        .post('/api/cases')
        .set(bearer(t.users.caseworker))
        .send({ ...niaCase(), ...change })
        .expect(400);
      expect(response.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
      expect(fieldsOf(response.body)).toContain(field);
      expect(await caseCount()).toBe(before);
    });

    it('answers 400 for unknown co-accused, naming each, and writes no case and no link', async () => {
      const before = await caseCount();
      const links = await t.dataSource.query('SELECT count(*)::int AS n FROM case_participants');
      const response = await t
        .http()
        .post('/api/cases')
        .set(bearer(t.users.caseworker))
        .send({ ...niaCase(), coAccusedIds: [coAccused.id, UNKNOWN_ID] })
        .expect(400);
      expect(response.body.details).toEqual([
        { field: 'coAccusedIds', problem: `contains ${UNKNOWN_ID}, which matches no defender` },
      ]);
      expect(await caseCount()).toBe(before);
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM case_participants')).toEqual(links);
    });

    it("answers 400 when the co-accused include the case's own defender", async () => {
      const response = await t
        .http()
        .post('/api/cases')
        .set(bearer(t.users.caseworker))
        .send({ ...niaCase(), coAccusedIds: [khurram.id] })
        .expect(400);
      expect(response.body.details).toEqual([
        { field: 'coAccusedIds', problem: `must not include the case's own defender (${khurram.id})` },
      ]);
    });

    it('reports every problem at once', async () => {
      const response = await t
        .http()
        .post('/api/cases')
        .set(bearer(t.users.caseworker))
        .send({ ...niaCase(), defenderId: UNKNOWN_ID, coAccusedIds: [UNKNOWN_ID], releasedOn: '2020-01-01' })
        .expect(400);
      // The release is before the arrest, and contradicts a case said to be in custody.
      expect(fieldsOf(response.body)).toEqual(['defenderId', 'coAccusedIds', 'releasedOn', 'releasedOn']);
    });
  });

  describe('read and list', () => {
    let belarus: Case;
    let released: Case;

    beforeAll(async () => {
      const ales = await makeDefender(t.dataSource, { fullName: 'Ales Bialiatski', country: 'BY' });
      belarus = await makeCase(t.dataSource, {
        defenderId: ales.id,
        title: 'Tax evasion case',
        country: 'BY',
        timezone: 'Europe/Minsk',
        status: 'convicted',
        detentionStatus: 'in_custody',
        arrestedOn: '2021-07-14',
      });
      released = await makeCase(t.dataSource, {
        defenderId: khurram.id,
        title: 'PSA detention',
        status: 'closed',
        detentionStatus: 'released',
        arrestedOn: '2016-09-15',
        releasedOn: '2016-11-30',
      });
    });

    const list = (query: string, user = t.users.viewer) =>
      t.http().get(`/api/cases?${query}`).set(bearer(user)).expect(200);

    it('gives a case to every signed-in role, and 401 without a token', async () => {
      for (const user of [t.users.viewer, t.users.caseworker, t.users.admin]) {
        const response = await t.http().get(`/api/cases/${released.id}`).set(bearer(user)).expect(200);
        expect(response.body).toMatchObject({
          title: 'PSA detention',
          releasedOn: '2016-11-30',
          custodyClock: { daysInCustody: 76, currentOrder: null },
        });
      }
      await t.http().get(`/api/cases/${released.id}`).expect(401);
    });

    it('answers 404 for an unknown case and 400 for a malformed id', async () => {
      await t.http().get(`/api/cases/${UNKNOWN_ID}`).set(bearer(t.users.viewer)).expect(404);
      const bad = await t.http().get('/api/cases/42').set(bearer(t.users.viewer)).expect(400);
      expect(bad.body.details).toEqual([{ field: 'id', problem: 'must be a UUID' }]);
    });

    it('filters by defender, country, status and detention status', async () => {
      const byCountry = await list('country=BY');
      expect(byCountry.body.items.map((item: Case) => item.id)).toEqual([belarus.id]);
      const byDefender = await list(`defenderId=${khurram.id}`);
      expect(byDefender.body.items.every((item: Case) => item.defenderId === khurram.id)).toBe(true);
      expect(byDefender.body.items.map((item: Case) => item.id)).toContain(released.id);
      const closedReleased = await list('status=closed&detentionStatus=released');
      expect(closedReleased.body.items.map((item: Case) => item.id)).toEqual([released.id]);
      expect((await list('country=BY&status=closed')).body).toMatchObject({ items: [], total: 0 });
    });

    it('pages newest first with the total of all matches', async () => {
      const all = await list('limit=200');
      const total = all.body.total;
      expect(total).toBe(await caseCount());
      expect(all.body.items[0].id).toBe(released.id);
      const first = await list('limit=2&offset=0');
      const second = await list('limit=2&offset=2');
      expect(first.body).toMatchObject({ total, limit: 2, offset: 0 });
      expect(second.body).toMatchObject({ total, limit: 2, offset: 2 });
      expect([...first.body.items, ...second.body.items].map((item: Case) => item.id)).toEqual(
        all.body.items.slice(0, 4).map((item: Case) => item.id),
      );
    });

    it('answers 400 for bad filters', async () => {
      const response = await t
        .http()
        .get('/api/cases?country=by&status=x&detentionStatus=y&defenderId=z&limit=500')
        .set(bearer(t.users.viewer))
        .expect(400);
      expect(fieldsOf(response.body)).toEqual(
        expect.arrayContaining(['country', 'status', 'detentionStatus', 'defenderId', 'limit']),
      );
    });
  });

  describe('update', () => {
    it('changes the given fields, replaces the co-accused, and audits before and after', async () => {
      const subject = await makeCase(t.dataSource, { defenderId: khurram.id, title: 'Before' });
      const other = await makeDefender(t.dataSource, { fullName: 'Another Accused' });
      await t.dataSource.query('INSERT INTO case_participants (case_id, defender_id) VALUES ($1, $2)', [
        subject.id,
        coAccused.id,
      ]);
      const response = await t
        .http()
        .patch(`/api/cases/${subject.id}`)
        .set(bearer(t.users.caseworker))
        .send({ title: 'After', statusOverride: 'closed', caseNumber: null, coAccusedIds: [other.id] })
        .expect(200);
      expect(response.body).toMatchObject({
        title: 'After',
        status: 'closed',
        statusOverride: 'closed',
        caseNumber: null,
        arrestedOn: '2021-11-22',
        coAccusedIds: [other.id],
      });
      const [update] = await auditRows(subject.id);
      expect(update).toMatchObject({
        action: 'update',
        actorEmail: 'caseworker@example.org',
        before: {
          title: 'Before',
          status: 'under_investigation',
          statusOverride: null,
          coAccusedIds: [coAccused.id],
        },
        after: { title: 'After', status: 'closed', statusOverride: 'closed', coAccusedIds: [other.id] },
      });
    });

    it('refuses to change the derived detention by hand, pointing to the entries, and changes nothing', async () => {
      const subject = await makeCase(t.dataSource, { arrestedOn: '2021-11-22', title: 'Unchanged' });
      const response = await t
        .http()
        .patch(`/api/cases/${subject.id}`)
        .set(bearer(t.users.caseworker))
        .send({
          title: 'Changed',
          releasedOn: '2021-12-01',
          detentionStatus: 'released',
          arrestedOnPrecision: 'month',
        })
        .expect(400);
      expect(response.body.details).toEqual(
        ['arrestedOnPrecision', 'releasedOn', 'detentionStatus'].map((field) => ({
          field,
          problem: `${field} is derived from the case's entries: record an arrest, bail, release or sentence event instead`,
        })),
      );
      const stored = await t.dataSource.getRepository(Case).findOneByOrFail({ id: subject.id });
      expect(stored).toMatchObject({
        title: 'Unchanged',
        releasedOn: null,
        arrestedOnPrecision: 'day',
        detentionStatus: 'in_custody',
      });
    });

    it('refuses null for a field a case cannot be without, and co-accused that are not defenders', async () => {
      const subject = await makeCase(t.dataSource, { defenderId: khurram.id });
      const response = await t
        .http()
        .patch(`/api/cases/${subject.id}`)
        .set(bearer(t.users.caseworker))
        .send({ title: null, timezone: 'IST', status: null })
        .expect(400);
      expect(fieldsOf(response.body)).toEqual(expect.arrayContaining(['title', 'timezone', 'status']));
      const unknown = await t
        .http()
        .patch(`/api/cases/${subject.id}`)
        .set(bearer(t.users.caseworker))
        .send({ coAccusedIds: [khurram.id, UNKNOWN_ID] })
        .expect(400);
      expect(fieldsOf(unknown.body)).toEqual(['coAccusedIds', 'coAccusedIds']);
    });

    it('refuses to make a co-accused the main defender while they stay co-accused', async () => {
      const subject = await makeCase(t.dataSource, { defenderId: khurram.id });
      await t.dataSource.query('INSERT INTO case_participants (case_id, defender_id) VALUES ($1, $2)', [
        subject.id,
        coAccused.id,
      ]);
      await t
        .http()
        .patch(`/api/cases/${subject.id}`)
        .set(bearer(t.users.caseworker))
        .send({ defenderId: coAccused.id })
        .expect(400);
      const swapped = await t
        .http()
        .patch(`/api/cases/${subject.id}`)
        .set(bearer(t.users.caseworker))
        .send({ defenderId: coAccused.id, coAccusedIds: [khurram.id] })
        .expect(200);
      expect(swapped.body).toMatchObject({ defenderId: coAccused.id, coAccusedIds: [khurram.id] });
    });

    it("re-derives every hearing's instant from its local time when the zone changes, in the audit too", async () => {
      const subject = await makeCase(t.dataSource, { timezone: 'Asia/Kolkata' });
      const trial = await makeHearing(t.dataSource, subject, { scheduledLocal: '2022-07-06T10:30:00' });
      const winter = await makeHearing(t.dataSource, subject, { scheduledLocal: '2022-12-01T09:00:00' });
      const untouched = await makeCase(t.dataSource, { timezone: 'Asia/Kolkata' });
      const elsewhere = await makeHearing(t.dataSource, untouched, { scheduledLocal: '2022-07-06T10:30:00' });

      await t
        .http()
        .patch(`/api/cases/${subject.id}`)
        .set(bearer(t.users.caseworker))
        .send({ timezone: 'Europe/London' })
        .expect(200);

      const rows = await t.dataSource.query(
        `SELECT id, to_char(scheduled_local, 'YYYY-MM-DD"T"HH24:MI:SS') AS local, scheduled_at AS at
           FROM hearings WHERE id = ANY($1::uuid[])`,
        [[trial.id, winter.id, elsewhere.id]],
      );
      const byId = Object.fromEntries(rows.map((row: { id: string }) => [row.id, row]));
      // 10:30 in London in July is BST (UTC+1); 09:00 in December is GMT.
      expect(byId[trial.id]).toMatchObject({
        local: '2022-07-06T10:30:00',
        at: new Date('2022-07-06T09:30:00Z'),
      });
      expect(byId[winter.id]).toMatchObject({
        local: '2022-12-01T09:00:00',
        at: new Date('2022-12-01T09:00:00Z'),
      });
      expect(byId[elsewhere.id].at).toEqual(new Date('2022-07-06T05:00:00Z'));

      const [update] = await auditRows(subject.id);
      expect(update.before).toMatchObject({ timezone: 'Asia/Kolkata' });
      expect(update.after).toMatchObject({ timezone: 'Europe/London' });
      expect(update.context).toEqual({
        rederivedHearings: [
          {
            id: trial.id,
            scheduledLocal: '2022-07-06T10:30:00',
            before: '2022-07-06T05:00:00.000Z',
            after: '2022-07-06T09:30:00.000Z',
          },
          {
            id: winter.id,
            scheduledLocal: '2022-12-01T09:00:00',
            before: '2022-12-01T03:30:00.000Z',
            after: '2022-12-01T09:00:00.000Z',
          },
        ],
      });
    });

    it('answers 404 for an unknown case, 403 for a viewer and 401 without a token', async () => {
      await t
        .http()
        .patch(`/api/cases/${UNKNOWN_ID}`)
        .set(bearer(t.users.caseworker))
        .send({ title: 'x' })
        .expect(404);
      const subject = await makeCase(t.dataSource);
      await t
        .http()
        .patch(`/api/cases/${subject.id}`)
        .set(bearer(t.users.viewer))
        .send({ title: 'x' })
        .expect(403);
      await t.http().patch(`/api/cases/${subject.id}`).send({ title: 'x' }).expect(401);
    });
  });

  describe('delete', () => {
    it('deletes the case with all its entries and audits the before snapshot', async () => {
      const subject = await makeCase(t.dataSource, { defenderId: khurram.id, title: 'Doomed' });
      await t.dataSource.query('INSERT INTO case_participants (case_id, defender_id) VALUES ($1, $2)', [
        subject.id,
        coAccused.id,
      ]);
      await makeCharge(t.dataSource, subject);
      await makeHearing(t.dataSource, subject);
      await makeCustodyOrder(t.dataSource, subject);
      const event = await makeEvent(t.dataSource, subject, { sources: [{ url: 'https://example.org/a' }] });

      await t.http().delete(`/api/cases/${subject.id}`).set(bearer(t.users.viewer)).expect(403);
      await t.http().delete(`/api/cases/${subject.id}`).expect(401);
      await t.http().delete(`/api/cases/${subject.id}`).set(bearer(t.users.caseworker)).expect(204);

      await t.http().get(`/api/cases/${subject.id}`).set(bearer(t.users.viewer)).expect(404);
      const [left] = await t.dataSource.query(
        `SELECT (SELECT count(*) FROM charges WHERE case_id = $1)::int
              + (SELECT count(*) FROM hearings WHERE case_id = $1)::int
              + (SELECT count(*) FROM custody_orders WHERE case_id = $1)::int
              + (SELECT count(*) FROM events WHERE case_id = $1)::int
              + (SELECT count(*) FROM event_sources WHERE event_id = $2)::int
              + (SELECT count(*) FROM case_participants WHERE case_id = $1)::int AS n`,
        [subject.id, event.id],
      );
      expect(left.n).toBe(0);
      await t.http().get(`/api/defenders/${coAccused.id}`).set(bearer(t.users.viewer)).expect(200);

      const [deleted] = await auditRows(subject.id);
      expect(deleted).toMatchObject({
        action: 'delete',
        actorEmail: 'caseworker@example.org',
        before: { title: 'Doomed', coAccusedIds: [coAccused.id] },
        after: null,
        // Two events: the case's arrest and the one made here.
        context: { cascaded: { charges: 1, hearings: 1, custodyOrders: 1, events: 2 } },
      });
      await t.http().delete(`/api/cases/${subject.id}`).set(bearer(t.users.caseworker)).expect(404);
    });
  });

  describe('custody clock', () => {
    let subject: Case;
    let ids: Record<string, string>;

    beforeAll(async () => {
      // Khurram Parvez's NIA case, as the fixture tells it.
      subject = await makeCase(t.dataSource, { defenderId: khurram.id, arrestedOn: '2021-11-22' });
      const order = (orderedOn: string, days: number, until: string | null = null) =>
        makeCustodyOrder(t.dataSource, subject, { orderedOn, days, until });
      ids = {
        dec4: (await order('2021-12-04', 20)).id,
        dec25: (await order('2021-12-25', 30, '2022-01-21')).id,
        jan24: (await order('2022-01-24', 40)).id,
        feb12: (await order('2022-02-12', 40)).id,
        mar24: (await order('2022-03-24', 50)).id,
        trial: (await makeHearing(t.dataSource, subject, { scheduledLocal: '2022-07-06T10:30:00' })).id,
        secret: (
          await makeCustodyOrder(t.dataSource, subject, {
            orderedOn: '2022-05-13',
            days: 60,
            visibility: 'confidential',
          })
        ).id,
      };
    });
    afterAll(() => t.clock.set('2022-01-10T06:30:00Z'));

    const clockAt = async (now: string, user = t.users.caseworker) => {
      t.clock.set(now);
      return (await t.http().get(`/api/cases/${subject.id}`).set(bearer(user)).expect(200)).body.custodyClock;
    };

    it('on 10 January 2022: day 49, the 25 December order ending on the earlier of its two ends', async () => {
      expect(await clockAt('2022-01-10T06:30:00Z')).toMatchObject({
        daysInCustody: 49,
        detentionStatus: 'in_custody',
        currentPeriod: { from: '2021-11-22', to: null, basis: 'judicial', days: 49 },
        currentOrder: {
          id: ids.dec25,
          kind: 'judicial',
          orderedOn: '2021-12-25',
          endsOn: '2022-01-21',
          daysLeft: 11,
        },
        lastOrderEndedOn: '2021-12-24',
        nextHearing: {
          id: ids.trial,
          scheduledAt: '2022-07-06T05:00:00.000Z',
          scheduledLocal: '2022-07-06T10:30:00',
          timeKnown: true,
          court: 'NIA Special Court, New Delhi',
        },
        flags: [
          {
            kind: 'end-date-mismatch',
            custodyOrderId: ids.dec25,
            orderedOn: '2021-12-25',
            days: 30,
            statedUntil: '2022-01-21',
            computedEnd: '2022-01-24',
            differenceDays: 3,
            endsOn: '2022-01-21',
            message:
              'Custody order of 25 December 2021: 30 days from the order ends on 24 January 2022, ' +
              'but the stated end is 21 January 2022 (3 days apart); Vigil counts the earlier, 21 January 2022.',
          },
        ],
      });
    });

    it("counts today in the case's zone: 00:30 in New Delhi is already the next day", async () => {
      expect((await clockAt('2022-01-09T18:29:00Z')).daysInCustody).toBe(48);
      expect((await clockAt('2022-01-09T19:00:00Z')).daysInCustody).toBe(49);
    });

    it('on 20 February 2022: day 90, the 12 February order replaces the 24 January one', async () => {
      const clock = await clockAt('2022-02-20T06:30:00Z');
      expect(clock).toMatchObject({
        daysInCustody: 90,
        currentOrder: { id: ids.feb12, endsOn: '2022-03-24', daysLeft: 32 },
        lastOrderEndedOn: '2022-01-21',
      });
    });

    it("leaves confidential orders out of a viewer's clock", async () => {
      const forCaseworker = await clockAt('2022-06-01T06:30:00Z');
      expect(forCaseworker.currentOrder).toMatchObject({
        id: ids.secret,
        endsOn: '2022-07-12',
        daysLeft: 41,
      });
      const forViewer = await clockAt('2022-06-01T06:30:00Z', t.users.viewer);
      expect(forViewer).toMatchObject({ currentOrder: null, lastOrderEndedOn: '2022-05-13' });
      expect(JSON.stringify(forViewer)).not.toContain(ids.secret);
    });

    it('after the trial hearing has begun, there is no next hearing', async () => {
      expect((await clockAt('2022-07-06T05:00:01Z')).nextHearing).toBeNull();
    });

    it('flags entries dated before the arrest', async () => {
      const early = await makeCharge(t.dataSource, subject, { broughtOn: '2021-11-06' });
      try {
        const clock = await clockAt('2022-01-10T06:30:00Z');
        expect(clock.flags).toContainEqual({
          kind: 'dated-before-arrest',
          entity: 'charge',
          id: early.id,
          date: '2021-11-06',
          arrestedOn: '2021-11-22',
          message: 'Charge dated 6 November 2021 is before the arrest on 22 November 2021.',
        });
      } finally {
        await t.dataSource.query('DELETE FROM charges WHERE id = $1', [early.id]);
      }
    });

    it('is in every case of a list too', async () => {
      t.clock.set('2022-01-10T06:30:00Z');
      const response = await t
        .http()
        .get(`/api/defenders/${khurram.id}/cases?limit=200`)
        .set(bearer(t.users.viewer))
        .expect(200);
      const listed = response.body.items.find((item: { id: string }) => item.id === subject.id);
      expect(listed.custodyClock).toMatchObject({ daysInCustody: 49, currentOrder: { id: ids.dec25 } });
    });
  });

  it('documents the case endpoints and the custody clock in OpenAPI', async () => {
    const openApi = await t.http().get('/docs-json').expect(200);
    expect(Object.keys(openApi.body.paths)).toEqual(
      expect.arrayContaining(['/api/cases', '/api/cases/{id}']),
    );
    const schemas = openApi.body.components.schemas;
    expect(Object.keys(schemas.CreateCaseDto.properties)).toEqual(
      expect.arrayContaining(['defenderId', 'timezone', 'arrestedOn', 'arrestedOnPrecision', 'coAccusedIds']),
    );
    expect(Object.keys(schemas.CustodyClockView.properties)).toEqual(
      expect.arrayContaining(['daysInCustody', 'currentOrder', 'lastOrderEndedOn', 'nextHearing', 'flags']),
    );
  });
});
