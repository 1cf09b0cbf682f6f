import { makeDefender } from './factories/cases';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { signInToWeb, WebAgent } from './support/web-session';

// Worked examples of the shipped statutory-limits table, entered as a caseworker would through the
// API and read back from the API, the case page and the pending reminders. The people and dates are
// invented; "today" is 6 December 2026 throughout.

interface LimitState {
  reference: string;
  state: string;
  dueOn: string | null;
  lastDay: string | null;
  daysLeft: number | null;
  stoppedOn: string | null;
  stoppedBy: string | null;
  exceededByDays: number | null;
}

describe('statutory limits: worked examples', () => {
  let t: TestApp;
  let defenderId: string;
  let web: WebAgent;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-06T09:00:00Z' });
    defenderId = (await makeDefender(t.dataSource, { fullName: 'Devika Rao' })).id;
    web = await signInToWeb(t, t.users.viewer);
  });
  afterAll(() => t.close());

  const api = () => t.http();
  const caseworker = () => bearer(t.users.caseworker);
  const newCase = async (title: string, fields: object) =>
    (
      await api()
        .post('/api/cases')
        .set(caseworker())
        .send({ defenderId, title, status: 'charged', ...fields })
        .expect(201)
    ).body as { id: string };
  const charge = (caseId: string, fields: object) =>
    api()
      .post(`/api/cases/${caseId}/charges`)
      .set(caseworker())
      .send({ status: 'alleged', ...fields })
      .expect(201);
  const event = (caseId: string, type: string, occurredOn: string, fields: object = {}) =>
    api()
      .post(`/api/cases/${caseId}/events`)
      .set(caseworker())
      .send({
        occurredOn,
        precision: 'day',
        type,
        description: type,
        visibility: 'public',
        sources: [],
        ...fields,
      })
      .expect(201);
  const order = (caseId: string, fields: object) =>
    api().post(`/api/cases/${caseId}/custody-orders`).set(caseworker()).send(fields).expect(201);
  const limits = async (caseId: string): Promise<LimitState[]> =>
    (await api().get(`/api/cases/${caseId}/statutory-limits`).set(bearer(t.users.viewer)).expect(200)).body;
  const panel = async (caseId: string): Promise<string> => {
    const page = await web.agent.get(`/cases/${caseId}`).expect(200);
    const start = page.text.indexOf('id="limits-heading"');
    return start < 0 ? '' : page.text.slice(start, page.text.indexOf('</section>', start));
  };
  /** The Markdown export's summary of the case, as an advocacy statement would start. */
  const exported = async (caseId: string): Promise<string> =>
    (await api().get(`/api/cases/${caseId}/chronology?format=md`).set(bearer(t.users.viewer)).expect(200))
      .text;
  const pendingLimitReminders = async (caseId: string): Promise<string[]> =>
    (
      await api()
        .get(`/api/reminders?caseId=${caseId}&kind=statutory_limit&status=pending&limit=200`)
        .set(caseworker())
        .expect(200)
    ).body.items.map((r: { title: string }) => r.title);

  it('a UAPA case whose charge sheet was filed inside the extended period: met, and no CrPC limit beside it', async () => {
    const kase = await newCase('Bhima river protest case', {
      country: 'IN',
      timezone: 'Asia/Kolkata',
      arrestedOn: '2026-03-02',
    });
    await order(kase.id, { kind: 'judicial', orderedOn: '2026-03-03', days: 90 });
    await charge(kase.id, {
      law: 'Unlawful Activities (Prevention) Act 1967',
      section: '13',
      maximumPenalty: 'P7Y',
    });
    await charge(kase.id, { law: 'Indian Penal Code 1860', section: '153A', maximumPenalty: 'P3Y' });
    // Day 161 after the arrest: past the 90 days, inside the 180 a court may allow.
    await event(kase.id, 'charge_sheet', '2026-08-10');

    expect(await limits(kase.id)).toEqual([
      expect.objectContaining({
        reference: 'UAPA s.43D(2)',
        state: 'met',
        stoppedOn: '2026-08-10',
        stoppedBy: 'charge_sheet',
        lastDay: '2026-08-29',
      }),
    ]);
    expect(await panel(kase.id)).toContain('Met: stopped on 10 August 2026 by the charge sheet.');
    expect(await exported(kase.id)).toContain(
      'UAPA s.43D(2): Met: stopped on 10 August 2026 by the charge sheet.',
    );
    expect(await pendingLimitReminders(kase.id)).toEqual([]);
  });

  it('a Thai pre-trial detention past its 84-day total with no indictment: exceeded by 43 days', async () => {
    const kase = await newCase('Lèse-majesté inquiry, Bangkok', {
      country: 'TH',
      timezone: 'Asia/Bangkok',
      arrestedOn: '2026-08-01',
    });
    for (const [orderedOn, days] of [
      ['2026-08-02', 12],
      ['2026-08-14', 12],
      ['2026-08-26', 12],
    ] as const) {
      await order(kase.id, { kind: 'pre_trial', orderedOn, days });
    }
    await charge(kase.id, { law: 'Criminal Code', section: '112', maximumPenalty: 'P15Y' });
    await charge(kase.id, { law: 'Computer Crime Act B.E. 2550', section: '14', maximumPenalty: 'P5Y' });

    // The gravest charge (15 years) chooses the 84-day total; the 48-day one never shows beside it.
    expect(await limits(kase.id)).toEqual([
      expect.objectContaining({
        reference: 'Thai CPC s.87 (10 years or more)',
        state: 'exceeded',
        lastDay: '2026-10-24',
        exceededByDays: 43,
        stoppedOn: null,
      }),
    ]);
    const shown = await panel(kase.id);
    expect(shown).toContain('Exceeded by 43 days: the last day was 24 October 2026.');
    expect(shown).toContain('What this means: The alleged offender must be released');
    expect(await exported(kase.id)).toContain(
      'Thai CPC s.87 (10 years or more): Exceeded by 43 days: the last day was 24 October 2026.',
    );
    expect(await pendingLimitReminders(kase.id)).toEqual([]);
  });

  it('a PSA detention gets the PSA maximum for its ground and no CrPC limit, whatever else is charged', async () => {
    const kase = await newCase('Srinagar detention order', { country: 'IN', timezone: 'Asia/Kolkata' });
    await event(kase.id, 'detention', '2026-02-01', { custodyBasis: 'administrative' });
    await charge(kase.id, { law: 'Jammu and Kashmir Public Safety Act 1978', section: '8(1)(a)(ii)' });
    await charge(kase.id, { law: 'Indian Penal Code 1860', section: '505', maximumPenalty: 'P3Y' });

    const states = await limits(kase.id);
    expect(states).toEqual([
      expect.objectContaining({ reference: 'J&K PSA s.18(1)(a)', state: 'running', dueOn: '2027-02-01' }),
    ]);
    expect(states.some((s) => s.reference.startsWith('CrPC'))).toBe(false);
    expect(await panel(kase.id)).toContain('Running: due on 1 February 2027 (57 days left).');
    const summary = await exported(kase.id);
    expect(summary).toContain('J&K PSA s.18(1)(a): Running: due on 1 February 2027 (57 days left).');
    expect(summary).not.toContain('CrPC');
    expect(await pendingLimitReminders(kase.id)).toEqual([
      'Statutory limit in 14 days: Devika Rao — J&K PSA s.18(1)(a), 1 Feb 2027',
      'Statutory limit in 3 days: Devika Rao — J&K PSA s.18(1)(a), 1 Feb 2027',
    ]);
  });

  it('an Indian CrPC case gets exactly one of the 60- and 90-day alternatives, chosen by the maximum penalty', async () => {
    const kase = await newCase('Bhopal sedition FIR', {
      country: 'IN',
      timezone: 'Asia/Kolkata',
      arrestedOn: '2026-11-01',
    });
    await order(kase.id, { kind: 'judicial', orderedOn: '2026-11-02', days: 14 });
    // No maximum penalty recorded: the rule cannot choose, and says so instead of showing both.
    const unknown = await charge(kase.id, { law: 'Indian Penal Code 1860', section: '124A' });
    expect(await limits(kase.id)).toEqual([]);
    expect(await panel(kase.id)).toContain('IN CrPC s.167(2) default bail</strong>: depends on the offence');

    await api()
      .patch(`/api/charges/${unknown.body.id}`)
      .set(caseworker())
      .send({ maximumPenalty: 'P3Y' })
      .expect(200);
    expect(await limits(kase.id)).toEqual([
      expect.objectContaining({ reference: 'CrPC s.167(2)(a)(ii)', state: 'running', dueOn: '2026-12-31' }),
    ]);
    expect(await pendingLimitReminders(kase.id)).toEqual([
      'Statutory limit in 14 days: Devika Rao — CrPC s.167(2)(a)(ii), 31 Dec 2026',
      'Statutory limit in 3 days: Devika Rao — CrPC s.167(2)(a)(ii), 31 Dec 2026',
    ]);

    // A charge punishable with life makes it the 90-day alternative, and only that one.
    await charge(kase.id, { law: 'Indian Penal Code 1860', section: '121', maximumPenalty: 'life' });
    expect(await limits(kase.id)).toEqual([
      expect.objectContaining({ reference: 'CrPC s.167(2)(a)(i)', state: 'running', dueOn: '2027-01-30' }),
    ]);
    expect(await pendingLimitReminders(kase.id)).toEqual([
      'Statutory limit in 14 days: Devika Rao — CrPC s.167(2)(a)(i), 30 Jan 2027',
      'Statutory limit in 3 days: Devika Rao — CrPC s.167(2)(a)(i), 30 Jan 2027',
    ]);
  });

  it('refuses a maximum penalty that is not a term, naming the field', async () => {
    const kase = await newCase('Refused penalty', { country: 'IN', timezone: 'Asia/Kolkata' });
    const refused = await api()
      .post(`/api/cases/${kase.id}/charges`)
      .set(caseworker())
      .send({ law: 'Indian Penal Code 1860', status: 'alleged', maximumPenalty: 'seven years' })
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('maximumPenalty');
  });
});

