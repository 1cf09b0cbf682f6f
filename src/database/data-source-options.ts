import { DataSourceOptions } from 'typeorm';
import { DataKeys } from '../crypto/data-keys';
import { SealedTypes } from '../crypto/sealed-connection';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** Without keys (only the tests' migration runner on an empty database) sealed values are read as stored. */
export const dataSourceOptions = (databaseUrl: string, keys?: DataKeys): DataSourceOptions => ({
  type: 'postgres',
  url: databaseUrl,
  entities: ENTITIES,
  migrations: MIGRATIONS,
  migrationsTableName: 'migrations',
  // The schema comes only from migrations.
  synchronize: false,
  migrationsRun: false,
  // JIT compilation pays off for analytical queries, not for Vigil's short ones: it added ~20 ms to
  // reading a whole large timeline (an export) once the planner's cost estimate crossed its threshold.
  // `types` opens sealed confidential fields as rows are read (crypto/sealed-connection.ts).
  extra: { max: 20, options: '-c jit=off', ...(keys ? { types: new SealedTypes(keys) } : {}) },
});
