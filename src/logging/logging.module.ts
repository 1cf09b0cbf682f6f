import { Global, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { loggerParams } from './logger-options';

/** Where log lines go: stdout, or whatever a test puts in its place to read them. */
export const LOG_DESTINATION = Symbol('LOG_DESTINATION');

@Global()
@Module({
  providers: [{ provide: LOG_DESTINATION, useValue: process.stdout }],
  exports: [LOG_DESTINATION],
})
class LogDestinationModule {}

/** Structured logs for the api (with one line per request) and the worker; see logger-options.ts. */
export const LoggingModule = LoggerModule.forRootAsync({
  imports: [LogDestinationModule],
  inject: [APP_CONFIG, LOG_DESTINATION],
  useFactory: (config: AppConfig, destination: DestinationStream) => loggerParams(config, destination),
});
