import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataSourceOptions } from './data-source-options';

/** The DataSource the TypeORM CLI uses (`npm run migration:generate`), as the owner; the app builds its own. */
export default new DataSource(dataSourceOptions(loadConfig(process.env).databaseOwnerUrl));
