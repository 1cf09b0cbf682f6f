import request from 'supertest';
import { UserRole } from '../../../src/users/user.entity';
import { bearer, TestApp, TestUser } from '../test-app';
import { csrfFrom, signInToWeb, WebAgent } from '../web-session';
import { CaseSet, FreshRows, Restriction } from './fixture';
import { Caller, expectedStatus, MatrixRow, RequestSpec, Role, rowName } from './matrix';

// Sends each row's request as each caller and reports every status that differs from the rule,
// all at once (one failure lists every route that went wrong).

/** A caller's credentials: a bearer token for the API, a web session for the pages. */
export interface Seat {
  caller: Caller;
  user?: TestUser;
  web?: WebAgent;
}

/** Where a group of callers stands: the case set they ask about, and how its fresh rows are hidden. */
export interface Scene {
  label: string;
  set: CaseSet;
  restriction: Restriction;
  seats: Seat[];
  /** A viewer and a caseworker who may see the set, as "someone else" in rows about another user. */
  peers: Record<'viewer' | 'caseworker', TestUser>;
}

export async function seatFor(t: TestApp, caller: Caller, user?: TestUser): Promise<Seat> {
  return { caller, user, web: user ? await signInToWeb(t, user) : undefined };
}

/** A new user of the caller's role, signed in the one way the row needs (a sign-in costs a hash check). */
async function newSeat(t: TestApp, caller: Caller, via: MatrixRow['via'], fresh: FreshRows): Promise<Seat> {
  const user = await fresh.user(caller.role as UserRole);
  if (via === 'page') {
    return { caller, user, web: await signInToWeb(t, user) };
  }
  const login = await t
    .http()
    .post('/api/auth/login')
    .send({ email: user.email, password: user.password })
    .expect(200);
  return { caller, user: { ...user, token: login.body.accessToken as string } };
}

const anonymousSeat = (caller: Caller): Seat => ({ caller });

/** The URL of a row's request: the route with its parameters filled in, or the spec's own path. */
export function urlOf(row: MatrixRow, spec: RequestSpec): string {
  const path =
    spec.path ??
    row.route.split(' ')[1].replace(/:(\w+)/g, (_match, name: string) => {
      const value = spec.params?.[name];
      if (value === undefined) {
        throw new Error(`${row.route}: the row's build gives no value for :${name}`);
      }
      return encodeURIComponent(value);
    });
  return spec.query ? `${path}?${spec.query}` : path;
}

const methodOf = (row: MatrixRow): 'get' | 'post' | 'put' | 'patch' | 'delete' => {
  const method = row.route.split(' ')[0].toLowerCase();
  return (method === 'use' ? 'get' : method) as 'get' | 'post' | 'put' | 'patch' | 'delete';
};

interface Answer {
  status: number;
  text: string;
}

async function send(t: TestApp, row: MatrixRow, seat: Seat, spec: RequestSpec): Promise<Answer> {
  const url = urlOf(row, spec);
  const method = methodOf(row);
  if (row.via === 'api') {
    const call = t.http()[method](url);
    if (seat.user) {
      void call.set(bearer(seat.user));
    }
    const answer = spec.file
      ? await call.attach(spec.file.field, spec.file.content, spec.file.name)
      : spec.body
        ? await call.send(spec.body)
        : await call;
    return { status: answer.status, text: answer.text };
  }
  // Pages: the seat's own cookies; a visitor who is not signed in gets cookies of their own.
  const agent = seat.web?.agent ?? request.agent(t.app.getHttpServer());
  if (method === 'get') {
    const answer = await agent.get(url);
    return { status: answer.status, text: answer.text };
  }
  let csrf = seat.web?.csrf;
  if (spec.csrfFrom) {
    const page = await agent.get(spec.csrfFrom);
    csrf = page.status === 200 ? csrfFrom(page.text) : csrf;
  }
  const fields: Record<string, unknown> = { ...(csrf ? { _csrf: csrf } : {}), ...spec.body };
  const answer = spec.file
    ? await Object.entries(fields)
        .reduce((call, [name, value]) => call.field(name, String(value)), agent[method](url))
        .attach(spec.file.field, spec.file.content, spec.file.name)
    : await agent[method](url).type('form').send(fields);
  return { status: answer.status, text: answer.text };
}

const describeCaller = ({ role, team }: Caller): string =>
  team
    ? `${role} (${team.member ? 'in' : 'outside'} the teams of a ${team.restricted ? 'restricted' : 'open'} case)`
    : role;

/** Every row as every seat of the scene; answers one line per status that differs from the rule. */
export async function runScene(t: TestApp, rows: MatrixRow[], scene: Scene): Promise<string[]> {
  const fresh = new FreshRows(t, scene.set, scene.restriction);
  const problems: string[] = [];
  for (const row of rows) {
    for (const base of scene.seats) {
      const role: Role = base.caller.role;
      const seat =
        row.ownUser && role !== 'anonymous'
          ? await newSeat(t, base.caller, row.via, fresh)
          : base.user
            ? base
            : anonymousSeat(base.caller);
      const spec = await row.build({
        role,
        actor: seat.user,
        users: t.users,
        peers: scene.peers,
        set: scene.set,
        fresh,
      });
      const expected = expectedStatus(row, seat.caller);
      const answer = await send(t, row, seat, spec);
      if (answer.status !== expected) {
        problems.push(
          `${scene.label}: ${rowName(row)} as ${describeCaller(seat.caller)}: expected ${expected}, got ${answer.status}` +
            ` ${answer.text.replace(/\s+/g, ' ').slice(0, 160)}`,
        );
      }
    }
  }
  return problems;
}
