import './process-zone';
import 'reflect-metadata';
import { INestApplicationContext, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { CommonModule } from './common/common.module';
import { loadConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { dataSourceOptions } from './database/data-source-options';
import { DemoModule } from './demo/demo.module';
import { DemoSeeder } from './demo/seed-demo';
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
  migration:run                                      apply pending migrations
  user:create --email E --name N --role R            create a user (admin, caseworker, viewer);
              [--password P]                         the password may also come from VIGIL_USER_PASSWORD
  seed:demo                                          load the demo case (Khurram Parvez); a second load adds nothing
  user:reset-two-factor --email E                    remove the user's second factor and end their sessions
                                                     (audited); for an admin who lost phone and recovery codes`;

async function migrationRun(): Promise<void> {
  const dataSource = new DataSource(dataSourceOptions(loadConfig(process.env).databaseUrl));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    Logger.log(
      applied.length ? `Applied ${applied.map((m) => m.name).join(', ')}` : 'No pending migrations',
      'CLI',
    );
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
