import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditActor, AuditService } from '../audit/audit.service';
import { AuthUser } from '../auth/auth-user';
import { DomainError, FieldProblem, notFound } from '../common/domain-error';
import { Visibility } from '../common/entry';
import { mayRead, Reader } from '../common/readers';
import { openDocument, sealDocument } from '../crypto/sealed-documents';
import {
  detectDocumentType,
  DocumentMediaType,
  documentFileName,
  MAX_DOCUMENT_BYTES,
  UPLOAD_PROBLEMS,
} from './document-type';

/** The entries a document may be attached to, by the segment of their path (/api/events/:id/documents). */
export const DOCUMENT_ENTRY_KINDS = {
  events: 'event',
  charges: 'charge',
  hearings: 'hearing',
  'custody-orders': 'custody_order',
} as const;
export type DocumentEntryKind = (typeof DOCUMENT_ENTRY_KINDS)[keyof typeof DOCUMENT_ENTRY_KINDS];

/** The kind of entry a documents path names: the segment two before `documents`. */
export function documentEntryKindIn(path: string): DocumentEntryKind {
  const parts = path.split('/').filter(Boolean);
  const segment = parts[parts.lastIndexOf('documents') - 2] as keyof typeof DOCUMENT_ENTRY_KINDS;
  return DOCUMENT_ENTRY_KINDS[segment];
}

/** Every documents path of one shape, for the routes of API and pages alike. */
export const documentsPaths = (prefix: string): string[] =>
  Object.keys(DOCUMENT_ENTRY_KINDS).map((segment) => `${prefix}${segment}/:id/documents`);

const ENTRY_TABLES: Record<DocumentEntryKind, string> = {
  event: 'events',
  charge: 'charges',
  hearing: 'hearings',
  custody_order: 'custody_orders',
};

/** A document as lists show it: everything but its content. */
export interface DocumentView {
  id: string;
  entryKind: DocumentEntryKind;
  entryId: string;
  caseId: string;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  citation: string | null;
  createdAt: Date;
}

/** An upload whose content is one of DOCUMENT_TYPES, ready to store. */
export interface CheckedUpload {
  file: UploadedFile;
  mediaType: DocumentMediaType;
  citation: string | null;
}

/** A file as it arrived in a multipart body. */
export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

const COLUMNS = `d.id, d.entry_kind AS "entryKind", d.entry_id AS "entryId", d.file_name AS "fileName",
  d.media_type AS "mediaType", d.size, d.sha256, d.citation, d.created_at AS "createdAt"`;

/** The entry a document belongs to, with its case and visibility, for every kind at once. */
const ENTRY_OF_DOCUMENT = Object.entries(ENTRY_TABLES)
  .map(
    ([kind, table]) =>
      `SELECT '${kind}' AS kind, id, case_id, visibility FROM ${table} WHERE id = d.entry_id AND d.entry_kind = '${kind}'`,
  )
  .join(' UNION ALL ');

