import './process-zone';
import 'reflect-metadata';
import { INestApplicationContext, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { access, chmod, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { Clock } from './common/clock';
import { CommonModule } from './common/common.module';
import { loadConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { dataKeysFrom } from './crypto/data-keys';
import { rotateDataKeys } from './crypto/data-key-rotation';
import { DatabaseModule } from './database/database.module';
import { appRoleOf, grantAppRole } from './database/app-role';
import { dataSourceOptions } from './database/data-source-options';
import { backupArgs, pgToolConnection, restoreArgs, runPgTool } from './database/pg-tools';
import { DemoModule } from './demo/demo.module';
import { DemoSeeder } from './demo/seed-demo';
import { readWorkerStatus } from './health/worker-heartbeat';
import { RemindersModule } from './reminders/reminders.module';
import { TwoFactorService } from './two-factor/two-factor.service';
import { USER_ROLES, UserRole } from './users/user.entity';
import { UsersModule } from './users/users.module';
import { UsersService } from './users/users.service';

@Module({
  imports: [
    ConfigModule,
    CommonModule,
    DatabaseModule,
    AuditModule,
    UsersModule,
    // RemindersModule's queue dashboard asks for AuthService (and stays idle without an HTTP server).
    AuthModule,
    RemindersModule,
    DemoModule,
  ],
})
class CliModule {}

const USAGE = `Usage: npm run cli -- <command>
  migration:run                                      apply pending migrations as DATABASE_OWNER_URL,
                                                     then grant DATABASE_URL's role what the app needs
  user:create --email E --name N --role R            create a user (admin, caseworker, viewer);
              [--password P]                         the password may also come from VIGIL_USER_PASSWORD
  seed:demo                                          load the demo case (Khurram Parvez); a second load adds nothing
  backup --file F                                    write the whole database to F (pg_dump, custom format),
                                                     readable by you alone
  restore --file F                                   load a backup into the empty database at DATABASE_URL
  worker:health                                      exit 0 if a worker on this host wrote a heartbeat in the
                                                     last two minutes, 1 otherwise (the compose health check)
  user:reset-two-factor --email E                    remove the user's second factor and end their sessions
                                                     (audited); for an admin who lost phone and recovery codes
  data-key:rotate                                    seal every contact and confidential entry again under
                                                     VIGIL_DATA_KEY, in batches; the key(s) in
                                                     VIGIL_DATA_KEY_PREVIOUS are no longer needed afterwards`;

/** Applies the migrations as the owner (DATABASE_OWNER_URL), then grants the app's role (DATABASE_URL) what it needs. */
async function migrationRun(): Promise<void> {
  const config = loadConfig(process.env);
  // With the data keys: a migration may seal what an older version stored in clear.
  const dataSource = new DataSource(dataSourceOptions(config.databaseOwnerUrl, dataKeysFrom(config)));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    Logger.log(
      applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations',
      'CLI',
    );
    const appRole = appRoleOf(config.databaseUrl, config.databaseOwnerUrl);
    if (appRole) {
      await grantAppRole(dataSource, appRole);
      Logger.log(
        `The app connects as ${appRole.name}: it may append to the audit log, never rewrite it`,
        'CLI',
      );
    } else {
      Logger.warn(
        'DATABASE_URL connects as the owner of the tables (set DATABASE_OWNER_URL; see the README)',
        'CLI',
      );
    }
  } finally {
    await dataSource.destroy();
  }
}

async function userCreate(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
    },
  });
  const password = values.password ?? process.env.VIGIL_USER_PASSWORD;
  if (!values.email || !values.name || !values.role || !password) {
    throw new Error(`--email, --name, --role and a password are required\n${USAGE}`);
  }
  if (!USER_ROLES.includes(values.role as UserRole)) {
    throw new Error(`--role must be one of ${USER_ROLES.join(', ')}`);
  }
  await withApp(async (app) => {
    const user = await app.get(UsersService).create(null, {
      email: values.email!,
      name: values.name!,
      role: values.role as UserRole,
      password,
    });
    Logger.log(`Created ${user.role} ${user.email} (${user.id})`, 'CLI');
  });
}

function fileArgument(args: string[]): string {
  const { values } = parseArgs({ args, options: { file: { type: 'string' } } });
  if (!values.file) {
    throw new Error(`--file is required\n${USAGE}`);
  }
  return resolve(values.file);
}

