import './process-zone';
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { Logger as PinoLogger } from 'nestjs-pino';
import { ConfigError, loadConfig } from './config/app-config';

// One image, two roles: `node dist/src/main api` serves HTTP, `node dist/src/main worker` sends email.
async function bootstrap(role: string): Promise<void> {
  const config = loadConfig(process.env);
  // Each role requires only its own modules (hence require, not import): the api never loads the
  // mailer or the reminder processor, the worker never loads the controllers, pages or OpenAPI.
  if (role === 'worker') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
    const { WorkerModule } = require('./worker.module') as typeof import('./worker.module');
    const worker = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
    worker.useLogger(worker.get(PinoLogger));
    // SIGTERM closes the BullMQ worker first, which waits for the email in flight.
    worker.enableShutdownHooks(['SIGTERM', 'SIGINT']);
    Logger.log('Worker started: sending due reminders', 'Vigil');
    return;
  }
  if (role !== 'api') {
    throw new Error(`Unknown role "${role}": use "api" or "worker"`);
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const { AppModule } = require('./app.module') as typeof import('./app.module');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- see above
  const { configureApp } = require('./app.setup') as typeof import('./app.setup');
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true });
  app.useLogger(app.get(PinoLogger));
  configureApp(app);
  await app.listen(config.port);
  Logger.log(`API listening on port ${config.port}; OpenAPI at ${config.publicUrl}/docs`, 'Vigil');
}

bootstrap(process.argv[2] ?? 'api').catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    Logger.error(error instanceof Error ? error.stack : error, 'Vigil');
  }
  process.exit(1);
});
