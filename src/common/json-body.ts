import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const WRITES = new Set(['POST', 'PUT', 'PATCH']);
/** The one multipart body the API reads: a document upload (DocumentsModule parses it). */
const UPLOAD_PATH = /^\/[a-z-]+\/[^/]+\/documents$/;

/**
 * The API reads JSON bodies only. Any other type is not parsed at all, so without this a write sent
 * as text/plain or a form would be read as an empty body (and `{}` is a valid body for some routes).
 */
export function requireJsonBody(request: Request, _response: Response, next: NextFunction): void {
  const length = request.headers['content-length'];
  const hasBody =
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  const upload =
    request.method === 'POST' && UPLOAD_PATH.test(request.path) && request.is('multipart/form-data');
  if (WRITES.has(request.method) && hasBody && !request.is('application/json') && !upload) {
    const type = request.headers['content-type'] ?? 'none';
    next(new UnsupportedMediaTypeException(`request body must be application/json, not ${type}`));
    return;
  }
  next();
}
