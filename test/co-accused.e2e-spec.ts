import { makeDefender } from './factories/cases';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { signInToWeb, WebAgent } from './support/web-session';

// Worked example: two activists arrested together at a sit-in in Cairo, with seven others never
// named. Salma stays in pre-trial detention on her own renewal order; Karim is bailed. A hearing
// concerns them both. Later his bail turns out to belong to his other case, and is moved there.
// "Today" is 2 March 2026.

interface Participant {
  defender: { id: string; fullName: string };
  main: boolean;
  detentionStatus: string;
  custodyClock: { daysInCustody: number | null; currentOrder: { id: string } | null };
}

describe('co-accused with a detention of their own', () => {
  let t: TestApp;
  let web: WebAgent;
  let salma: string;
  let karim: string;
  let stranger: string;
  let sitIn: string;
  let borderCase: string;
  let renewal: string;
  let bail: string;
  let hearing: string;

  const caseworker = () => bearer(t.users.caseworker);
  const api = () => t.http();
  const event = (caseId: string, fields: object) =>
    api()
      .post(`/api/cases/${caseId}/events`)
      .set(caseworker())
      .send({ precision: 'day', visibility: 'public', sources: [], ...fields });
  const read = async (caseId: string) =>
    (await api().get(`/api/cases/${caseId}`).set(caseworker()).expect(200)).body as {
      participants: Participant[];
      custodyClock: { daysInCustody: number | null };
      coAccusedIds: string[];
      unnamedCoAccused: number;
      detentionStatus: string;
    };
  const person = (participants: Participant[], id: string) =>
    participants.find((one) => one.defender.id === id) as Participant;
  const stored = async (caseId: string) =>
    Object.fromEntries(
      (
        (await t.dataSource.query(
          'SELECT defender_id AS id, detention_status::text AS status FROM case_participants WHERE case_id = $1',
          [caseId],
        )) as { id: string; status: string }[]
      ).map((row) => [row.id, row.status]),
    );
  const exportOf = async (defenderId: string, format = 'json') =>
    api()
      .get(`/api/defenders/${defenderId}/chronology?format=${format}&visibility=all`)
      .set(caseworker())
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200)
      .then((response) => response.body as string);

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00Z' });
    web = await signInToWeb(t, t.users.caseworker);
    salma = (await makeDefender(t.dataSource, { fullName: 'Salma Haddad', country: 'EG' })).id;
    karim = (await makeDefender(t.dataSource, { fullName: 'Karim Naguib', country: 'EG' })).id;
    stranger = (await makeDefender(t.dataSource, { fullName: 'Someone Unrelated', country: 'EG' })).id;
    const created = await api()
      .post('/api/cases')
      .set(caseworker())
      .send({
        defenderId: salma,
        coAccusedIds: [karim],
        unnamedCoAccused: 7,
        title: 'Tahrir sit-in case',
        caseNumber: '1021/2026',
        country: 'EG',
        timezone: 'Africa/Cairo',
        status: 'charged',
      })
      .expect(201);
    sitIn = created.body.id;
    // Arrested together: one entry for everyone in the case.
    await event(sitIn, {
      type: 'arrest',
      occurredOn: '2026-01-10',
      description: 'Both taken from the sit-in',
    }).expect(201);
    renewal = (
      await api()
        .post(`/api/cases/${sitIn}/custody-orders`)
        .set(caseworker())
        .send({ kind: 'pre_trial', orderedOn: '2026-02-20', days: 30, participantId: salma })
        .expect(201)
    ).body.id;
    bail = (
      await event(sitIn, {
        type: 'bail_granted',
        occurredOn: '2026-02-15',
        description: 'Karim released on bail of 5,000 pounds',
        participantId: karim,
      }).expect(201)
    ).body.id;
    hearing = (
      await api()
        .post(`/api/cases/${sitIn}/hearings`)
        .set(caseworker())
        .send({ scheduledAt: '2026-03-20T10:00', court: 'Cairo Criminal Court' })
        .expect(201)
    ).body.id;
    borderCase = (
      await api()
        .post('/api/cases')
        .set(caseworker())
        .send({
          defenderId: karim,
          title: 'Border crossing case',
          country: 'EG',
          timezone: 'Africa/Cairo',
          status: 'under_investigation',
          arrestedOn: '2026-02-01',
        })
        .expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  it('gives each co-accused their own status and clock; the case keeps the defender’s', async () => {
    const found = await read(sitIn);
    expect(found.coAccusedIds).toEqual([karim]);
    expect(found.unnamedCoAccused).toBe(7);
    expect(found.participants.map((one) => [one.defender.fullName, one.main])).toEqual([
      ['Salma Haddad', true],
      ['Karim Naguib', false],
    ]);
    const her = person(found.participants, salma);
    const him = person(found.participants, karim);
    expect(her).toMatchObject({ detentionStatus: 'in_custody', custodyClock: { daysInCustody: 51 } });
    expect(her.custodyClock.currentOrder?.id).toBe(renewal);
    // Ten January to fifteen February: 36 days, then free on bail; her order is not his.
    expect(him).toMatchObject({ detentionStatus: 'on_bail', custodyClock: { daysInCustody: 36 } });
    expect(him.custodyClock.currentOrder).toBeNull();
    expect(found).toMatchObject({ detentionStatus: 'in_custody', custodyClock: { daysInCustody: 51 } });
    expect(await stored(sitIn)).toEqual({ [salma]: 'in_custody', [karim]: 'on_bail' });
  });

  const pending = async (caseId: string) =>
    (await t.dataSource.query(
      `SELECT kind::text, dedupe_key AS key, title FROM reminders WHERE case_id = $1 AND status = 'pending'`,
      [caseId],
    )) as { kind: string; key: string; title: string }[];

  it('plans each person’s custody reminders from their own story, naming them', async () => {
    const rows = await pending(sitIn);
    const ending = rows.filter((row) => row.kind === 'custody_ending');
    expect(ending.length).toBeGreaterThan(0);
    expect(ending.every((row) => row.title.includes('Salma Haddad'))).toBe(true);
    const milestones = rows.filter((row) => row.kind === 'detention_milestone');
    expect(milestones.length).toBeGreaterThan(0);
    expect(milestones.every((row) => row.title.includes('Salma Haddad'))).toBe(true);
    // Karim is out on bail: nothing of his custody is pending; the hearing is reminded once, for all.
    expect(rows.filter((row) => row.key.endsWith(`@p:${karim}`))).toEqual([]);
    const hearingKeys = rows.filter((row) => row.kind === 'hearing_upcoming').map((row) => row.key);
    expect(hearingKeys.length).toBe(new Set(hearingKeys).size);
    expect(hearingKeys.length).toBeGreaterThan(0);
  });

  it('refuses an entry for someone who is not in the case, naming the field', async () => {
    const refused = await event(sitIn, {
      type: 'release',
      occurredOn: '2026-02-20',
      description: 'Not theirs',
      participantId: stranger,
    }).expect(400);
    expect(refused.body.details).toEqual([
      { field: 'participantId', problem: `is not a participant of this case (${stranger})` },
    ]);
  });

  it('shows each defender their own story on their page, naming the others', async () => {
    const hers = (await web.agent.get(`/defenders/${salma}`).expect(200)).text;
    expect(hers).toContain('In custody 51 days');
    expect(hers).toContain('Detained with Karim Naguib and seven others');
    const his = (await web.agent.get(`/defenders/${karim}`).expect(200)).text;
    const sitInItem = his.slice(
      his.indexOf('Tahrir sit-in case'),
      his.indexOf('</li>', his.indexOf('Tahrir sit-in case')),
    );
    expect(sitInItem).toContain('On bail');
    expect(sitInItem).not.toContain('In custody');
    expect(sitInItem).toContain('Detained with Salma Haddad and seven others');

    const page = (await web.agent.get(`/cases/${sitIn}`).expect(200)).text;
    expect(page).toContain('Detained with Karim Naguib and seven others.');
    const people = page.slice(
      page.indexOf('id="people"'),
      page.indexOf('</section>', page.indexOf('id="people"')),
    );
    expect(people).toMatch(
      new RegExp(`data-participant="${karim}">[\\s\\S]*On bail[\\s\\S]*36 days in custody`),
    );
    expect(people).toMatch(new RegExp(`data-participant="${salma}">[\\s\\S]*51 days in custody`));
    expect(people).toContain('And 7 more, not named.');
  });

  it('exports each defender’s own chronology, with the shared hearing in both', async () => {
    const hers = JSON.parse(await exportOf(salma)) as {
      cases: { detention: string }[];
      entries: { id: string; caseLabel: string }[];
    };
    expect(hers.cases[0].detention).toBe(
      'In pre-trial detention since 10 January 2026 (51 days); detained with Karim Naguib and seven others',
    );
    const herIds = hers.entries.map((entry) => entry.id);
    expect(herIds).toEqual(expect.arrayContaining([renewal, hearing]));
    expect(herIds).not.toContain(bail);

    const his = JSON.parse(await exportOf(karim)) as typeof hers;
    const hisIds = his.entries.map((entry) => entry.id);
    expect(hisIds).toEqual(expect.arrayContaining([bail, hearing]));
    expect(hisIds).not.toContain(renewal);
    // The case's own chronology tells everyone's entries, a co-accused's under their name.
    const whole = await api()
      .get(`/api/cases/${sitIn}/chronology?format=md&visibility=all`)
      .set(caseworker())
      .buffer(true)
      .parse((response, done) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
      })
      .expect(200);
    expect(whole.body).toContain('15 February 2026 (Karim Naguib): Karim released on bail');
    const sitInSummary = his.cases.find((one) => one.detention.includes('Salma'));
    expect(sitInSummary?.detention).toMatch(
      /^On bail since 15 February 2026; detained with Salma Haddad and seven others$/,
    );
  });

  it('labels every entry of a defender’s combined chronology with its case', async () => {
    const markdown = await exportOf(karim, 'md');
    expect(markdown).toContain('15 February 2026 (Tahrir sit-in case (1021/2026)): Karim released on bail');
    expect(markdown).toMatch(/1 February 2026 \(Border crossing case\): /);
    const csv = await exportOf(karim, 'csv');
    expect(csv).toMatch(/Karim released on bail of 5,000 pounds",Tahrir sit-in case \(1021\/2026\)/);
    const json = JSON.parse(await exportOf(karim)) as { entries: { id: string; caseLabel: string }[] };
    expect(json.entries.find((entry) => entry.id === hearing)?.caseLabel).toBe(
      'Tahrir sit-in case (1021/2026)',
    );
    const timeline = JSON.parse(await exportOf(karim, 'timelinejs')) as { events: { group: string }[] };
    expect(new Set(timeline.events.map((one) => one.group))).toEqual(
      new Set(['Tahrir sit-in case (1021/2026)', 'Border crossing case']),
    );
  });

  it('shows each defender’s own story on their chronology page, the shared hearing in both', async () => {
    const hers = (await web.agent.get(`/defenders/${salma}/chronology`).expect(200)).text;
    const his = (await web.agent.get(`/defenders/${karim}/chronology`).expect(200)).text;
    expect(his).toContain('Karim released on bail of 5,000 pounds');
    expect(hers).not.toContain('Karim released on bail');
    for (const page of [hers, his]) {
      expect(page).toContain('Cairo Criminal Court');
      expect(page).toContain('Both taken from the sit-in');
    }
  });

  it('keeps a co-accused with entries of their own in the case until those are moved', async () => {
    const refused = await api()
      .delete(`/api/cases/${sitIn}/participants/${karim}`)
      .set(caseworker())
      .expect(400);
    expect(refused.body.details[0]).toMatchObject({ field: 'coAccusedIds' });
    const added = await api()
      .post(`/api/cases/${sitIn}/participants`)
      .set(caseworker())
      .send({ defenderId: stranger })
      .expect(201);
    expect(added.body.coAccusedIds).toEqual(expect.arrayContaining([karim, stranger]));
    const removed = await api()
      .delete(`/api/cases/${sitIn}/participants/${stranger}`)
      .set(caseworker())
      .expect(200);
    expect(removed.body.coAccusedIds).toEqual([karim]);
  });

  it('moves an entry to another case of the same defender, recomputing both, audited', async () => {
    const elsewhere = (
      await api()
        .post('/api/cases')
        .set(caseworker())
        .send({
          defenderId: stranger,
          title: 'Not his',
          country: 'EG',
          timezone: 'Africa/Cairo',
          status: 'charged',
        })
        .expect(201)
    ).body.id;
    const wrong = await api()
      .post(`/api/entries/event/${bail}/move`)
      .set(caseworker())
      .send({ toCaseId: elsewhere })
      .expect(400);
    expect(wrong.body.details[0]).toMatchObject({ field: 'toCaseId' });
    await api()
      .post(`/api/entries/event/${bail}/move`)
      .set(bearer(t.users.viewer))
      .send({ toCaseId: borderCase })
      .expect(403);

    expect((await read(borderCase)).detentionStatus).toBe('in_custody');
    await api()
      .post(`/api/entries/event/${bail}/move`)
      .set(caseworker())
      .send({ toCaseId: borderCase })
      .expect(200);

    // Without the bail, Karim is held again in the sit-in case; his border case now ends in bail.
    const sitInNow = await read(sitIn);
    expect(person(sitInNow.participants, karim)).toMatchObject({
      detentionStatus: 'in_custody',
      custodyClock: { daysInCustody: 51 },
    });
    expect(await stored(sitIn)).toEqual({ [salma]: 'in_custody', [karim]: 'in_custody' });
    const border = await read(borderCase);
    expect(border).toMatchObject({ detentionStatus: 'on_bail', custodyClock: { daysInCustody: 14 } });
    expect(await stored(borderCase)).toEqual({ [karim]: 'on_bail' });

    // Held again in the sit-in case, his own milestones are planned there, under his name.
    const his = (await pending(sitIn)).filter((row) => row.key.endsWith(`@p:${karim}`));
    expect(his.map((row) => row.kind)).toContain('detention_milestone');
    expect(his.every((row) => row.title.includes('Karim Naguib'))).toBe(true);
    // The case's reminder page, which writes titles in its reader's language, names him in his own.
    const reminderPage = (await web.agent.get(`/settings/cases/${sitIn}`).expect(200)).text;
    for (const row of his) {
      expect(reminderPage).toContain(row.title);
    }

    const [audit] = await t.dataSource.query(
      `SELECT action::text, before, after, context FROM audit_log
        WHERE entity = 'event' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
      [bail],
    );
    expect(audit).toMatchObject({
      action: 'update',
      before: { caseId: sitIn, participantId: karim },
      after: { caseId: borderCase },
      context: { moved: { fromCaseId: sitIn, toCaseId: borderCase } },
    });
  });

  it('moves it back from the entry’s page, where whom it concerns can be chosen', async () => {
    const form = (await web.agent.get(`/events/${bail}/edit`).expect(200)).text;
    expect(form).toContain(`action="/entries/event/${bail}/move"`);
    expect(form).toContain(`<option value="${sitIn}">Tahrir sit-in case (1021/2026)</option>`);
    await web.agent
      .post(`/entries/event/${bail}/move`)
      .type('form')
      .send({ _csrf: web.csrf, toCaseId: sitIn })
      .expect(303)
      .expect('Location', `/cases/${sitIn}?notice=entry-moved`);
    expect(person((await read(sitIn)).participants, karim).detentionStatus).toBe('on_bail');
    expect((await read(borderCase)).detentionStatus).toBe('in_custody');
    // In a case of several people, its form asks whom an entry concerns, his bail his own.
    const again = (await web.agent.get(`/events/${bail}/edit`).expect(200)).text;
    expect(again).toMatch(new RegExp(`<option value="${karim}" selected>Karim Naguib</option>`));
    expect(again).toContain('<option value="">Everyone in the case</option>');
  });

  it('moves a hearing with its local time, re-reading its instant in the new case’s zone', async () => {
    const lisbon = (
      await api()
        .post('/api/cases')
        .set(caseworker())
        .send({
          defenderId: salma,
          title: 'Extradition request',
          country: 'PT',
          timezone: 'Europe/Lisbon',
          status: 'charged',
        })
        .expect(201)
    ).body.id;
    await api()
      .post(`/api/entries/hearing/${hearing}/move`)
      .set(caseworker())
      .send({ toCaseId: lisbon })
      .expect(200);
    const moved = (await api().get(`/api/hearings/${hearing}`).set(caseworker()).expect(200)).body;
    expect(moved).toMatchObject({ caseId: lisbon, scheduledLocal: '2026-03-20T10:00:00' });
    expect(new Date(moved.scheduledAt).toISOString()).toBe('2026-03-20T10:00:00.000Z');
    const reminders = (await t.dataSource.query(
      `SELECT case_id AS "caseId" FROM reminders WHERE subject_id = $1 AND status = 'pending'`,
      [hearing],
    )) as { caseId: string }[];
    expect(reminders.length).toBeGreaterThan(0);
    expect(new Set(reminders.map((row) => row.caseId))).toEqual(new Set([lisbon]));
  });

  it('folds a viewer’s view of each co-accused without the entries they may not read', async () => {
    const quiet = (
      await api()
        .post('/api/cases')
        .set(caseworker())
        .send({
          defenderId: salma,
          coAccusedIds: [karim],
          title: 'Leaflets case',
          country: 'EG',
          timezone: 'Africa/Cairo',
          status: 'charged',
        })
        .expect(201)
    ).body.id;
    await event(quiet, {
      type: 'arrest',
      occurredOn: '2025-12-01',
      description: 'Taken at the print shop',
    }).expect(201);
    await event(quiet, {
      type: 'release',
      occurredOn: '2026-01-05',
      description: 'Released quietly',
      participantId: karim,
      visibility: 'confidential',
    }).expect(201);
    const asViewer = (await api().get(`/api/cases/${quiet}`).set(bearer(t.users.viewer)).expect(200)).body;
    expect(person(asViewer.participants, karim).detentionStatus).toBe('in_custody');
    expect(person((await read(quiet)).participants, karim).detentionStatus).toBe('released');
    const [row] = await t.dataSource.query(
      `SELECT detention_status::text AS status, viewer_detention_status::text AS viewer
         FROM case_participants WHERE case_id = $1 AND defender_id = $2`,
      [quiet, karim],
    );
    expect(row).toEqual({ status: 'released', viewer: 'in_custody' });
  });

  it('names the stage and the others in the case page’s summary and the exports’ summary', async () => {
    const hoda = (await makeDefender(t.dataSource, { fullName: 'Hoda Adel', country: 'EG' })).id;
    const omar = (await makeDefender(t.dataSource, { fullName: 'Omar Samir', country: 'EG' })).id;
    const appealed = (
      await api()
        .post('/api/cases')
        .set(caseworker())
        .send({
          defenderId: hoda,
          coAccusedIds: [omar],
          unnamedCoAccused: 2,
          title: 'Union strike case',
          country: 'EG',
          timezone: 'Africa/Cairo',
          status: 'under_investigation',
        })
        .expect(201)
    ).body.id;
    await event(appealed, {
      type: 'arrest',
      occurredOn: '2026-01-05',
      description: 'Taken at the depot',
    }).expect(201);
    await event(appealed, {
      type: 'conviction',
      occurredOn: '2026-02-01',
      description: 'Both convicted',
    }).expect(201);
    await event(appealed, {
      type: 'appeal_filed',
      occurredOn: '2026-02-10',
      description: 'The defence appeals',
      court: 'Cairo Court of Appeal',
    }).expect(201);

    const page = await web.agent.get(`/cases/${appealed}`).expect(200);
    expect(page.text).toContain('On appeal at the Cairo Court of Appeal since 10 February 2026.');
    expect(page.text).toContain('Detained with Omar Samir and two others.');

    const hers = JSON.parse(await exportOf(hoda)) as { cases: { stage: string | null; detention: string }[] };
    expect(hers.cases[0].stage).toBe('On appeal at the Cairo Court of Appeal since 10 February 2026');
    expect(hers.cases[0].detention).toMatch(/; detained with Omar Samir and two others$/);
    const markdown = await exportOf(omar, 'md');
    expect(markdown).toContain('On appeal at the Cairo Court of Appeal since 10 February 2026');
    expect(markdown).toContain('detained with Hoda Adel and two others');
  });

  it('refolds both cases’ status when a judgment recorded in the wrong case is moved', async () => {
    const nabil = (await makeDefender(t.dataSource, { fullName: 'Nabil Fares', country: 'EG' })).id;
    const open = async (title: string) =>
      (
        await api()
          .post('/api/cases')
          .set(caseworker())
          .send({ defenderId: nabil, title, country: 'EG', timezone: 'Africa/Cairo', status: 'charged' })
          .expect(201)
      ).body.id as string;
    const [tweets, protest] = [await open('Tweets case'), await open('Protest case')];
    const conviction = (
      await event(tweets, { type: 'conviction', occurredOn: '2026-02-01', description: 'Convicted' }).expect(
        201,
      )
    ).body.id;
    const statuses = async () =>
      Object.fromEntries(
        (
          (await t.dataSource.query('SELECT id, status::text FROM cases WHERE id = ANY($1::uuid[])', [
            [tweets, protest],
          ])) as { id: string; status: string }[]
        ).map((row) => [row.id, row.status]),
      );
    expect(await statuses()).toEqual({ [tweets]: 'convicted', [protest]: 'charged' });
    await api()
      .post(`/api/entries/event/${conviction}/move`)
      .set(caseworker())
      .send({ toCaseId: protest })
      .expect(200);
    expect(await statuses()).toEqual({ [tweets]: 'charged', [protest]: 'convicted' });
    expect((await api().get(`/api/cases/${protest}`).set(caseworker()).expect(200)).body.status).toBe(
      'convicted',
    );
  });
});
