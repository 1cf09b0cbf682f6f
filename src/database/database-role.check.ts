import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import { appRoleProblem, roleStanding } from './app-role';

/**
 * In production the api and the worker say so at start-up when they connect as a superuser or as
 * the owner of the tables: then the audit log's protection is only its trigger, which that role can
 * switch off. (On a developer's machine one role for everything is the default, and migration:run says so.)
 */
@Injectable()
export class DatabaseRoleCheck implements OnApplicationBootstrap {
  private readonly logger = new Logger('Database');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.nodeEnv !== 'production') {
      return;
    }
    const [{ name }]: Array<{ name: string }> = await this.dataSource.query('SELECT current_user AS name');
    const problem = appRoleProblem(name, await roleStanding(this.dataSource));
    if (problem) {
      this.logger.warn(problem);
    }
  }
}