@Injectable()
export class DocumentsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Stores a file on an entry the user may read, checking its type from its content; audited. */
  async upload(
    user: AuthUser,
    kind: DocumentEntryKind,
    entryId: string,
    upload: { file?: UploadedFile; problem?: string },
    citationGiven: unknown,
  ): Promise<DocumentView> {
    const checked = await this.checkUpload(upload, citationGiven);
    return this.dataSource.transaction(async (manager) => {
      const entry = await this.readableEntry(manager, user, kind, entryId, true);
      return this.attachIn(manager, user, { kind, id: entryId, ...entry }, checked);
    });
  }

  /**
   * An uploaded file and its citation, checked as every upload is (its type from its content);
   * refused with the problems under `field` and `citation`.
   */
  async checkUpload(
    upload: { file?: UploadedFile; problem?: string },
    citationGiven: unknown,
    field = 'file',
  ): Promise<CheckedUpload> {
    const { file } = upload;
    const citation = typeof citationGiven === 'string' && citationGiven.trim() ? citationGiven.trim() : null;
    const mediaType = file && file.size > 0 ? await detectDocumentType(file.buffer) : null;
    const fileProblem = upload.problem
      ? upload.problem
      : !file || file.size === 0
        ? UPLOAD_PROBLEMS.none
        : file.size > MAX_DOCUMENT_BYTES
          ? UPLOAD_PROBLEMS.tooLarge
          : !mediaType
            ? UPLOAD_PROBLEMS.type
            : null;
    const problems: FieldProblem[] = [
      ...(fileProblem ? [{ field, problem: fileProblem }] : []),
      ...(citation && citation.length > 500
        ? [{ field: 'citation', problem: 'must be at most 500 characters' }]
        : []),
    ];
    if (problems.length || !file || !mediaType) {
      throw invalidFields(problems);
    }
    return { file, mediaType, citation };
  }

  /**
   * Stores a checked file on an entry inside the caller's transaction (an upload, or an import that
   * creates the entry), sealed when the entry is confidential; audited.
   */
  async attachIn(
    manager: EntityManager,
    actor: AuditActor,
    entry: { kind: DocumentEntryKind; id: string; caseId: string; visibility: Visibility },
    { file, mediaType, citation }: CheckedUpload,
  ): Promise<DocumentView> {
    const stored = sealDocument(manager, entry.visibility, {
      content: file.buffer,
      fileName: documentFileName(file.originalname, mediaType),
      citation,
    });
    const [row] = (await manager.query(
      `INSERT INTO entry_documents AS d (entry_kind, entry_id, file_name, media_type, size, sha256, citation, uploaded_by, content)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [
        entry.kind,
        entry.id,
        stored.fileName,
        mediaType,
        file.size,
        createHash('sha256').update(file.buffer).digest('hex'),
        stored.citation,
        actor.id,
        stored.content,
      ],
    )) as Omit<DocumentView, 'caseId'>[];
    const created = { ...row, caseId: entry.caseId };
    await this.audit.record(manager, {
      actor,
      action: 'create',
      entity: 'document',
      entityId: row.id,
      after: created,
    });
    return created;
  }

  /** The documents of one entry the reader may read, and its case (404 when they may not read the entry). */
  async listForEntry(
    reader: AuthUser,
    kind: DocumentEntryKind,
    entryId: string,
  ): Promise<{ caseId: string; documents: DocumentView[] }> {
    const { caseId } = await this.readableEntry(this.dataSource.manager, reader, kind, entryId, false);
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM entry_documents d WHERE d.entry_kind = $1 AND d.entry_id = $2 ORDER BY d.created_at, d.id`,
      [kind, entryId],
    )) as Omit<DocumentView, 'caseId'>[];
    return { caseId, documents: rows.map((row) => ({ ...row, caseId })) };
  }

  /**
   * The documents of the given entries, by `kind:id`: for a case page or an export, whose entries
   * are already those the reader may read.
   */
  async forEntries(
    entries: { kind: string; id: string; caseId: string }[],
  ): Promise<Map<string, DocumentView[]>> {
    const byKey = new Map<string, DocumentView[]>();
    const attachable = entries.filter((entry) => entry.kind in ENTRY_TABLES);
    if (!attachable.length) {
      return byKey;
    }
    const caseOf = new Map(attachable.map((entry) => [`${entry.kind}:${entry.id}`, entry.caseId]));
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM entry_documents d
        WHERE (d.entry_kind, d.entry_id) IN (SELECT * FROM unnest($1::text[], $2::uuid[]))
        ORDER BY d.created_at, d.id`,
      [attachable.map((entry) => entry.kind), attachable.map((entry) => entry.id)],
    )) as Omit<DocumentView, 'caseId'>[];
    for (const row of rows) {
      const key = `${row.entryKind}:${row.entryId}`;
      byKey.set(key, [...(byKey.get(key) ?? []), { ...row, caseId: caseOf.get(key)! }]);
    }
    return byKey;
  }

  /** A document's content for a reader who may read its entry (404 otherwise); every download is audited. */
  async download(reader: AuthUser, id: string): Promise<{ document: DocumentView; content: Buffer }> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `SELECT ${COLUMNS}, d.content, e.case_id AS "caseId", e.visibility
           FROM entry_documents d CROSS JOIN LATERAL (${ENTRY_OF_DOCUMENT}) e WHERE d.id = $1`,
        [id],
      )) as (DocumentView & { content: Buffer; visibility: Visibility })[];
      if (!row || !mayRead(asReader(reader), row.visibility)) {
        throw notFound('Document', id);
      }
      const { content: stored, visibility, ...document } = row;
      const content = openDocument(manager, stored);
      await this.audit.record(manager, {
        actor: reader,
        action: 'read',
        entity: 'document',
        entityId: id,
        context: {
          caseId: document.caseId,
          entryKind: document.entryKind,
          entryId: document.entryId,
          visibility,
          via: 'download',
        },
      });
      return { document, content };
    });
  }

  /** Removes a document (caseworkers); audited with what it was, not its content. */
  async remove(user: AuthUser, id: string): Promise<DocumentView> {
    return this.dataSource.transaction(async (manager) => {
      const [row] = (await manager.query(
        `SELECT ${COLUMNS}, e.case_id AS "caseId", e.visibility
           FROM entry_documents d CROSS JOIN LATERAL (${ENTRY_OF_DOCUMENT}) e WHERE d.id = $1 FOR UPDATE OF d`,
        [id],
      )) as (DocumentView & { visibility: Visibility })[];
      if (!row || !mayRead(asReader(user), row.visibility)) {
        throw notFound('Document', id);
      }
      const { visibility: _visibility, ...before } = row;
      await manager.query('DELETE FROM entry_documents WHERE id = $1', [id]);
      await this.audit.record(manager, {
        actor: user,
        action: 'delete',
        entity: 'document',
        entityId: id,
        before,
      });
      return before;
    });
  }

  private async readableEntry(
    manager: EntityManager,
    reader: AuthUser,
    kind: DocumentEntryKind,
    id: string,
    lock: boolean,
  ): Promise<{ caseId: string; visibility: Visibility }> {
    const [entry] = (await manager.query(
      `SELECT case_id AS "caseId", visibility FROM ${ENTRY_TABLES[kind]} WHERE id = $1${lock ? ' FOR SHARE' : ''}`,
      [id],
    )) as { caseId: string; visibility: Visibility }[];
    if (!entry || !mayRead(asReader(reader), entry.visibility)) {
      throw notFound(kind.replace('_', ' '), id);
    }
    return entry;
  }
}

const asReader = (user: AuthUser): Reader => ({ role: user.role });

const invalidFields = (problems: FieldProblem[]): DomainError =>
  new DomainError(
    'VALIDATION',
    problems.map(({ field, problem }) => `${field} ${problem}`).join('; '),
    problems,
  );
