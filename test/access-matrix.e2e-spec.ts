import { apiRows } from './support/access/api-rows';
import { FreshRows, makeCaseSet, NO_RESTRICTION } from './support/access/fixture';
import { MatrixRow, ROLES, rowName } from './support/access/matrix';
import { pageRows } from './support/access/page-rows';
import { listMounts, listRoutes } from './support/access/route-list';
import { runScene, Scene, seatFor } from './support/access/runner';
import { teamRows } from './support/access/team-rows';
import { teamScenes, teamsExist } from './support/access/teams';
import { bearer, startTestApp, TestApp } from './support/test-app';
import { signInToWeb } from './support/web-session';

// Who may do what, for every route the running app serves (API, pages, feeds, exports, health,
// metrics, documentation, the queue dashboard): one row per route in support/access, and the
// status each caller must get, checked against the real app. A route the router serves without a
// row fails the first test by name, so no route is added without saying who may use it.

describe('access matrix: every route, every role', () => {
  let t: TestApp;
  let rows: MatrixRow[];

  beforeAll(async () => {
    t = await startTestApp({ env: { METRICS_TOKEN: 'the-scrapers-own-token-0123456789' } });
    // The teams feature's own rows join when the app serves its API (see support/access/teams.ts).
    const teams = teamsExist(listRoutes(t.app)) ? teamRows() : [];
    rows = [...apiRows(() => t.clock.now()), ...pageRows(), ...teams];
  });

  afterAll(async () => {
    await t.close();
  });

  it('has one row for each route and mount the app serves, and none for a route it does not serve', () => {
    const served = [...listRoutes(t.app), ...listMounts(t.app)];
    const declared = rows.map((row) => row.route);
    const names = rows.map(rowName);
    expect({
      servedWithoutARow: served.filter((route) => !declared.includes(route)),
      rowsForNoRoute: declared.filter((route) => !served.includes(route)),
      rowsTwice: names.filter((name, index) => names.indexOf(name) !== index),
    }).toEqual({ servedWithoutARow: [], rowsForNoRoute: [], rowsTwice: [] });
  });

  // Found by the matrix's digest rows: the refusal came after the retry had been written and queued.
  it("refuses a caseworker the retry of another user's weekly digest, and leaves it failed and unaudited", async () => {
    const fresh = new FreshRows(t, await makeCaseSet(t, NO_RESTRICTION), NO_RESTRICTION);
    const digest = await fresh.failedDigest(t.users.viewer.id);
    await t.http().post(`/api/reminders/${digest.id}/retry`).set(bearer(t.users.caseworker)).expect(404);
    const web = await signInToWeb(t, t.users.caseworker);
    await web.agent.post(`/reminders/${digest.id}/retry`).type('form').send({ _csrf: web.csrf }).expect(404);
    const [row] = await t.dataSource.query('SELECT status FROM reminders WHERE id = $1', [digest.id]);
    expect(row.status).toBe('failed');
    const audited = await t.dataSource.query(
      'SELECT count(*)::int AS n FROM audit_log WHERE entity_id = $1',
      [digest.id],
    );
    expect(audited[0].n).toBe(0);
  });

  it('gives anonymous visitors, viewers, caseworkers and admins the status their row says, on every route', async () => {
    const open: Scene = {
      label: 'open case',
      set: await makeCaseSet(t, NO_RESTRICTION),
      restriction: NO_RESTRICTION,
      peers: t.users,
      seats: await Promise.all(
        ROLES.map((role) => seatFor(t, { role }, role === 'anonymous' ? undefined : t.users[role])),
      ),
    };
    const problems = await runScene(t, rows, open);
    // Teams and restricted cases, once the app has them (see support/access/teams.ts): the rows
    // about a case again, as team members and outsiders; the other rows do not depend on teams.
    if (teamsExist(listRoutes(t.app))) {
      for (const scene of await teamScenes(t)) {
        problems.push(
          ...(await runScene(
            t,
            rows.filter((row) => row.about === 'case'),
            scene,
          )),
        );
      }
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
