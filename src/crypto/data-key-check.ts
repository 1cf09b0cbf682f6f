import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource, QueryFailedError } from 'typeorm';
import { ConfigError } from '../config/app-config';
import { DataKeyError, decodeDataKey } from './data-keys';
import { dataKeysOf } from './sealed-connection';

const WRONG_KEY =
  "VIGIL_DATA_KEY is not the key this database's contacts and confidential entries are sealed with";

/**
 * Before the api, the worker or a CLI command reads anything: every key the database's sealed
 * values need is known (configured, or retired into data_keys by a rotation and wrapped under a
 * configured one), or the process stops with a message that says which key is missing.
 */
export async function checkDataKeys(dataSource: DataSource): Promise<void> {
  const keys = dataKeysOf(dataSource);
  let registered: { id: string; wrapped: string | null }[];
  try {
    // `wrapped` is sealed under a configured key: the connection hands it back opened.
    registered = await dataSource.query('SELECT id, wrapped FROM data_keys ORDER BY registered_at');
  } catch (error) {
    if (error instanceof QueryFailedError && error.driverError instanceof DataKeyError) {
      throw new ConfigError([
        `${WRONG_KEY} (a rotation kept the old keys under one it does not have): ${error.driverError.message}`,
      ]);
    }
    throw error;
  }
  const missing: string[] = [];
  for (const { id, wrapped } of registered) {
    if (!keys.has(id) && !(wrapped && keys.add(decodeDataKey(wrapped)) === id)) {
      missing.push(id);
    }
  }
  if (missing.length > 0) {
    throw new ConfigError([
      `${WRONG_KEY} (the key given has id ${keys.currentId}; the database needs ${missing.join(', ')}). Set it to the ` +
        `key kept with this database (a database or backup is unreadable without it); during a rotation ` +
        `list the old key in VIGIL_DATA_KEY_PREVIOUS until data-key:rotate has finished.`,
    ]);
  }
  await dataSource.query('INSERT INTO data_keys (id) VALUES ($1) ON CONFLICT DO NOTHING', [keys.currentId]);
}

@Injectable()
export class DataKeyCheck implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): Promise<void> {
    return checkDataKeys(this.dataSource);
  }
}
