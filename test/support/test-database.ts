import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { grantAppRole } from '../../src/database/app-role';
import { dataSourceOptions } from '../../src/database/data-source-options';

// The server the tests create their databases on; each test file gets a database of its own.
const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** As the owner (the server's admin), as the migrations run. */
  url: string;
  /**
   * As a role of this database's own that owns nothing, granted what the app needs as `migration:run`
   * grants it (roles are cluster-wide, so each test database has its own); only once migrated.
   */
  appUrl: string;
  drop(): Promise<void>;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database, applies every migration (unless told not to) and returns its URL. */
export async function createTestDatabase({ migrate = true } = {}): Promise<TestDatabase> {
  const name = `vigil_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const appRole = { name: `${name}_app`, password: randomBytes(18).toString('base64url') };
  const appUrl = new URL(url);
  appUrl.username = appRole.name;
  appUrl.password = appRole.password;
  if (migrate) {
    const dataSource = new DataSource(dataSourceOptions(url.toString()));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      await grantAppRole(dataSource, appRole);
    } finally {
      await dataSource.destroy();
    }
  }
  return {
    url: url.toString(),
    appUrl: appUrl.toString(),
    drop: async () => {
      await admin(async (client) => {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await client.query(`DROP ROLE IF EXISTS ${appRole.name}`);
      });
    },
  };
}
