import { backupArgs, pgToolConnection, restoreArgs } from './pg-tools';

describe('pg_dump and pg_restore arguments', () => {
  it('keeps the password off the command line', () => {
    expect(pgToolConnection('postgres://vigil:s%40cret@db.example.org:5433/vigil?sslmode=require')).toEqual({
      dbname: 'postgres://vigil@db.example.org:5433/vigil?sslmode=require',
      env: { PGPASSWORD: 's@cret' },
    });
    expect(pgToolConnection('postgres://postgres@127.0.0.1:5432/vigil')).toEqual({
      dbname: 'postgres://postgres@127.0.0.1:5432/vigil',
      env: {},
    });
  });

  it('dumps in the custom format and restores all or nothing, owned by the restoring user', () => {
    expect(backupArgs('postgres://x/vigil', '/b/vigil.dump')).toEqual([
      '--format=custom',
      '--file',
      '/b/vigil.dump',
      '--dbname',
      'postgres://x/vigil',
    ]);
    expect(restoreArgs('postgres://x/fresh', '/b/vigil.dump')).toEqual([
      '--exit-on-error',
      '--single-transaction',
      '--no-owner',
      '--no-privileges',
      '--dbname',
      'postgres://x/fresh',
      '/b/vigil.dump',
    ]);
  });
});
