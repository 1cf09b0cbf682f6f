import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DataKeys } from './data-keys';
import { ALWAYS_SEALED, SEALED_COLUMNS_WITHOUT_ENTITY, SEALED_WHEN_CONFIDENTIAL } from './sealed-fields';
import { resealDocumentBatch } from './sealed-documents';
import { dataKeysOf } from './sealed-connection';

// `npm run cli -- data-key:rotate`: run with the new key as VIGIL_DATA_KEY and the old one in
// VIGIL_DATA_KEY_PREVIOUS, once every api and worker runs with both. Every sealed value still under
// another key is sealed again under the new one, a batch of rows per transaction (rows locked, so
// an edit at the same time waits or is waited for). The audit log is never rewritten: the keys its
// rows were sealed with are kept in data_keys, wrapped under the new key, so the old key itself is
// no longer needed once this has finished.

export interface RotationSummary {
  resealed: Record<string, number>;
  /** Keys kept, wrapped under the new one, for the audit rows sealed with them. */
  retired: string[];
  /** Keys nothing uses any more, forgotten. */
  dropped: string[];
}

interface SealedTable {
  table: string;
  key: string;
  columns: { name: string; json: boolean }[];
}

const SEALED_PREFIX = '^vigil-sealed:v1:';

function sealedTables(dataSource: DataSource): SealedTable[] {
  const withEntity = [...SEALED_WHEN_CONFIDENTIAL, ...ALWAYS_SEALED].map(([target, properties]) => {
    const metadata = dataSource.getMetadata(target);
    return {
      table: metadata.tableName,
      key: 'id',
      columns: properties.map((property) => {
        const column = metadata.findColumnWithPropertyName(property);
        if (!column) {
          throw new Error(`${metadata.tableName} has no column for ${property}`);
        }
        return { name: column.databaseName, json: column.type === 'jsonb' };
      }),
    };
  });
  const withoutEntity = SEALED_COLUMNS_WITHOUT_ENTITY.map(({ table, key, columns }) => ({
    table,
    key,
    columns: columns.map((name) => ({ name, json: false })),
  }));
  return [...withEntity, ...withoutEntity];
}

/** The column as text, whatever its type: a sealed jsonb value is a JSON string. */
const asText = ({ name, json }: { name: string; json: boolean }): string =>
  json ? `(${name} #>> '{}')` : name;

async function resealBatch(
  manager: EntityManager,
  keys: DataKeys,
  { table, key, columns }: SealedTable,
  batchSize: number,
): Promise<number> {
  const stale = columns
    .map(
      (column) =>
        `(${asText(column)} ~ '${SEALED_PREFIX}' AND ${asText(column)} !~ '${SEALED_PREFIX}${keys.currentId}:')`,
    )
    .join(' OR ');
  // Each column twice: opened by the connection, and whether it is sealed at all (left as it is if not).
  const rows = (await manager.query(
    `SELECT ${key} AS key, ${columns.map((c, i) => `${c.name} AS v${i}, coalesce(${asText(c)} ~ '${SEALED_PREFIX}', false) AS s${i}`).join(', ')}
       FROM ${table} WHERE ${stale} ORDER BY ${key} LIMIT $1 FOR UPDATE`,
    [batchSize],
  )) as Record<string, unknown>[];
  for (const row of rows) {
    const values = columns.map((column, i) => {
      if (!row[`s${i}`]) {
        return column.json ? JSON.stringify(row[`v${i}`]) : row[`v${i}`];
      }
      const sealed = keys.seal(row[`v${i}`]);
      return column.json ? JSON.stringify(sealed) : sealed;
    });
    await manager.query(
      `UPDATE ${table} SET ${columns.map((column, i) => `${column.name} = $${i + 2}`).join(', ')} WHERE ${key} = $1`,
      [row.key, ...values],
    );
  }
  return rows.length;
}

export async function rotateDataKeys(dataSource: DataSource, batchSize = 200): Promise<RotationSummary> {
  const keys = dataKeysOf(dataSource);
  const logger = new Logger('DataKeys');
  const resealed: Record<string, number> = {};
  for (const table of sealedTables(dataSource)) {
    resealed[table.table] = 0;
    for (;;) {
      const count = await dataSource.transaction((manager) => resealBatch(manager, keys, table, batchSize));
      resealed[table.table] += count;
      if (count < batchSize) {
        break;
      }
      logger.log(`${table.table}: ${resealed[table.table]} rows sealed again so far`);
    }
  }
  // Files are large: a few per transaction.
  const fileBatch = Math.max(1, Math.floor(batchSize / 20));
  resealed.entry_documents_content = 0;
  for (;;) {
    const count = await dataSource.transaction((manager) => resealDocumentBatch(manager, keys, fileBatch));
    resealed.entry_documents_content += count;
    if (count < fileBatch) {
      break;
    }
  }
  const auditKeys = (
    (await dataSource.query(
      `SELECT DISTINCT m[1] AS id
         FROM audit_log, regexp_matches(coalesce(before::text, '') || coalesce(after::text, ''),
                                        'vigil-sealed:v1:([0-9a-f]{16}):', 'g') m
        WHERE before IS NOT NULL OR after IS NOT NULL`,
    )) as { id: string }[]
  ).map((row) => row.id);
  return dataSource.transaction(async (manager) => {
    const registered = (await manager.query('SELECT id FROM data_keys FOR UPDATE')) as { id: string }[];
    const retired: string[] = [];
    const dropped: string[] = [];
    for (const { id } of registered) {
      if (id === keys.currentId) {
        continue;
      }
      if (auditKeys.includes(id)) {
        await manager.query('UPDATE data_keys SET wrapped = $2 WHERE id = $1', [
          id,
          keys.seal(keys.secret(id).toString('base64')),
        ]);
        retired.push(id);
      } else {
        await manager.query('DELETE FROM data_keys WHERE id = $1', [id]);
        dropped.push(id);
      }
    }
    return { resealed, retired, dropped };
  });
}
