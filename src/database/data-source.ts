import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { dataKeysFrom } from '../crypto/data-keys';
import { dataSourceOptions } from './data-source-options';

/** The DataSource the TypeORM CLI uses (`npm run migration:generate`), as the owner; the app builds its own. */
const config = loadConfig(process.env);
export default new DataSource(dataSourceOptions(config.databaseOwnerUrl, dataKeysFrom(config)));
