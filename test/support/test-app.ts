import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import { Logger as PinoLogger } from 'nestjs-pino';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import { Clock, SettableClock } from '../../src/common/clock';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { APP_CONFIG } from '../../src/config/config.module';
import { LOG_DESTINATION } from '../../src/logging/logging.module';
import { UserRole } from '../../src/users/user.entity';
import { UsersService } from '../../src/users/users.service';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestUser {
  id: string;
  email: string;
  role: UserRole;
  password: string;
  token: string;
}

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  clock: SettableClock;
  dataSource: DataSource;
  database: TestDatabase;
  http: () => ReturnType<typeof request>;
  /** One signed-in user per role, made fresh for this test file. */
  users: Record<UserRole, TestUser>;
  /** Makes another user and signs them in. */
  createUser(role: UserRole, email?: string): Promise<TestUser>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Where the injected clock starts; tests move it with clock.set / clock.advance. */
  now?: string;
  /** Extra environment, as the process would read it (SMTP_URL, ...). */
  env?: Record<string, string>;
  /**
   * Whom the app connects as: the owner that ran the migrations (the default), or the database's
   * own app role, as `docker compose up` runs it (then t.dataSource is that role's too).
   */
  databaseRole?: 'owner' | 'app';
  /** Where the app's log lines go instead of stdout (set LOG_LEVEL in env to see info lines). */
  logs?: Writable;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** The data key every test app (and the processes a test starts beside it) seals with: not the dev default. */
export const TEST_DATA_KEY = Buffer.from('vigil tests seal with this key!!').toString('base64');

/**
 * Boots the real AppModule against a fresh PostgreSQL database with migrations applied, the real
 * Redis (under a queue prefix of its own) and whatever SMTP server the test points it at.
 */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    // Inside `docker compose run --rm test` Redis is another container; on a workstation, loopback.
    REDIS_URL: process.env.REDIS_URL,
    DATABASE_URL: options.databaseRole === 'app' ? database.appUrl : database.url,
    DATABASE_OWNER_URL: database.url,
    QUEUE_PREFIX: `vigil-test-${randomBytes(4).toString('hex')}`,
    VIGIL_DATA_KEY: TEST_DATA_KEY,
    ...options.env,
  });
  const clock = new SettableClock(new Date(options.now ?? '2026-01-15T09:00:00Z'));
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(APP_CONFIG)
    .useValue(config)
    .overrideProvider(Clock)
    .useValue(clock)
    .overrideProvider(LOG_DESTINATION)
    .useValue(options.logs ?? process.stdout)
    .compile();
  const nest = moduleRef.createNestApplication({ logger: ['error', 'warn'], bufferLogs: !!options.logs });
  if (options.logs) {
    // As main.ts does: every Nest log line goes through pino, with the request's id.
    nest.useLogger(nest.get(PinoLogger));
  }
  const app = configureApp(nest);
  await app.init();
  const http = () => request(app.getHttpServer());

  const createUser = async (
    role: UserRole,
    email = `${role}-${randomBytes(3).toString('hex')}@example.org`,
  ) => {
    const user = await app
      .get(UsersService)
      .create(null, { email, name: `Test ${role}`, password: TEST_PASSWORD, role });
    const login = await http().post('/api/auth/login').send({ email, password: TEST_PASSWORD }).expect(200);
    return { id: user.id, email, role, password: TEST_PASSWORD, token: login.body.accessToken as string };
  };
  const users = {
    admin: await createUser('admin', 'admin@example.org'),
    caseworker: await createUser('caseworker', 'caseworker@example.org'),
    viewer: await createUser('viewer', 'viewer@example.org'),
  };

  return {
    app,
    config,
    clock,
    dataSource: app.get(DataSource),
    database,
    http,
    users,
    createUser,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}

/** `Authorization` header for a signed-in test user. */
export const bearer = (user: TestUser): Record<string, string> => ({ Authorization: `Bearer ${user.token}` });
