import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

// COPY ... FROM STDIN in PostgreSQL's text format: tab-separated, \N for null, backslash escapes.

export type CopyValue = string | number | boolean | null | undefined;

const SPECIAL = /[\\\t\n\r]/;

export function copyText(value: CopyValue): string {
  if (value === null || value === undefined) {
    return '\\N';
  }
  if (typeof value !== 'string') {
    return String(value);
  }
  return SPECIAL.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}

export const copyRow = (values: CopyValue[]): string => `${values.map(copyText).join('\t')}\n`;

/** A text[] literal ('{"a","b"}'), which COPY then escapes like any other text. */
export const arrayLiteral = (items: readonly string[]): string =>
  `{${items.map((item) => `"${item.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;

/** Groups rows into ~64 KB chunks so the stream is not driven one short line at a time. */
function* chunked(rows: Iterable<string>): Generator<string> {
  let parts: string[] = [];
  let size = 0;
  for (const row of rows) {
    parts.push(row);
    size += row.length;
    if (size >= 65536) {
      yield parts.join('');
      parts = [];
      size = 0;
    }
  }
  if (parts.length > 0) {
    yield parts.join('');
  }
}

/** Streams rows into `table (columns)` with backpressure; resolves with the number of rows copied. */
export async function copyInto(
  client: Client,
  table: string,
  columns: readonly string[],
  rows: Iterable<string>,
): Promise<number> {
  let count = 0;
  const counted = function* (): Generator<string> {
    for (const row of rows) {
      count++;
      yield row;
    }
  };
  const sink = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(chunked(counted())), sink);
  return count;
}
