import type { Response } from 'express';
import { DocumentView } from './documents.service';

/**
 * Sends a stored file as a download, never rendered in Vigil's origin: attachment, its checked type,
 * no sniffing, a sandbox in case a browser renders it anyway, and not kept in shared caches.
 */
export function sendDocument(
  response: Response,
  { document, content }: { document: DocumentView; content: Buffer },
) {
  response.attachment(document.fileName);
  response.type(document.mediaType);
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  response.setHeader('Cache-Control', 'private, no-store');
  response.setHeader('Digest', `sha-256=${Buffer.from(document.sha256, 'hex').toString('base64')}`);
  response.send(content);
}
