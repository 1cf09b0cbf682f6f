import { EntityManager } from 'typeorm';
import { Visibility } from '../common/entry';
import { BYTES_FORMAT, DataKeys } from './data-keys';
import { dataKeysOf } from './sealed-connection';

// The files of a confidential entry are sealed like its free text: the content (as bytes), the file
// name and the citation. They follow their entry: sealed when it becomes confidential, stored in clear
// again when it stops (applyChanges in hearings/case-entries.ts calls resealEntryDocuments). The
// connection opens the name and citation on read; the content is opened by openDocument when it is
// downloaded. Size, type and SHA-256 stay in clear.

interface StoredDocument {
  content: Buffer;
  fileName: string;
  citation: string | null;
}

/** A new document's stored content, name and citation, sealed when its entry is confidential. */
export function sealDocument(
  manager: EntityManager,
  visibility: Visibility,
  document: StoredDocument,
): StoredDocument {
  if (visibility !== 'confidential') {
    return document;
  }
  const keys = dataKeysOf(manager);
  return {
    content: keys.sealBytes(document.content),
    fileName: keys.seal(document.fileName),
    citation: document.citation === null ? null : keys.seal(document.citation),
  };
}

/** A document's content as uploaded, whether it is stored sealed or not. */
export const openDocument = (manager: EntityManager, content: Buffer): Buffer =>
  dataKeysOf(manager).openBytes(content);

/** The documents' name for the entries of each table (entry_documents.entry_kind). */
const KIND_OF_TABLE: Record<string, string> = {
  events: 'event',
  charges: 'charge',
  hearings: 'hearing',
  custody_orders: 'custody_order',
};

/**
 * Seals (or opens) the stored files of an entry of `table` whose visibility changed from `before`
 * to `after`; nothing to do when it did not enter or leave confidential.
 */
export async function resealEntryDocuments(
  manager: EntityManager,
  table: string,
  entryId: string,
  before: Visibility,
  after: Visibility,
): Promise<void> {
  const kind = KIND_OF_TABLE[table];
  if (!kind || (before === 'confidential') === (after === 'confidential')) {
    return;
  }
  const keys = dataKeysOf(manager);
  const rows = (await manager.query(
    `SELECT id, content, file_name AS "fileName", citation FROM entry_documents
      WHERE entry_kind = $1 AND entry_id = $2 FOR UPDATE`,
    [kind, entryId],
  )) as { id: string; content: Buffer; fileName: string; citation: string | null }[];
  for (const row of rows) {
    const content = keys.openBytes(row.content);
    const stored = sealDocument(manager, after, { content, fileName: row.fileName, citation: row.citation });
    await manager.query(
      'UPDATE entry_documents SET content = $2, file_name = $3, citation = $4 WHERE id = $1',
      [row.id, stored.content, stored.fileName, stored.citation],
    );
  }
}

/** Seals again, under the current key, a batch of files sealed under another; how many it did. */
export async function resealDocumentBatch(
  manager: EntityManager,
  keys: DataKeys,
  batchSize: number,
): Promise<number> {
  const rows = (await manager.query(
    `SELECT id, content FROM entry_documents
      WHERE substring(content FROM 1 FOR $1) = $2::bytea AND substring(content FROM $1 + 1 FOR 16) <> $3::bytea
      ORDER BY id LIMIT $4 FOR UPDATE`,
    [
      BYTES_FORMAT.length,
      Buffer.from(BYTES_FORMAT, 'latin1'),
      Buffer.from(keys.currentId, 'latin1'),
      batchSize,
    ],
  )) as { id: string; content: Buffer }[];
  for (const row of rows) {
    await manager.query('UPDATE entry_documents SET content = $2 WHERE id = $1', [
      row.id,
      keys.sealBytes(keys.openBytes(row.content)),
    ]);
  }
  return rows.length;
}
