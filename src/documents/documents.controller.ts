import { Controller, Delete, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser } from '../auth/auth-user';
import { CurrentUser, MinRole } from '../auth/auth.decorators';
import { UuidParam } from '../common/uuid-param';
import { sendDocument } from './send-document';
import { documentEntryKindIn, documentsPaths, DocumentsService, DocumentView } from './documents.service';
import { uploadedFile, UploadRequest } from './upload.middleware';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('api')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @MinRole('caseworker')
  @Post(documentsPaths(''))
  @ApiOperation({
    summary:
      "Attach a file to an entry's source: a PDF, image or DOCX up to 25 MB, its type checked from its content",
  })
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        citation: { type: 'string', maxLength: 500 },
      },
    },
  })
  @ApiCreatedResponse({ description: 'The stored document, without its content' })
  upload(
    @CurrentUser() user: AuthUser,
    @Req() request: UploadRequest,
    @UuidParam() id: string,
  ): Promise<DocumentView> {
    const body = (request.body ?? {}) as Record<string, unknown>;
    return this.documents.upload(
      user,
      documentEntryKindIn(request.path),
      id,
      uploadedFile(request),
      body.citation,
    );
  }

  @Get(documentsPaths(''))
  @ApiOperation({ summary: "An entry's documents, for readers who may read the entry" })
  @ApiOkResponse({ description: 'The documents, oldest first, without their content' })
  async list(@CurrentUser() user: AuthUser, @Req() request: UploadRequest, @UuidParam() id: string) {
    return (await this.documents.listForEntry(user, documentEntryKindIn(request.path), id)).documents;
  }

  @Get('documents/:id')
  @ApiOperation({ summary: 'Download a document (audited); 404 unless the reader may read its entry' })
  @ApiProduces('application/octet-stream')
  async download(@CurrentUser() user: AuthUser, @UuidParam() id: string, @Res() response: Response) {
    sendDocument(response, await this.documents.download(user, id));
  }

  @MinRole('caseworker')
  @Delete('documents/:id')
  @HttpCode(204)
  @ApiNoContentResponse()
  async remove(@CurrentUser() user: AuthUser, @UuidParam() id: string): Promise<void> {
    await this.documents.remove(user, id);
  }
}
