import { Caller, expectedStatus, MatrixRow, ROLES } from './matrix';

// The matrix's rule, on its own: what a row says per role, and what a team restriction adds.

const row = (expect: MatrixRow['expect'], about: MatrixRow['about'] = 'case') => ({ expect, about });
const restricted = (role: Caller['role'], member: boolean): Caller => ({
  role,
  team: { restricted: true, member },
});

describe('expectedStatus', () => {
  it("gives each role its row's status when there are no teams", () => {
    const statuses = [401, 403, 201, 201] as const;
    expect(ROLES.map((role) => expectedStatus(row(statuses), { role }))).toEqual([401, 403, 201, 201]);
  });

  it('hides a restricted case from a signed-in outsider wherever the row would let them in', () => {
    const read = row([401, 200, 200, 200]);
    expect(expectedStatus(read, restricted('viewer', false))).toBe(404);
    expect(expectedStatus(read, restricted('caseworker', false))).toBe(404);
    expect(expectedStatus(row([303, 403, 303, 303]), restricted('caseworker', false))).toBe(404);
  });

  it('keeps a refusal by role, and what anonymous visitors get, as the row says', () => {
    const write = row([401, 403, 201, 201]);
    expect(expectedStatus(write, restricted('viewer', false))).toBe(403);
    expect(expectedStatus(write, restricted('anonymous', false))).toBe(401);
    expect(expectedStatus(row([401, 404, 200, 200]), restricted('viewer', false))).toBe(404);
  });

  it("turns a refusal made after the lookup, and the row's own answer for an unknown case, into what an outsider gets", () => {
    const refusedByTheService = { ...row([401, 403, 200, 200]), refusal: 'after lookup' as const };
    expect(expectedStatus(refusedByTheService, restricted('viewer', false))).toBe(404);
    expect(expectedStatus(refusedByTheService, { role: 'viewer' })).toBe(403);
    const namedInTheBody = { ...row([401, 403, 201, 201]), unknown: 400 };
    expect(expectedStatus(namedInTheBody, restricted('caseworker', false))).toBe(400);
    expect(expectedStatus(namedInTheBody, restricted('viewer', false))).toBe(403);
  });

  it('lets members and admins in as the row says, and leaves open cases and general rows alone', () => {
    const read = row([401, 200, 200, 200]);
    expect(expectedStatus(read, restricted('viewer', true))).toBe(200);
    expect(expectedStatus(read, restricted('admin', false))).toBe(200);
    expect(expectedStatus(read, { role: 'viewer', team: { restricted: false, member: false } })).toBe(200);
    expect(expectedStatus(row([401, 200, 200, 200], 'global'), restricted('viewer', false))).toBe(200);
  });
});
