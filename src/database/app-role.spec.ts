import { appRoleGrants, appRoleOf } from './app-role';

describe('the app role', () => {
  it('is the role of DATABASE_URL when the owner is another one', () => {
    expect(appRoleOf('postgres://vigil_app:s%40cret@db/vigil', 'postgres://vigil:x@db/vigil')).toEqual({
      name: 'vigil_app',
      password: 's@cret',
    });
    expect(appRoleOf('postgres://vigil_app@db/vigil', 'postgres://vigil@db/vigil')).toEqual({
      name: 'vigil_app',
      password: undefined,
    });
    expect(appRoleOf('postgres://postgres@db/vigil', 'postgres://postgres@db/vigil')).toBeUndefined();
    expect(appRoleOf('postgres:///vigil', 'postgres://postgres@db/vigil')).toBeUndefined();
  });

  it('may only read and append to the audit log, read views, use sequences, read the search statistics, and not see the migrations', () => {
    const grants = appRoleGrants('vigil "app"', [
      { name: 'audit_log', kind: 'r' },
      { name: 'cases', kind: 'r' },
      { name: 'migrations', kind: 'r' },
      { name: 'migrations_id_seq', kind: 'S' },
      { name: 'timeline', kind: 'v' },
    ]);
    expect(grants).toEqual([
      'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "vigil ""app"""',
      'REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM "vigil ""app"""',
      'GRANT USAGE ON SCHEMA public TO "vigil ""app"""',
      'GRANT EXECUTE ON FUNCTION public.vigil_common_search_words(real) TO "vigil ""app"""',
      'GRANT SELECT, INSERT ON TABLE public."audit_log" TO "vigil ""app"""',
      'GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE public."cases" TO "vigil ""app"""',
      'GRANT USAGE, SELECT ON SEQUENCE public."migrations_id_seq" TO "vigil ""app"""',
      'GRANT SELECT ON TABLE public."timeline" TO "vigil ""app"""',
    ]);
  });
});
