import fc from 'fast-check';
import { USER_ROLES } from '../users/user.entity';
import { accessTo, caseVisibleSql, knownReader, mayRead, TeamReader } from './access-policy';

const DESK = 'team-desk';
const LEGAL = 'team-legal';

describe('accessTo', () => {
  const caseworker = (...teamIds: string[]): TeamReader => ({ role: 'caseworker', teamIds });

  it('opens what no team restricts to every role, in a team or not', () => {
    for (const role of USER_ROLES) {
      expect(accessTo({ role, teamIds: [] }, [[], [], []])).toBe('open');
    }
  });

  it('shows a restricted case to a member of any of its teams and hides it from everyone else but admins', () => {
    expect(accessTo(caseworker(LEGAL), [[DESK, LEGAL]])).toBe('member');
    expect(accessTo(caseworker('team-other'), [[DESK, LEGAL]])).toBe('hidden');
    expect(accessTo({ role: 'viewer', teamIds: [] }, [[DESK]])).toBe('hidden');
    expect(accessTo({ role: 'admin', teamIds: [] }, [[DESK]])).toBe('admin');
  });

  it('hides a case whose defender or co-accused is restricted to teams the reader is not in', () => {
    // case open, defender open, co-accused restricted to the legal team
    expect(accessTo(caseworker(DESK), [[], [], [LEGAL]])).toBe('hidden');
    expect(accessTo(caseworker(LEGAL), [[], [], [LEGAL]])).toBe('member');
    // the case is the desk's, its defender the legal team's: a reader needs both
    expect(accessTo(caseworker(DESK), [[DESK], [LEGAL]])).toBe('hidden');
    expect(accessTo(caseworker(DESK, LEGAL), [[DESK], [LEGAL]])).toBe('member');
  });

  it('counts an admin read of anything restricted as an admin read, even in the team (it is audited)', () => {
    expect(accessTo({ role: 'admin', teamIds: [DESK] }, [[DESK]])).toBe('admin');
  });

  it('never hides from admins, and hides from others exactly when some restriction misses all their teams', () => {
    const team = fc.constantFrom('a', 'b', 'c', 'd');
    fc.assert(
      fc.property(
        fc.constantFrom(...USER_ROLES),
        fc.uniqueArray(team),
        fc.array(fc.uniqueArray(team), { maxLength: 4 }),
        (role, teamIds, restrictions) => {
          const access = accessTo({ role, teamIds }, restrictions);
          const missed = restrictions.some(
            (teams) => teams.length > 0 && !teams.some((t) => teamIds.includes(t)),
          );
          if (role === 'admin') {
            expect(mayRead(access)).toBe(true);
          } else {
            expect(mayRead(access)).toBe(!missed);
          }
          // Adding a team to the reader never hides anything it saw.
          expect(
            mayRead(accessTo({ role, teamIds: [...teamIds, 'e'] }, restrictions)) || !mayRead(access),
          ).toBe(true);
        },
      ),
    );
  });
});

describe('caseVisibleSql', () => {
  it('lets admins through without looking at teams, and asks the reader id parameter otherwise', () => {
    expect(caseVisibleSql('c', knownReader({ role: 'admin' }, '$1'))).toMatch(/^\('admin' = 'admin' OR/);
    const sql = caseVisibleSql('c', knownReader({ role: 'viewer' }, '$7'));
    expect(sql).toContain('acc_m.user_id = $7');
    expect(sql).toContain('"c".defender_id');
    expect(sql).toContain('case_participants');
  });

  it('refuses a role it does not know rather than pasting it into SQL', () => {
    expect(() => knownReader({ role: "admin' OR '1" as never }, '$1')).toThrow(/Unknown role/);
  });
});