describe('statutory limits: the admins’ page', () => {
  let t: TestApp;
  let admin: WebAgent;
  let viewer: WebAgent;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-12-06T09:00:00Z' });
    admin = await signInToWeb(t, t.users.admin);
    viewer = await signInToWeb(t, t.users.viewer);
  });
  afterAll(() => t.close());

  const form = {
    country: 'KE',
    reference: 'Kenya CPC s.36A',
    law: 'Criminal Procedure Code (Cap. 75)',
    section: 's.36A',
    citation: 'An invented row for this test: charge within fourteen days, a court may allow fourteen more.',
    description: 'Held without charge at most 14 days, 28 if a court allows',
    bases: 'police, pre_trial',
    lawPattern: '',
    sectionPattern: '',
    startsOn: 'arrest',
    stoppedBy: 'charge_sheet, release',
    periods: '14 days\n14 days renewed by court',
    exceeding: 'Release on the court’s order',
    note: 'Invented for a test.',
    active: 'on',
  };

  it('lists the shipped table to every user, with the review warning, and lets only admins add and edit rows', async () => {
    const list = await viewer.agent.get('/settings/statutory-limits').expect(200);
    expect(list.text).toContain('have a lawyer of each country review its rows');
    expect(list.text).toContain('Egypt CCP art. 143 (death or life)');
    expect(list.text).not.toContain('Add a limit');
    await viewer.agent
      .post('/settings/statutory-limits')
      .type('form')
      .send({ _csrf: viewer.csrf, ...form })
      .expect(403);

    const refused = await admin.agent
      .post('/settings/statutory-limits')
      .type('form')
      .send({ _csrf: admin.csrf, ...form, periods: 'two weeks' })
      .expect(400);
    expect(refused.text).toMatch(
      /id="f-periods-error"[^>]*>.*we could not read “two weeks” as a period\. Write it like “90 days” or “4 months renewed by court”/s,
    );
    const badScope = await admin.agent
      .post('/settings/statutory-limits')
      .type('form')
      .send({ _csrf: admin.csrf, ...form, bases: 'prison', citation: '' })
      .expect(400);
    expect(badScope.text).toMatch(/id="f-bases-error"/);
    expect(badScope.text).toMatch(/id="f-citation-error"/);

    await admin.agent
      .post('/settings/statutory-limits')
      .type('form')
      .send({ _csrf: admin.csrf, ...form })
      .expect(303);
    const rows = (await t.http().get('/api/statutory-limits').set(bearer(t.users.viewer)).expect(200))
      .body as {
      id: string;
      reference: string;
      bases: string[];
      periods: unknown[];
    }[];
    const added = rows.find((row) => row.reference === 'Kenya CPC s.36A');
    expect(added).toMatchObject({
      bases: ['police', 'pre_trial'],
      periods: [
        { length: 14, unit: 'days', renewedByCourt: false },
        { length: 14, unit: 'days', renewedByCourt: true },
      ],
    });

    const edit = await admin.agent.get(`/settings/statutory-limits/${added?.id}`).expect(200);
    expect(edit.text).toContain('14 days renewed by court');
    await admin.agent
      .post(`/settings/statutory-limits/${added?.id}`)
      .type('form')
      .send({ _csrf: admin.csrf, ...form, periods: '21 days', bases: '' })
      .expect(303);
    const changed = (
      await t.http().get('/api/statutory-limits').set(bearer(t.users.viewer)).expect(200)
    ).body.find((row: { id: string }) => row.id === added?.id);
    expect(changed).toMatchObject({
      bases: [],
      periods: [{ length: 21, unit: 'days', renewedByCourt: false }],
    });
  });
});
