import { createHash } from 'node:crypto';
import { DataKeys, decodeDataKey } from '../src/crypto/data-keys';

// Vigil seals contacts and confidential entries at rest (src/crypto). The bench writes its data set
// straight to the database, so it seals them as the app would; the api, the worker and the baseline
// server are given the same key. The data is invented, so the key guards nothing: it is fixed, so a
// data set kept by one run (--reuse) opens in the next.

export const BENCH_DATA_KEY =
  process.env.VIGIL_DATA_KEY ?? createHash('sha256').update('vigil benchmark data set').digest('base64');
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
