import { makeDefender } from './factories/cases';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { signInToWeb, WebAgent } from './support/web-session';

// Worked example: two journalists charged together in Cairo over one article. The court convicts
// Youssef alone (his own judgment, with a deadline to appeal); Leila, the case's defender, is still
// awaiting hers. Every page and export must tell each of them their own status. Later, in another
// case of the two, a judgment concerning both convicts them both. "Today" is 2 March 2026.

interface Participant {
  defender: { id: string };
  main: boolean;
  status: string;
  stage: string;
  verdict: string | null;
}
interface CaseRead {
  id: string;
  status: string;
  participants: Participant[];
}

describe('a co-accused’s own judgment', () => {
  let t: TestApp;
  let web: WebAgent;
  let leila: string;
  let youssef: string;
  let article: string;
  let judgment: string;

  const caseworker = () => bearer(t.users.caseworker);
  const api = () => t.http();
  const event = (caseId: string, fields: object) =>
    api()
      .post(`/api/cases/${caseId}/events`)
      .set(caseworker())
      .send({ precision: 'day', visibility: 'public', sources: [], ...fields });
  const openCase = async (title: string) =>
    (
      await api()
        .post('/api/cases')
        .set(caseworker())
        .send({
          defenderId: leila,
          coAccusedIds: [youssef],
          title,
          country: 'EG',
          timezone: 'Africa/Cairo',
          status: 'charged',
        })
        .expect(201)
    ).body.id as string;
  const statusOf = (found: CaseRead, defenderId: string) =>
    found.participants.find((one) => one.defender.id === defenderId)?.status;
  const storedStatuses = async (caseId: string) =>
    Object.fromEntries(
      (
        (await t.dataSource.query(
          `SELECT defender_id AS id, status::text, viewer_status::text AS viewer
             FROM case_participants WHERE case_id = $1`,
          [caseId],
        )) as { id: string; status: string; viewer: string }[]
      ).map((row) => [row.id, [row.status, row.viewer]]),
    );
  const caseRow = async (caseId: string) =>
    (
      (await t.dataSource.query(
        'SELECT status::text, viewer_status::text AS viewer FROM cases WHERE id = $1',
        [caseId],
      )) as { status: string; viewer: string }[]
    )[0];
  const listItem = (page: string, title: string) =>
    page.slice(page.indexOf(title), page.indexOf('</li>', page.indexOf(title)));
  const exportOf = async (defenderId: string) =>
    (
      await api()
        .get(`/api/defenders/${defenderId}/chronology?format=json&visibility=all`)
        .set(caseworker())
        .buffer(true)
        .parse((response, done) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => done(null, Buffer.concat(chunks).toString('utf8')));
        })
        .expect(200)
    ).body as string;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-03-02T09:00:00Z' });
    web = await signInToWeb(t, t.users.caseworker);
    leila = (await makeDefender(t.dataSource, { fullName: 'Leila Mansour', country: 'EG' })).id;
    youssef = (await makeDefender(t.dataSource, { fullName: 'Youssef Amin', country: 'EG' })).id;
    article = await openCase('Syndicate article case');
    judgment = (
      await event(article, {
        type: 'conviction',
        occurredOn: '2026-02-20',
        description: 'Youssef convicted; Leila’s trial goes on',
        participantId: youssef,
        appealDeadline: '2026-03-10',
      }).expect(201)
    ).body.id;
  });
  afterAll(() => t.close());

  it('convicts only the one the judgment names; the case keeps its defender’s status', async () => {
    const found = (await api().get(`/api/cases/${article}`).set(caseworker()).expect(200)).body as CaseRead;
    expect(statusOf(found, youssef)).toBe('convicted');
    expect(statusOf(found, leila)).toBe('charged');
    expect(found.participants.find((one) => one.defender.id === youssef)?.verdict).toBe('convicted');
    expect(found.status).toBe('charged');
    expect(await caseRow(article)).toEqual({ status: 'charged', viewer: 'charged' });
    expect(await storedStatuses(article)).toEqual({
      [leila]: ['charged', 'charged'],
      [youssef]: ['convicted', 'convicted'],
    });
  });

  it('gives each defender’s cases in the API their own status', async () => {
    const casesOf = async (defenderId: string) =>
      (await api().get(`/api/defenders/${defenderId}/cases`).set(caseworker()).expect(200)).body
        .items as CaseRead[];
    const [hers] = (await casesOf(leila)).filter((found) => found.id === article);
    const [his] = (await casesOf(youssef)).filter((found) => found.id === article);
    expect(statusOf(hers, leila)).toBe('charged');
    expect(statusOf(his, youssef)).toBe('convicted');
  });

  it('shows each defender their own status on their page', async () => {
    const hers = listItem(
      (await web.agent.get(`/defenders/${leila}`).expect(200)).text,
      'Syndicate article case',
    );
    expect(hers).toContain('Charged');
    expect(hers).not.toContain('Convicted');
    const his = listItem(
      (await web.agent.get(`/defenders/${youssef}`).expect(200)).text,
      'Syndicate article case',
    );
    expect(his).toContain('Convicted · First instance');
    expect(his).not.toContain('Charged');
  });

  it('names each person’s own status beside their name on the case page', async () => {
    const page = (await web.agent.get(`/cases/${article}`).expect(200)).text;
    const people = page.slice(
      page.indexOf('id="people"'),
      page.indexOf('</section>', page.indexOf('id="people"')),
    );
    const line = (defenderId: string) =>
      people.slice(
        people.indexOf(`data-participant="${defenderId}"`),
        people.indexOf('</li>', people.indexOf(`data-participant="${defenderId}"`)),
      );
    expect(line(youssef)).toContain('<span class="participant-status">Convicted</span>');
    expect(line(leila)).toContain('<span class="participant-status">Charged</span>');
    expect(page).toContain(
      'Charged <span class="small">(Leila Mansour’s; each person’s own is beside their name)</span>',
    );
    // The stage line and the stages are the case's defender's story: named as hers.
    expect(page).toMatch(/<p id="stage-line">Leila Mansour: [^<]*<\/p>/);
  });

  it('lists and filters the case by its defender’s status', async () => {
    const ids = async (query: string) =>
      ((await api().get(`/api/cases?${query}`).set(caseworker()).expect(200)).body.items as CaseRead[]).map(
        (found) => found.id,
      );
    expect(await ids('status=charged')).toContain(article);
    expect(await ids('status=convicted')).not.toContain(article);
    const list = (await web.agent.get('/cases?status=charged').expect(200)).text;
    const row = list.slice(
      list.indexOf('Syndicate article case'),
      list.indexOf('</tr>', list.indexOf('Syndicate article case')),
    );
    expect(row).toContain('Charged');
    expect(row).not.toContain('Convicted');
  });

  it('states each one’s own judgment in their chronology export', async () => {
    const stageOf = async (defenderId: string) =>
      (
        JSON.parse(await exportOf(defenderId)) as { cases: { id: string; stage: string | null }[] }
      ).cases.find((found) => found.id === article)?.stage;
    expect(await stageOf(youssef)).toBe('First instance: convicted on 20 February 2026');
    expect(await stageOf(leila)).toBe('Charged; awaiting trial');
  });

  it('reminds of the appeal deadline as his alone', async () => {
    const keys = (
      (await t.dataSource.query(
        `SELECT dedupe_key AS key FROM reminders WHERE case_id = $1 AND kind = 'appeal_deadline' AND status = 'pending'`,
        [article],
      )) as { key: string }[]
    ).map((row) => row.key);
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((key) => key.includes(judgment) && key.endsWith(`@p:${youssef}`))).toBe(true);
  });

  it('keeps a confidential judgment from viewers, person by person', async () => {
    const quiet = await openCase('Closed-door case');
    await event(quiet, {
      type: 'conviction',
      occurredOn: '2026-02-25',
      description: 'Convicted behind closed doors',
      participantId: youssef,
      visibility: 'confidential',
    }).expect(201);
    const asViewer = (await api().get(`/api/cases/${quiet}`).set(bearer(t.users.viewer)).expect(200))
      .body as CaseRead;
    expect(statusOf(asViewer, youssef)).toBe('charged');
    expect(await storedStatuses(quiet)).toEqual({
      [leila]: ['charged', 'charged'],
      [youssef]: ['convicted', 'charged'],
    });
  });

  it('applies a judgment concerning everyone to both, and to the case', async () => {
    const joint = await openCase('Joint statement case');
    await event(joint, {
      type: 'conviction',
      occurredOn: '2026-02-26',
      description: 'Both convicted',
    }).expect(201);
    const found = (await api().get(`/api/cases/${joint}`).set(caseworker()).expect(200)).body as CaseRead;
    expect([found.status, statusOf(found, leila), statusOf(found, youssef)]).toEqual([
      'convicted',
      'convicted',
      'convicted',
    ]);
    const page = (await web.agent.get(`/cases/${joint}`).expect(200)).text;
    // The same for everyone: nothing to tell apart.
    expect(page).not.toContain('participant-status');
  });

  it('refolds the case when its co-accused becomes its defender', async () => {
    await api()
      .patch(`/api/cases/${article}`)
      .set(caseworker())
      .send({ defenderId: youssef, coAccusedIds: [leila] })
      .expect(200);
    expect(await caseRow(article)).toEqual({ status: 'convicted', viewer: 'convicted' });
    const found = (await api().get(`/api/cases/${article}`).set(caseworker()).expect(200)).body as CaseRead;
    expect([found.status, statusOf(found, leila), statusOf(found, youssef)]).toEqual([
      'convicted',
      'charged',
      'convicted',
    ]);
  });
});
