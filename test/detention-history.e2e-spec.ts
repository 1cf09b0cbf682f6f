import { makeDefender } from './factories/cases';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { signInToWeb, WebAgent } from './support/web-session';

// Worked examples of the detention history, entered as a caseworker would, through the API, and
// read back from the API, the lists and the case page. "Today" is 6 December 2026 throughout.

describe('detention history from the entries', () => {
  let t: TestApp;
  let defenderId: string;
  let web: WebAgent;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-06T09:00:00Z' });
    defenderId = (await makeDefender(t.dataSource)).id;
    web = await signInToWeb(t, t.users.viewer);
  });
  afterAll(() => t.close());

  const api = () => t.http();
  const as = bearer;
  const newCase = async (title: string, fields: object = {}) =>
    (
      await api()
        .post('/api/cases')
        .set(as(t.users.caseworker))
        .send({ defenderId, title, country: 'BY', timezone: 'Europe/Minsk', status: 'charged', ...fields })
        .expect(201)
    ).body as { id: string };
  const event = (caseId: string, type: string, occurredOn: string | null, fields: object = {}) =>
    api()
      .post(`/api/cases/${caseId}/events`)
      .set(as(t.users.caseworker))
      .send({
        occurredOn,
        precision: 'day',
        type,
        description: type,
        visibility: 'public',
        sources: [],
        ...fields,
      });
  const order = (caseId: string, fields: object) =>
    api().post(`/api/cases/${caseId}/custody-orders`).set(as(t.users.caseworker)).send(fields);
  const read = async (caseId: string) =>
    (await api().get(`/api/cases/${caseId}`).set(as(t.users.viewer)).expect(200)).body;
  const listed = async (detentionStatus: string) =>
    (
      await api()
        .get(`/api/cases?detentionStatus=${detentionStatus}&limit=200`)
        .set(as(t.users.viewer))
        .expect(200)
    ).body.items.map((item: { id: string }) => item.id);
  const clockOnPage = async (caseId: string) => {
    const page = await web.agent.get(`/cases/${caseId}`).expect(200);
    return /id="custody-clock">([^<]*)</.exec(page.text)?.[1].replace(/&#39;/g, "'");
  };

  it('a death in pre-trial detention two months after the arrest: deceased, every period closed', async () => {
    const kase = await newCase('Died in pre-trial detention', { arrestedOn: '2022-02-24' });
    await order(kase.id, { kind: 'pre_trial', orderedOn: '2022-02-26', days: 60 }).expect(201);
    expect((await read(kase.id)).detentionStatus).toBe('in_custody');
    expect(await listed('in_custody')).toContain(kase.id);

    await event(kase.id, 'death_in_custody', '2022-04-24').expect(201);
    const died = await read(kase.id);
    expect(died).toMatchObject({
      detentionStatus: 'deceased',
      releasedOn: '2022-04-24',
      custodyClock: {
        detentionStatus: 'deceased',
        currentPeriod: null,
        currentOrder: null,
        daysInCustody: 59,
        periods: [{ from: '2022-02-24', to: '2022-04-24', endReason: 'death', basis: 'pre_trial', days: 59 }],
        death: { on: '2022-04-24', precision: 'day' },
      },
    });
    expect(await listed('deceased')).toContain(kase.id);
    expect(await listed('in_custody')).not.toContain(kase.id);
    expect(await clockOnPage(kase.id)).toBe('Died in custody on 24 April 2022 after 59 days in custody.');
  });

  it('bail after ten days, revoked three months later, granted again: only the days held count', async () => {
    const kase = await newCase('Bailed, revoked, bailed', { arrestedOn: '2023-01-01' });
    await event(kase.id, 'bail_granted', '2023-01-11', {
      bailConditions: ['reporting', 'travel_ban'],
    }).expect(201);
    expect((await read(kase.id)).custodyClock).toMatchObject({
      detentionStatus: 'on_bail',
      daysInCustody: 10,
    });

    await event(kase.id, 'bail_revoked', '2023-04-11').expect(201);
    const held = await read(kase.id);
    // 10 days, then 11 April 2023 to 6 December 2026 (1,335 days) while held again.
    expect(held.custodyClock).toMatchObject({
      detentionStatus: 'in_custody',
      daysInCustody: 10 + 1335,
      currentPeriod: { from: '2023-04-11', basis: 'pre_trial' },
    });

    await event(kase.id, 'bail_granted', '2023-05-01', {
      bailConditions: ['house_confinement', 'electronic_monitoring'],
      bailConditionsNote: 'At his parents’ home in Minsk',
    }).expect(201);
    const bailed = await read(kase.id);
    expect(bailed).toMatchObject({
      detentionStatus: 'on_bail',
      releasedOn: '2023-05-01',
      custodyClock: {
        daysInCustody: 30,
        periods: [
          { from: '2023-01-01', to: '2023-01-11', endReason: 'bail', days: 10 },
          { from: '2023-04-11', to: '2023-05-01', endReason: 'bail', days: 20 },
        ],
        currentBail: {
          grantedOn: '2023-05-01',
          conditions: ['house_confinement', 'electronic_monitoring'],
          conditionsNote: 'At his parents’ home in Minsk',
        },
      },
    });
    expect(await listed('on_bail')).toContain(kase.id);
    expect(await clockOnPage(kase.id)).toBe(
      'On bail since 1 May 2023 after 30 days in custody (conditions: house confinement, electronic monitoring).',
    );
  });

  it('a ten-year sentence credited from the arrest of 20 March 2017 is complete on 20 March 2027', async () => {
    const kase = await newCase('Ten years', { arrestedOn: '2017-03-20' });
    await event(kase.id, 'conviction', '2018-05-30').expect(201);
    await event(kase.id, 'sentence', '2018-06-10', { sentenceTerm: 'P10Y' }).expect(201);
    const sentenced = await read(kase.id);
    expect(sentenced.custodyClock).toMatchObject({
      detentionStatus: 'in_custody',
      currentPeriod: { from: '2017-03-20', basis: 'sentence' },
      sentence: {
        term: 'P10Y',
        imposedOn: '2018-06-10',
        startsOn: '2017-03-20',
        creditForCustody: true,
        expectedReleaseOn: '2027-03-20',
      },
    });
    expect(await clockOnPage(kase.id)).toBe(
      'In custody 3548 days; serving a 10-year sentence; expected release 20 March 2027.',
    );
    const page = (await web.agent.get(`/cases/${kase.id}`).expect(200)).text;
    expect(page).toMatch(
      /<dt>Sentence<\/dt><dd id="sentence">10 years, imposed 10 June 2018; expected release 20 March 2027<\/dd>/,
    );
    expect(page).toContain('Term: 10 years');
  });

  it('a 15-year sentence, and the order that holds him for it, have no cap; an appeal replaces it', async () => {
    const kase = await newCase('Fifteen years', { arrestedOn: '2021-07-14' });
    const first = await event(kase.id, 'sentence', '2023-03-03', {
      sentenceTerm: 'P15Y',
      creditForCustody: false,
    }).expect(201);
    await order(kase.id, { kind: 'judicial', orderedOn: '2023-03-03', days: 5479 }).expect(201);
    expect((await read(kase.id)).custodyClock.sentence).toMatchObject({
      term: 'P15Y',
      startsOn: '2023-03-03',
      expectedReleaseOn: '2038-03-03',
    });
    await event(kase.id, 'sentence', '2024-01-15', { sentenceTerm: 'P12Y6M' }).expect(201);
    expect((await read(kase.id)).custodyClock.sentence).toMatchObject({
      term: 'P12Y6M',
      startsOn: '2021-07-14',
      expectedReleaseOn: '2034-01-14',
      replaces: [first.body.id],
    });
  });

  it('an order whose days and stated end disagree ends on the earlier, everywhere, and stays flagged', async () => {
    const kase = await newCase('Disagreeing order', { arrestedOn: '2026-11-01' });
    const made = await order(kase.id, {
      kind: 'pre_trial',
      orderedOn: '2026-11-20',
      days: 30,
      until: '2026-12-17',
    }).expect(201);
    const found = await read(kase.id);
    expect(found.custodyClock.currentOrder).toEqual({
      id: made.body.id,
      kind: 'pre_trial',
      orderedOn: '2026-11-20',
      endsOn: '2026-12-17',
      daysLeft: 11,
    });
    expect(found.custodyClock.flags).toEqual([
      expect.objectContaining({
        kind: 'end-date-mismatch',
        computedEnd: '2026-12-20',
        statedUntil: '2026-12-17',
        endsOn: '2026-12-17',
      }),
    ]);
    expect(await clockOnPage(kase.id)).toBe(
      'In custody 35 days; pre-trial detention ends in 11 days (17 December 2026).',
    );
    const page = await web.agent.get(`/cases/${kase.id}`).expect(200);
    expect(page.text).toContain('Vigil counts the earlier, 17 December 2026');
  });

  it('released and re-arrested at the gate the same day, recorded in the other order, then placed by hand', async () => {
    const kase = await newCase('Re-arrested at the gate', { arrestedOn: '2025-01-10' });
    await event(kase.id, 'arrest', '2025-06-01').expect(201);
    const release = await event(kase.id, 'release', '2025-06-01').expect(201);
    // As recorded, the release comes after the new arrest and would end it.
    expect((await read(kase.id)).detentionStatus).toBe('released');
    await api()
      .patch(`/api/events/${release.body.id}`)
      .set(as(t.users.caseworker))
      .send({ dayPosition: -1 })
      .expect(200);
    const found = await read(kase.id);
    expect(found.custodyClock).toMatchObject({
      detentionStatus: 'in_custody',
      periods: [
        { from: '2025-01-10', to: '2025-06-01', endReason: 'release' },
        { from: '2025-06-01', to: null },
      ],
    });
    expect(await listed('in_custody')).toContain(kase.id);
    const timeline = (await api().get(`/api/cases/${kase.id}/timeline`).set(as(t.users.viewer)).expect(200))
      .body.items;
    expect(timeline.map((entry: { type: string; date: string }) => [entry.type, entry.date])).toEqual([
      ['arrest', '2025-01-10'],
      ['release', '2025-06-01'],
      ['arrest', '2025-06-01'],
    ]);
  });

  it('a confidential death is not told to viewers: not by the case, not by the list filters', async () => {
    const kase = await newCase('Death known to caseworkers only', {
      arrestedOn: '2024-03-01',
      status: 'unknown',
    });
    await event(kase.id, 'death_in_custody', '2024-05-02', { visibility: 'confidential' }).expect(201);
    const caseworkerSees = await api().get(`/api/cases/${kase.id}`).set(as(t.users.caseworker)).expect(200);
    expect(caseworkerSees.body).toMatchObject({ status: 'unknown', detentionStatus: 'deceased' });
    expect((await read(kase.id)).detentionStatus).toBe('in_custody');
    expect(JSON.stringify(await read(kase.id))).not.toContain('2024-05-02');
    expect(await listed('deceased')).not.toContain(kase.id);
    expect(await listed('in_custody')).toContain(kase.id);
    const caseworkerList = await api()
      .get('/api/cases?detentionStatus=deceased&limit=200')
      .set(as(t.users.caseworker))
      .expect(200);
    expect(caseworkerList.body.items.map((item: { id: string }) => item.id)).toContain(kase.id);
  });

  it('the event form takes bail conditions, a term and an unknown date', async () => {
    const kase = await newCase('Through the form', { arrestedOn: '2024-01-10' });
    const caseworker = await signInToWeb(t, t.users.caseworker);
    const csrf = await caseworker.csrfOn(`/cases/${kase.id}/events/new`);
    await caseworker.agent
      .post(`/cases/${kase.id}/events`)
      .type('form')
      .send({
        _csrf: csrf,
        occurredOn: '2024-02-01',
        precision: 'day',
        type: 'bail_granted',
        visibility: 'public',
        description: 'Bailed with conditions.',
        'bail.reporting': 'on',
        'bail.surety': 'on',
        bailConditionsNote: 'Weekly at the police station',
      })
      .expect(303);
    await caseworker.agent
      .post(`/cases/${kase.id}/events`)
      .type('form')
      .send({
        _csrf: csrf,
        occurredOn: '',
        dateUnknown: 'on',
        precision: 'day',
        type: 'bail_denied',
        visibility: 'public',
        description: 'An earlier bail plea was refused; the date is not known.',
      })
      .expect(303);
    const found = await read(kase.id);
    expect(found.custodyClock).toMatchObject({
      detentionStatus: 'on_bail',
      currentBail: { conditions: ['reporting', 'surety'], conditionsNote: 'Weekly at the police station' },
    });
    const events = (await api().get(`/api/cases/${kase.id}/events`).set(as(t.users.viewer)).expect(200)).body
      .items;
    expect(events.map((e: { type: string; occurredOn: string | null }) => [e.type, e.occurredOn])).toEqual([
      ['arrest', '2024-01-10'],
      ['bail_granted', '2024-02-01'],
      ['bail_denied', null],
    ]);
    const page = (await web.agent.get(`/cases/${kase.id}`).expect(200)).text;
    expect(page).toContain('Conditions: reporting to the authorities, surety (Weekly at the police station)');
    expect(page).toContain('Date not known');
  });

  describe('refused at the edge', () => {
    let kase: { id: string };
    beforeAll(async () => {
      kase = await newCase('Refusals', { arrestedOn: '2022-05-03' });
    });
    const fields = (body: { details: { field: string; problem: string }[] }) =>
      body.details.map((detail) => [detail.field, detail.problem]);

    it('fields the type does not carry, and a sentence without a term, naming each', async () => {
      const wrong = await event(kase.id, 'arrest', '2022-05-03', {
        bailConditions: ['surety'],
        sentenceTerm: 'P1Y',
        endedOn: '2022-05-04',
      }).expect(400);
      expect(fields(wrong.body)).toEqual([
        ['bailConditions', 'applies only to bail_granted events, not to arrest'],
        ['sentenceTerm', 'applies only to sentence events, not to arrest'],
        ['endedOn', 'applies only to hunger_strike, travel_ban and incommunicado events, not to arrest'],
      ]);
      const noTerm = await event(kase.id, 'sentence', '2022-06-01').expect(400);
      expect(fields(noTerm.body)).toEqual([
        [
          'sentenceTerm',
          'is required for a sentence: an ISO 8601 duration such as P15Y or P2Y6M, or life, or death',
        ],
      ]);
      const shapes = await event(kase.id, 'bail_granted', '2022-06-01', {
        bailConditions: ['curfew'],
        sentenceTerm: '15 years',
      }).expect(400);
      expect(shapes.body.details.map((detail: { field: string }) => detail.field).sort()).toEqual([
        'bailConditions',
        'sentenceTerm',
      ]);
    });

    it('dates that cannot be true: an event, arrest or end in the future, a release before its arrest', async () => {
      const future = await event(kase.id, 'arrest', '2026-12-07').expect(400);
      expect(fields(future.body)).toEqual([
        ['occurredOn', 'must not be in the future: 7 December 2026 is after today, 6 December 2026'],
      ]);
      const strike = await event(kase.id, 'hunger_strike', '2026-11-01', { endedOn: '2026-12-31' }).expect(
        400,
      );
      expect(fields(strike.body)).toEqual([
        ['endedOn', 'must not be in the future: 31 December 2026 is after today, 6 December 2026'],
      ]);
      const early = await event(kase.id, 'release', '2022-05-01').expect(400);
      expect(fields(early.body)).toEqual([
        ['occurredOn', 'puts the release (1 May 2022) before the arrest on 3 May 2022'],
      ]);
      const newFuture = await api()
        .post('/api/cases')
        .set(as(t.users.caseworker))
        .send({
          defenderId,
          title: 'x',
          country: 'BY',
          timezone: 'Europe/Minsk',
          status: 'charged',
          arrestedOn: '2027-01-01',
        })
        .expect(400);
      expect(fields(newFuture.body)).toEqual([
        ['arrestedOn', 'must not be in the future: 1 January 2027 is after today, 6 December 2026'],
      ]);
      expect((await read(kase.id)).custodyClock.periods).toHaveLength(1);
      // Released "in 2016" fits an arrest in September 2016; a release day before the arrest does not.
      const psa = await newCase('PSA', {
        arrestedOn: '2016-09-01',
        arrestedOnPrecision: 'month',
        releasedOn: '2016-01-01',
        releasedOnPrecision: 'year',
        detentionStatus: 'released',
      });
      expect((await read(psa.id)).custodyClock.periods).toMatchObject([
        {
          from: '2016-09-01',
          fromPrecision: 'month',
          to: '2016-01-01',
          toPrecision: 'year',
          endReason: 'release',
        },
      ]);
    });

    it('moving the arrest after a release is saved, and the release is flagged', async () => {
      const moved = await newCase('Arrest moved', {
        arrestedOn: '2022-05-03',
        releasedOn: '2022-06-01',
        detentionStatus: 'released',
      });
      const events = (
        await api().get(`/api/cases/${moved.id}/events`).set(as(t.users.caseworker)).expect(200)
      ).body.items;
      const arrest = events.find((e: { type: string }) => e.type === 'arrest');
      await api()
        .patch(`/api/events/${arrest.id}`)
        .set(as(t.users.caseworker))
        .send({ occurredOn: '2022-07-01' })
        .expect(200);
      const found = await read(moved.id);
      expect(found.custodyClock.flags).toEqual([
        expect.objectContaining({
          kind: 'dated-before-arrest',
          entity: 'event',
          date: '2022-06-01',
          message: 'Event dated 1 June 2022 is before the arrest on 1 July 2022.',
        }),
      ]);
    });

    it('an undated bail refusal and a release known to the month are saved, and sit where they cannot contradict', async () => {
      await event(kase.id, 'bail_denied', null).expect(201);
      await event(kase.id, 'release', '2022-05', { precision: 'month' }).expect(201);
      expect((await read(kase.id)).custodyClock).toMatchObject({
        detentionStatus: 'released',
        periods: [
          { from: '2022-05-03', to: '2022-05-01', toPrecision: 'month', endReason: 'release', days: null },
        ],
      });
    });
  });
});
