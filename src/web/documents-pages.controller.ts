import { Controller, Get, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { MinRole } from '../auth/auth.decorators';
import { DomainError } from '../common/domain-error';
import { UuidParam } from '../common/uuid-param';
import {
  DOCUMENT_ENTRY_KINDS,
  documentEntryKindIn,
  documentsPaths,
  DocumentsService,
} from '../documents/documents.service';
import { sendDocument } from '../documents/send-document';
import { translate } from '../i18n/translate';
import { uploadedFile, UploadRequest } from '../documents/upload.middleware';
import { WebPages } from './web-pages.decorator';
import { WebRequest, WebUser } from './web-request';
import { pageLanguage, WebView } from './web-view';

/** The path segment of each kind of entry, for links to its documents page. */
export const DOCUMENTS_SEGMENT = Object.fromEntries(
  Object.entries(DOCUMENT_ENTRY_KINDS).map(([segment, kind]) => [kind, segment]),
) as Record<string, string>;

/** An entry's documents: the list with download links, and the upload form for caseworkers. */
@WebPages()
@Controller()
export class DocumentsPagesController {
  constructor(
    private readonly view: WebView,
    private readonly documents: DocumentsService,
  ) {}

  @Get(documentsPaths(''))
  async list(
    @Req() request: WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    await this.render(request, response, user, id, {});
  }

  @MinRole('caseworker')
  @Post(documentsPaths(''))
  async upload(
    @Req() request: UploadRequest & WebRequest,
    @Res() response: Response,
    @WebUser() user: AuthUser,
    @UuidParam() id: string,
  ) {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      await this.documents.upload(
        user,
        documentEntryKindIn(request.path),
        id,
        uploadedFile(request),
        body.citation,
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'VALIDATION') {
        throw error;
      }
      const errors: Record<string, string[]> = {};
      for (const { field, problem } of error.details) {
        errors[field] = [...(errors[field] ?? []), problem];
      }
      await this.render(request, response, user, id, {
        errors,
        values: { citation: body.citation ?? '' },
        status: 400,
      });
      return;
    }
    response.redirect(303, `${request.path}?notice=document-added`);
  }

  @Get('documents/:id')
  async download(@WebUser() user: AuthUser, @UuidParam() id: string, @Res() response: Response) {
    sendDocument(response, await this.documents.download(user, id));
  }

  @MinRole('caseworker')
  @Post('documents/:id/delete')
  async remove(@WebUser() user: AuthUser, @UuidParam() id: string, @Res() response: Response) {
    const removed = await this.documents.remove(user, id);
    response.redirect(
      303,
      `/${DOCUMENTS_SEGMENT[removed.entryKind]}/${removed.entryId}/documents?notice=document-deleted`,
    );
  }

  private async render(
    request: WebRequest,
    response: Response,
    user: AuthUser,
    id: string,
    form: { errors?: Record<string, string[]>; values?: Record<string, unknown>; status?: number },
  ) {
    const kind = documentEntryKindIn(request.path);
    const { caseId, documents } = await this.documents.listForEntry(user, kind, id);
    this.view.render(
      request,
      response,
      'documents.njk',
      {
        title: translate(pageLanguage(request), 'documents.heading'),
        caseId,
        entryKind: kind,
        action: request.path,
        documents,
        errors: form.errors ?? {},
        values: form.values ?? {},
      },
      form.status,
    );
  }
}
