import { Logger } from '@nestjs/common';
import type { Response } from 'express';
import type { ChronologyExport } from '../chronology.service';
import type { ChronologyQuery } from '../dto/chronology-query.dto';
import { RENDERERS } from './renderers';

/** A chronology export as a download, for the API and the pages alike (the service has audited it). */
export async function sendExport(
  response: Response,
  exported: ChronologyExport,
  format: ChronologyQuery['format'],
  logger: Logger,
): Promise<void> {
  const renderer = RENDERERS[format];
  response.status(200);
  response.setHeader('Content-Type', renderer.contentType);
  response.setHeader(
    'Content-Disposition',
    `attachment; filename="${exported.baseName}.${renderer.extension}"`,
  );
  response.setHeader('Cache-Control', 'no-store');
  try {
    await renderer.render(exported.doc, response);
  } catch (error) {
    // Headers are gone by now; the reader sees a cut-off download, and the log says why.
    logger.error(`Rendering ${format} failed`, error instanceof Error ? error.stack : error);
    response.destroy();
  }
}
