import { DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

export const dataSourceOptions = (databaseUrl: string): DataSourceOptions => ({
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
  extra: { max: 20, options: '-c jit=off' },
});