async function backup(args: string[]): Promise<void> {
  const file = fileArgument(args);
  const { dbname, env } = pgToolConnection(loadConfig(process.env).databaseUrl);
  // Written beside the target and renamed when complete: a failed dump never replaces a good file.
  const partial = `${file}.partial`;
  await writeFile(partial, '', { mode: 0o600 });
  try {
    await runPgTool('pg_dump', backupArgs(dbname, partial), env);
    // The backup holds every confidential entry: readable by whoever made it, no one else.
    await chmod(partial, 0o600);
    await rename(partial, file);
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  }
  Logger.log(`Backed up the database to ${file}`, 'CLI');
}

async function restore(args: string[]): Promise<void> {
  const file = fileArgument(args);
  await access(file);
  const { databaseUrl } = loadConfig(process.env);
  const dataSource = new DataSource(dataSourceOptions(databaseUrl));
  await dataSource.initialize();
  try {
    const [{ tables }] = (await dataSource.query(
      `SELECT count(*)::int AS tables FROM information_schema.tables WHERE table_schema = 'public'`,
    )) as { tables: number }[];
    if (tables > 0) {
      throw new Error(
        'The database at DATABASE_URL is not empty: restore into a new one (createdb vigil_restored), then point DATABASE_URL at it',
      );
    }
  } finally {
    await dataSource.destroy();
  }
  const { dbname, env } = pgToolConnection(databaseUrl);
  await runPgTool('pg_restore', restoreArgs(dbname, file), env);
  Logger.log(`Restored ${file}; start the api and the worker on this database`, 'CLI');
}

async function workerHealth(): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(loadConfig(process.env).databaseUrl));
  await dataSource.initialize();
  try {
    const worker = await readWorkerStatus(dataSource, new Clock().now(), hostname());
    if (worker.status !== 'ok') {
      const seen = worker.lastSeenAt ? `last seen ${worker.lastSeenAt.toISOString()}` : 'never seen';
      throw new Error(`No worker on ${hostname()} in the last two minutes (${seen})`);
    }
    process.stdout.write(`Worker on ${hostname()} seen at ${worker.lastSeenAt!.toISOString()}\n`);
  } finally {
    await dataSource.destroy();
  }
}

async function userResetTwoFactor(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
  if (!values.email) {
    throw new Error(`--email is required\n${USAGE}`);
  }
  await withApp(async (app) => {
    await app.get(TwoFactorService).resetByEmail(values.email!);
    Logger.log(`Reset the second factor of ${values.email}`, 'CLI');
  });
}

const seedDemo = (): Promise<void> => withApp((app) => app.get(DemoSeeder).seed());

const dataKeyRotate = (): Promise<void> =>
  withApp(async (app) => {
    const { resealed, retired, dropped } = await rotateDataKeys(app.get(DataSource));
    const rows = Object.entries(resealed).map(([table, count]) => `${table} ${count}`);
    process.stdout.write(
      `Sealed again under the current key: ${rows.join(', ')} rows.\n` +
        (retired.length
          ? `Kept for the audit log, wrapped under the current key: ${retired.join(', ')}.\n`
          : '') +
        (dropped.length ? `No longer used: ${dropped.join(', ')}.\n` : '') +
        'The previous key is no longer needed: remove VIGIL_DATA_KEY_PREVIOUS and restart the api and the worker.\n',
    );
  });

/** Boots the CLI's Nest context without its start-up chatter, runs the work, and closes it. */
async function withApp(work: (app: INestApplicationContext) => Promise<unknown>): Promise<void> {
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  Logger.overrideLogger(['log', 'error', 'warn']);
  try {
    await work(app);
  } finally {
    await app.close();
  }
}

const COMMANDS: Record<string, (args: string[]) => Promise<void>> = {
  'migration:run': migrationRun,
  'user:create': userCreate,
  'user:reset-two-factor': userResetTwoFactor,
  'seed:demo': seedDemo,
  'data-key:rotate': dataKeyRotate,
  backup,
  restore,
  'worker:health': workerHealth,
};

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  const run = command ? COMMANDS[command] : undefined;
  if (!run) {
    throw new Error(USAGE);
  }
  await run(args);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
