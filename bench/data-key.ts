import { randomBytes } from 'node:crypto';
import { DataKeys, decodeDataKey } from '../src/crypto/data-keys';

// Vigil seals contacts and confidential entries at rest (src/crypto). The bench writes its data set
// straight to the database, so it seals them as the app would, under a key made for this run; the
// api, the worker and the baseline server are given the same key.

export const BENCH_DATA_KEY = process.env.VIGIL_DATA_KEY ?? randomBytes(32).toString('base64');
export const benchKeys = new DataKeys(decodeDataKey(BENCH_DATA_KEY));

/** A row's values with the given columns sealed when the row is confidential (its last value says). */
export function sealedIfConfidential<T>(values: T[], sealedColumns: readonly number[]): (T | string)[] {
  if (values[values.length - 1] !== 'confidential') {
    return values;
  }
  return values.map((value, column) =>
    sealedColumns.includes(column) && value !== null && value !== undefined ? benchKeys.seal(value) : value,
  );
}
