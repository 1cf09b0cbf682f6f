import type { NextFunction, Request, Response } from 'express';
import multer from 'multer';
import { MAX_DOCUMENT_BYTES } from './document-type';
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

/**
 * Reads a document upload (multipart/form-data) into memory before the route's guards run, so a
 * page's CSRF token in the form is in request.body like any form field. Too large or malformed
 * bodies are not errors here: the route says so next to the file field.
 */
export function documentUpload(request: Request, response: Response, next: NextFunction): void {
  if (!request.is('multipart/form-data')) {
    next();
    return;
  }
  parse(request, response, (error: unknown) => {
    if (error) {
      (request as UploadRequest).uploadProblem =
        error instanceof multer.MulterError && error.code === 'LIMIT_FILE_SIZE'
          ? 'must be 25 MB or smaller'
          : 'could not be read: send one file in a multipart/form-data body';
    }
    next();
  });
}

/** The uploaded file as the service takes it, or the problem the middleware met. */
export const uploadedFile = (request: UploadRequest): { file?: UploadedFile; problem?: string } =>
  request.uploadProblem ? { problem: request.uploadProblem } : { file: request.file };
