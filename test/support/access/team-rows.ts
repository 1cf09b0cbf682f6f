import { randomBytes } from 'node:crypto';
import { bearer } from '../test-app';
import { general, MatrixRow, onCase, RowContext } from './matrix';

// The teams API and pages (issue #15 item 1), admins' alone. The matrix adds these rows when the
// app serves the teams API (teamsExist), as it adds the team scenes. Statuses are for
// [anonymous, viewer, caseworker, admin].

const teamName = () => `Matrix team ${randomBytes(4).toString('hex')}`;

/** A new team, made by the test file's admin, for one request that changes or deletes it. */
async function newTeam(c: RowContext): Promise<string> {
  const created = await c.fresh
    .http()
    .post('/api/teams')
    .set(bearer(c.users.admin))
    .send({ name: teamName() })
    .expect(201);
  return created.body.id as string;
}

export const teamRows = (): MatrixRow[] => [
  general('GET /api/teams', [401, 403, 403, 200]),
  general('POST /api/teams', [401, 403, 403, 201], () => ({ body: { name: teamName() } })),
  general('GET /api/teams/:id', [401, 403, 403, 200], async (c) => ({ params: { id: await newTeam(c) } })),
  general('PATCH /api/teams/:id', [401, 403, 403, 200], async (c) => ({
    params: { id: await newTeam(c) },
    body: { name: teamName() },
  })),
  general('DELETE /api/teams/:id', [401, 403, 403, 204], async (c) => ({ params: { id: await newTeam(c) } })),
  general('PUT /api/teams/:id/members', [401, 403, 403, 200], async (c) => ({
    params: { id: await newTeam(c) },
    body: { userIds: [c.peers.viewer.id] },
  })),
  onCase('PUT /api/defenders/:id/restriction', [401, 403, 403, 200], async (c) => ({
    params: { id: (await c.fresh.defender()).id },
    body: { teamIds: [await newTeam(c)] },
  })),
  onCase('PUT /api/cases/:id/restriction', [401, 403, 403, 200], async (c) => ({
    params: { id: (await c.fresh.case()).id },
    body: { teamIds: [await newTeam(c)] },
  })),
  general('GET /settings/teams', [303, 403, 403, 200]),
  general('POST /settings/teams', [303, 403, 403, 303], () => ({ body: { name: teamName() } })),
  general('POST /settings/teams/:id', [303, 403, 403, 303], async (c) => ({
    params: { id: await newTeam(c) },
    body: { name: teamName() },
  })),
  general('POST /settings/teams/:id/members', [303, 403, 403, 303], async (c) => ({
    params: { id: await newTeam(c) },
    body: { userIds: c.peers.viewer.id },
  })),
  general('POST /settings/teams/:id/delete', [303, 403, 403, 303], async (c) => ({
    params: { id: await newTeam(c) },
  })),
  onCase('POST /settings/cases/:id/restriction', [303, 403, 403, 303], async (c) => ({
    params: { id: (await c.fresh.case()).id },
    body: { teamIds: await newTeam(c) },
  })),
  onCase('POST /defenders/:id/restriction', [303, 403, 403, 303], async (c) => ({
    params: { id: (await c.fresh.defender()).id },
    body: { teamIds: await newTeam(c) },
  })),
];
