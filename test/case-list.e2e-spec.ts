import { Case } from '../src/cases/case.entity';
import { refreshDetention } from '../src/cases/detention-store';
import { makeCase, makeDefender } from './factories/cases';
import { makeCustodyOrder, makeEvent, makeHearing } from './factories/entries';
import { bodyBytes, csvRows, rawBody, xlsxRows } from './support/chronology-readers';
import { bearer, startTestApp, TestApp, TestUser } from './support/test-app';
import { signInToWeb, WebAgent } from './support/web-session';

// The case list like a spreadsheet (issue #14 item 5): sorted in SQL by the custody clock's facts as
// the reader may see them, filtered, exported as shown, and the calendar of the cases one watches.
// Today is 24 March 2022 (09:30 in New Delhi).

describe('case list: sorting, filters, export and the calendar', () => {
  let t: TestApp;
  let caseworker: WebAgent;
  let viewer: WebAgent;
  /** Made in this order, each with its entries before the next. */
  let a: Case;
  let b: Case;
  let c: Case;
  let d: Case;

  const refreshed = async (found: Case) => {
    await t.dataSource.transaction((manager) => refreshDetention(manager, found.id));
    return found;
  };
  const watch = (user: TestUser, found: Case) =>
    t.dataSource.query(`INSERT INTO case_watchers (case_id, user_id) VALUES ($1, $2)`, [found.id, user.id]);
  const listIds = async (query: string, user: TestUser = t.users.caseworker): Promise<string[]> => {
    const answer = await t
      .http()
      .get(`/api/cases?${query.includes('limit=') ? '' : 'limit=200&'}${query}`)
      .set(bearer(user))
      .expect(200);
    return (answer.body.items as { id: string }[]).map(({ id }) => id);
  };
  const only = (ids: string[], among: Case[]) => ids.filter((id) => among.some((one) => one.id === id));

  beforeAll(async () => {
    t = await startTestApp({ now: '2022-03-24T04:00:00Z' });
    [caseworker, viewer] = await Promise.all([
      signInToWeb(t, t.users.caseworker),
      signInToWeb(t, t.users.viewer),
    ]);
    // A: 122 days in custody, the order in force ends 30 March, next hearing 5 April 10:30.
    a = await makeCase(t.dataSource, { title: 'Case A', arrestedOn: '2021-11-22' });
    await makeCustodyOrder(t.dataSource, a, { orderedOn: '2022-03-10', days: 20 });
    await makeHearing(t.dataSource, a, { scheduledLocal: '2022-04-05T10:30:00' });
    await refreshed(a);
    // B: 82 days, its order also ends 30 March, its hearing at the same instant as A's.
    b = await makeCase(t.dataSource, { title: 'Case B', arrestedOn: '2022-01-01' });
    await makeCustodyOrder(t.dataSource, b, { orderedOn: '2022-03-20', days: 10 });
    await makeHearing(t.dataSource, b, { scheduledLocal: '2022-04-05T10:30:00' });
    await refreshed(b);
    // C: released after 31 days, convicted at first instance; nothing ahead.
    c = await makeCase(t.dataSource, {
      title: 'Case C',
      arrestedOn: '2021-01-01',
      releasedOn: '2021-02-01',
      detentionStatus: 'released',
      status: 'convicted',
    });
    // D: in Belarus, never detained, a hearing on 28 March whose time is not known.
    d = await makeCase(t.dataSource, {
      title: 'Case D',
      country: 'BY',
      timezone: 'Europe/Minsk',
      arrestedOn: null,
      detentionStatus: 'not_detained',
    });
    await makeHearing(t.dataSource, d, { scheduledLocal: '2022-03-28T00:00:00', timeKnown: false });
    // The last change a viewer may see is on A; a later confidential note on B is not theirs to see.
    await makeEvent(t.dataSource, a, { type: 'other', occurredOn: '2022-03-23', description: 'Visit' });
    await makeEvent(t.dataSource, b, {
      type: 'other',
      occurredOn: '2022-03-23',
      description: 'Sealed note',
      visibility: 'confidential',
    });
    await watch(t.users.caseworker, a);
    await watch(t.users.caseworker, d);
  });
  afterAll(() => t.close());

  const all = () => [a, b, c, d];

  describe('sorting', () => {
    it('by next hearing, soonest first, ties newest first, cases with none last', async () => {
      expect(only(await listIds('sort=nextHearing'), all())).toEqual([d.id, b.id, a.id, c.id]);
      expect(only(await listIds('sort=nextHearing&order=desc'), all())).toEqual([b.id, a.id, d.id, c.id]);
    });

    it('by custody end: the order in force today, ties newest first, cases held by none last', async () => {
      expect(only(await listIds('sort=custodyEnd'), all())).toEqual([b.id, a.id, d.id, c.id]);
    });

    it('by days in custody, most first, counted to today', async () => {
      expect(only(await listIds('sort=daysInCustody'), all())).toEqual([a.id, b.id, c.id, d.id]);
      expect(only(await listIds('sort=daysInCustody&order=asc'), all())).toEqual([c.id, b.id, a.id, d.id]);
      t.clock.set('2022-06-01T04:00:00Z');
      try {
        // A and B are still held: 69 days later each; C's 31 do not grow.
        const answer = await t
          .http()
          .get('/api/cases?sort=daysInCustody&limit=200')
          .set(bearer(t.users.caseworker));
        const days = (answer.body.items as { id: string; custodyClock: { daysInCustody: number } }[])
          .filter((item) => all().some((one) => one.id === item.id))
          .map((item) => item.custodyClock.daysInCustody);
        expect(days).toEqual([191, 151, 31, null]);
      } finally {
        t.clock.set('2022-03-24T04:00:00Z');
      }
    });

    it('by last change: a viewer does not learn of a confidential entry', async () => {
      expect(only(await listIds('sort=lastChange'), all())[0]).toBe(b.id);
      expect(only(await listIds('sort=lastChange', t.users.viewer), all())).toEqual([a.id, d.id, c.id, b.id]);
    });

    it('by last change: an edit of the case itself counts for a viewer', async () => {
      await t
        .http()
        .patch(`/api/cases/${c.id}`)
        .set(bearer(t.users.caseworker))
        .send({ court: 'High Court of Delhi' })
        .expect(200);
      expect(only(await listIds('sort=lastChange', t.users.viewer), all())).toEqual([c.id, a.id, d.id, b.id]);
    });

    it('pages a sort with ties without skipping or repeating a case', async () => {
      const whole = await listIds('sort=custodyEnd');
      const paged: string[] = [];
      for (let offset = 0; offset < whole.length; offset += 1) {
        paged.push(...(await listIds(`sort=custodyEnd&limit=1&offset=${offset}`)));
      }
      expect(paged).toEqual(whole);
    });

    it('marks the sorted column with aria-sort and links to the reverse order', async () => {
      const page = await caseworker.agent.get('/cases?sort=nextHearing').expect(200);
      expect(page.text).toMatch(
        /<th scope="col" aria-sort="ascending"><a href="\/cases\?sort=nextHearing&amp;order=desc">Next hearing<\/a><\/th>/,
      );
      expect(page.text).toMatch(
        /<th scope="col" aria-sort="none"><a href="\/cases\?sort=daysInCustody&amp;order=desc">/,
      );
      const titles = [...page.text.matchAll(/<strong>(Case [A-D])<\/strong>/g)].map((match) => match[1]);
      expect(titles).toEqual(['Case D', 'Case B', 'Case A', 'Case C']);
    });
  });

  describe('filters', () => {
    it('by country, status, detention status and stage', async () => {
      expect(only(await listIds('country=BY'), all())).toEqual([d.id]);
      expect(only(await listIds('status=convicted'), all())).toEqual([c.id]);
      expect(only(await listIds('detentionStatus=released'), all())).toEqual([c.id]);
      expect(only(await listIds('stage=first_instance'), all())).toEqual([c.id]);
      expect(only(await listIds('stage=investigation&sort=daysInCustody'), all())).toEqual([
        a.id,
        b.id,
        d.id,
      ]);
    });

    it('by watcher: the cases I watch, or another user’s', async () => {
      expect(only(await listIds('watcher=me'), all())).toEqual([d.id, a.id]);
      expect(only(await listIds('watcher=me', t.users.viewer), all())).toEqual([]);
      expect(only(await listIds(`watcher=${t.users.caseworker.id}`, t.users.viewer), all())).toEqual([
        d.id,
        a.id,
      ]);
    });

    it('keeps the filters in the page links, so the list can be shared', async () => {
      const page = await caseworker.agent.get('/cases?country=IN&sort=daysInCustody').expect(200);
      expect(page.text).toContain('href="/cases/export?country=IN&amp;sort=daysInCustody&amp;format=csv"');
      expect(page.text).toMatch(/<option value="IN" selected>/);
      expect(page.text).not.toContain('<strong>Case D</strong>');
    });

    it('answers a bad sort or filter with a 400 page naming it, on the page and the API', async () => {
      const page = await caseworker.agent.get('/cases?sort=wisdom&stage=heaven').expect(400);
      expect(page.text).toContain('Sort by: choose one of those offered');
      expect(page.text).toContain('Stage: choose one of those offered');
      expect(page.text).not.toContain('<strong>Case A</strong>');
      const api = await t
        .http()
        .get('/api/cases?order=sideways&watcher=you')
        .set(bearer(t.users.caseworker))
        .expect(400);
      expect(JSON.stringify(api.body)).toContain('watcher must be \\"me\\" or a user id');
      await caseworker.agent.get('/cases?unknown=1').expect(400);
    });
  });

  describe('export', () => {
    it('writes the list as shown, in its order, as CSV and XLSX, and audits it', async () => {
      const listed = await listIds('sort=nextHearing&country=IN');
      const csv = await caseworker.agent
        .get('/cases/export?format=csv&sort=nextHearing&country=IN')
        .buffer(true)
        .parse(rawBody)
        .expect(200)
        .expect('Content-Type', /text\/csv/);
      const rows = csvRows(bodyBytes(csv));
      expect(rows.map((row) => row.id)).toEqual(listed);
      expect(rows.find((row) => row.id === a.id)).toMatchObject({
        title: 'Case A',
        next_hearing: '2022-04-05T10:30',
        timezone: 'Asia/Kolkata',
        custody_ends_on: '2022-03-30',
        days_in_custody: '122',
        detention_status: 'in_custody',
        stage: 'investigation',
      });
      const xlsx = await t
        .http()
        .get('/api/cases/export?format=xlsx&sort=nextHearing&country=IN')
        .set(bearer(t.users.caseworker))
        .buffer(true)
        .parse(rawBody)
        .expect(200);
      expect((await xlsxRows(bodyBytes(xlsx))).map((row) => row.id)).toEqual(listed);
      const audited = (await t.dataSource.query(
        `SELECT context FROM audit_log WHERE action = 'export' AND entity = 'case' AND actor_id = $1 ORDER BY id`,
        [t.users.caseworker.id],
      )) as { context: { format: string; cases: number } }[];
      expect(audited.map(({ context }) => [context.format, context.cases])).toEqual([
        ['csv', listed.length],
        ['xlsx', listed.length],
      ]);
    });

    it('leaves out a case restricted to a team a partner viewer is not in, as the list does', async () => {
      const admin = bearer(t.users.admin);
      const desk = await t.http().post('/api/teams').set(admin).send({ name: 'Desk' }).expect(201);
      const partners = await t.http().post('/api/teams').set(admin).send({ name: 'Partners' }).expect(201);
      const partner = await t.createUser('viewer');
      await t
        .http()
        .put(`/api/teams/${partners.body.id}/members`)
        .set(admin)
        .send({ userIds: [partner.id] })
        .expect(200);
      const secret = await makeCase(t.dataSource, {
        title: 'Restricted case',
        defenderId: (await makeDefender(t.dataSource)).id,
      });
      await t
        .http()
        .put(`/api/cases/${secret.id}/restriction`)
        .set(admin)
        .send({ teamIds: [desk.body.id] })
        .expect(200);
      const exported = async (user: TestUser) =>
        csvRows(
          bodyBytes(
            await t
              .http()
              .get('/api/cases/export?format=csv&sort=lastChange')
              .set(bearer(user))
              .buffer(true)
              .parse(rawBody)
              .expect(200),
          ),
        ).map((row) => row.id);
      expect(await exported(partner)).toEqual(await listIds('sort=lastChange', partner));
      expect(await exported(partner)).not.toContain(secret.id);
      expect(await exported(t.users.admin)).toContain(secret.id);
    });

    it('answers an unknown format, or paging, with a 400', async () => {
      const page = await caseworker.agent.get('/cases/export?format=pdf').expect(400);
      expect(page.text).toContain('format must be one of the following values: csv, xlsx');
      // The export is every page: a page of it is not asked for.
      await t
        .http()
        .get('/api/cases/export?format=csv&offset=25')
        .set(bearer(t.users.caseworker))
        .expect(400);
    });
  });

  describe('calendar', () => {
    it('shows a watched case’s hearing on its day in the court’s zone, and not an unwatched one’s', async () => {
      // 23:30 on 6 April in New York is already 7 April in UTC.
      const ny = await makeCase(t.dataSource, {
        title: 'Case NY',
        country: 'US',
        timezone: 'America/New_York',
      });
      await makeHearing(t.dataSource, ny, { scheduledLocal: '2022-04-06T23:30:00' });
      await watch(t.users.caseworker, ny);
      const unwatched = await makeCase(t.dataSource, { title: 'Case unwatched' });
      await makeHearing(t.dataSource, unwatched, { scheduledLocal: '2022-04-06T10:00:00' });
      const page = await caseworker.agent.get('/calendar?month=2022-04').expect(200);
      const cell = (day: string) =>
        page.text.match(new RegExp(`<td[^>]*data-day="${day}"[^>]*>(.*?)</td>`, 's'))?.[1];
      expect(cell('2022-04-06')).toContain('Case NY');
      expect(cell('2022-04-06')).toMatch(/23:30 EDT/);
      expect(cell('2022-04-07')).not.toContain('Case NY');
      expect(cell('2022-04-05')).toContain('Case A');
      expect(page.text).not.toContain('Case unwatched');
      expect(page.text).not.toContain('Case B');
      const agenda = await caseworker.agent.get('/calendar?month=2022-04&view=agenda').expect(200);
      expect(agenda.text).toMatch(/data-day="2022-04-06">\s*<h2>6 April 2022.*?Case NY/s);
    });

    it('opens on this month by the injected clock, with the custody end of a watched case', async () => {
      const page = await caseworker.agent.get('/calendar').expect(200);
      expect(page.text).toContain('Calendar: March 2022');
      expect(page.text).toMatch(/<td aria-current="date" data-day="2022-03-24">/);
      const cell = page.text.match(/<td[^>]*data-day="2022-03-30"[^>]*>(.*?)<\/td>/s)?.[1];
      expect(cell).toContain('Custody order ends');
      expect(cell).toContain('Case A');
      expect(page.text).toContain('href="/calendar?month=2022-04&amp;view=month"');
      await viewer.agent.get('/calendar').expect(200);
    });

    it('answers a bad month or view with a 400 page', async () => {
      const page = await caseworker.agent.get('/calendar?month=2022-13').expect(400);
      expect(page.text).toContain('month must be a month as YYYY-MM');
      await caseworker.agent.get('/calendar?view=year').expect(400);
    });
  });

  describe('dashboard window', () => {
    it('looks 14 days ahead unless the reader asks for 30 or 90, and refuses another', async () => {
      const later = await makeCase(t.dataSource, { title: 'Case in May' });
      await makeHearing(t.dataSource, later, { scheduledLocal: '2022-05-10T10:30:00' });
      const twoWeeks = await caseworker.agent.get('/').expect(200);
      expect(twoWeeks.text).toContain('Hearings in the next 14 days');
      expect(twoWeeks.text).not.toContain('Case in May');
      const ninety = await caseworker.agent.get('/?days=90').expect(200);
      expect(ninety.text).toContain('Hearings in the next 90 days');
      expect(ninety.text).toContain('Case in May');
      const bad = await caseworker.agent.get('/?days=7').expect(400);
      expect(bad.text).toContain('days must be one of 14, 30, 90');
    });
  });
});
