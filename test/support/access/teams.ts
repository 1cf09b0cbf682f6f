import { randomBytes } from 'node:crypto';
import { bearer, TestApp } from '../test-app';
import { makeCaseSet, NO_RESTRICTION, Restriction } from './fixture';
import { Caller } from './matrix';
import { RouteKey } from './route-list';
import { Scene, seatFor } from './runner';

// The team dimension (issue #15 item 1): in-team / outside the teams × restricted / open case.
// It switches itself on when the app serves the teams API (TEAMS_ROUTE): then the matrix adds the
// teams feature's own rows (team-rows.ts) and runs every row about a case again, against a case
// set restricted to a team and an open one, as members and as outsiders; `expectedStatus` says
// what each gets. Until then these scenes are not built: their API does not exist. The calls below
// are the teams API as agreed: POST /api/teams {name}, PUT /api/teams/:id/members {userIds},
// PUT /api/defenders/:id/restriction and PUT /api/cases/:id/restriction {teamIds}.

export const TEAMS_ROUTE: RouteKey = 'POST /api/teams';

export const teamsExist = (routes: RouteKey[]): boolean => routes.includes(TEAMS_ROUTE);

async function put(t: TestApp, path: string, body: object): Promise<void> {
  const answer = await t.http().put(path).set(bearer(t.users.admin)).send(body);
  if (answer.status >= 300) {
    throw new Error(`PUT ${path} answered ${answer.status}: ${answer.text}`);
  }
}

/** Restricts every defender and case made through it to `teamIds`, as an admin does. */
export const teamRestriction = (t: TestApp, teamIds: string[]): Restriction => ({
  restrictDefender: (id) => put(t, `/api/defenders/${id}/restriction`, { teamIds }),
  restrictCase: (id) => put(t, `/api/cases/${id}/restriction`, { teamIds }),
});

/**
 * A team with a viewer and a caseworker in it; a case set restricted to it and an open one. The
 * test file's own viewer and caseworker are in no team (outsiders), nor is its admin.
 */
export async function teamScenes(t: TestApp): Promise<Scene[]> {
  const team = await t
    .http()
    .post('/api/teams')
    .set(bearer(t.users.admin))
    .send({ name: `Matrix desk ${randomBytes(3).toString('hex')}` })
    .expect(201);
  const members = { viewer: await t.createUser('viewer'), caseworker: await t.createUser('caseworker') };
  await put(t, `/api/teams/${team.body.id as string}/members`, {
    userIds: [members.viewer.id, members.caseworker.id],
  });
  const restriction = teamRestriction(t, [team.body.id as string]);

  const seats = async (restricted: boolean) => {
    const at = (role: Caller['role'], member: boolean): Caller => ({ role, team: { restricted, member } });
    return [
      await seatFor(t, at('anonymous', false)),
      await seatFor(t, at('viewer', true), members.viewer),
      await seatFor(t, at('caseworker', true), members.caseworker),
      await seatFor(t, at('viewer', false), t.users.viewer),
      await seatFor(t, at('caseworker', false), t.users.caseworker),
      await seatFor(t, at('admin', false), t.users.admin),
    ];
  };
  return [
    {
      label: 'restricted case',
      set: await makeCaseSet(t, restriction),
      restriction,
      peers: members,
      seats: await seats(true),
    },
    {
      label: 'open case',
      set: await makeCaseSet(t, NO_RESTRICTION),
      restriction: NO_RESTRICTION,
      peers: members,
      seats: await seats(false),
    },
  ];
}
