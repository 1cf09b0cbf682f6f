import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { MAX_CHRONOLOGY_FORM_FIELDS, MAX_IMPORT_CHARACTERS } from '../chronology/dto/import-chronology.dto';
import { MAX_DOCUMENT_BYTES, UPLOAD_PROBLEMS } from './document-type';
import { UploadedFile } from './documents.service';

/** A multipart request after documentUpload: the file, the text fields in body, or why it was refused. */
export interface UploadRequest extends Request {
  file?: Express.Multer.File;
  uploadProblem?: string;
}

const parse = multer({
  storage: multer.memoryStorage(),
  // One file; a few short fields (the citation, the CSRF token); the file's bytes are counted as they arrive.
  limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 5, fieldSize: 8 * 1024, parts: 6 },
}).single('file');

// The import confirm form: its text (up to 4 bytes a character), a choice per entry, and one source file.
const parseImport = multer({
  storage: multer.memoryStorage(),
  limits: {
    fileSize: MAX_DOCUMENT_BYTES,
    files: 1,
    fields: MAX_CHRONOLOGY_FORM_FIELDS,
    fieldSize: MAX_IMPORT_CHARACTERS * 4,
  },
}).single('sourceFile');

/**
 * Reads a document upload (multipart/form-data) into memory before the route's guards run, so a
 * page's CSRF token in the form is in request.body like any form field. Too large or malformed
 * bodies are not errors here: the route says so next to the file field.
 */
export function documentUpload(request: Request, response: Response, next: NextFunction): void {
  readMultipart(parse, request, response, next);
}

/** The import confirm form with a file as the source of its entries, read like documentUpload. */
export function importSourceUpload(request: Request, response: Response, next: NextFunction): void {
  readMultipart(parseImport, request, response, next);
}

function readMultipart(parser: typeof parse, request: Request, response: Response, next: NextFunction): void {
  if (!request.is('multipart/form-data')) {
    next();
    return;
  }
  parser(request, response, (error: unknown) => {
    if (error) {
      (request as UploadRequest).uploadProblem =
        error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE'
          ? UPLOAD_PROBLEMS.tooLarge
          : UPLOAD_PROBLEMS.unreadable;
    }
    next();
  });
}

/** The uploaded file as the service takes it, or the problem the middleware met. */
export const uploadedFile = (request: UploadRequest): { file?: UploadedFile; problem?: string } =>
  request.uploadProblem ? { problem: request.uploadProblem } : { file: request.file };
