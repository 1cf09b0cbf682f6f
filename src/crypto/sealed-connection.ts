import { types } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import { DataKeys } from './data-keys';

// Every row the app reads passes through node-postgres's type parsers. Vigil's connection opens
// sealed values there, once, whatever the query (repositories, query builders, the raw SQL of
// exports, reminders, pages and feeds): a reader who may see a row gets its plaintext, and no page,
// export or email can show ciphertext. Who may see a row is still decided by the queries
// (readers.ts); this only undoes the encryption at rest.

const TEXT = 25;
const VARCHAR = 1043;
const TEXT_ARRAY = 1009;
const VARCHAR_ARRAY = 1015;
const JSON_OID = 114;
const JSONB = 3802;

/** The node-postgres `types` of a connection that opens what `keys` sealed. */
export class SealedTypes {
  constructor(readonly keys: DataKeys) {}

  getTypeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
    const base = types.getTypeParser(oid, format ?? 'text') as (value: string) => unknown;
    if (format === 'binary') {
      return base;
    }
    switch (oid) {
      case TEXT:
      case VARCHAR:
        return (value) => this.keys.openText(value);
      case TEXT_ARRAY:
      case VARCHAR_ARRAY:
      case JSON_OID:
      case JSONB:
        return (value) => this.keys.openDeep(base(value));
      default:
        return base;
    }
  }
}

type Queryable = DataSource | EntityManager;

/** The keys of the connection a manager or data source uses (set by dataSourceOptions). */
export function dataKeysOf(queryable: Queryable): DataKeys {
  const keys = connectionKeys(queryable);
  if (!keys) {
    throw new Error('This database connection was opened without data keys (dataSourceOptions(url, keys))');
  }
  return keys;
}

/** The connection's keys, or undefined for one opened without (the tests' migration runner). */
export function connectionKeys(queryable: Queryable): DataKeys | undefined {
  const dataSource = queryable instanceof DataSource ? queryable : queryable.connection;
  const extra = (dataSource.options as { extra?: { types?: unknown } }).extra;
  return extra?.types instanceof SealedTypes ? extra.types.keys : undefined;
}
