import { UnsupportedMediaTypeException } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';

const WRITES = new Set(['POST', 'PUT', 'PATCH']);

/**
 * The API reads JSON bodies only. Any other type is not parsed at all, so without this a write sent
 * as text/plain or a form would be read as an empty body (and `{}` is a valid body for some routes).
 */
export function requireJsonBody(request: Request, _response: Response, next: NextFunction): void {
  const length = request.headers['content-length'];
  const hasBody =
    request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
  if (WRITES.has(request.method) && hasBody && !request.is('application/json')) {
    const type = request.headers['content-type'] ?? 'none';
    next(new UnsupportedMediaTypeException(`request body must be application/json, not ${type}`));
    return;
  }
  next();
}
