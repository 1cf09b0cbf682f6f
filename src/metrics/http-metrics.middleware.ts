import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { Metrics } from './metrics.service';

// The routes that produce a chronology export; their latency is also the export's duration.
const EXPORT_ROUTES = new Set([
  '/api/cases/:id/chronology',
  '/api/defenders/:id/chronology',
  '/cases/:id/chronology/export',
  '/defenders/:id/chronology/export',
]);

/** Times every request; the label is the route's pattern (`/api/cases/:id`), never the raw path. */
@Injectable()
export class HttpMetricsMiddleware implements NestMiddleware {
  constructor(private readonly metrics: Metrics) {}

  use(request: Request, response: Response, next: NextFunction): void {
    const end = this.metrics.httpDuration.startTimer();
    const started = process.hrtime.bigint();
    response.once('finish', () => {
      const route = (request.route as { path?: string } | undefined)?.path ?? 'unmatched';
      end({ method: request.method, route, status: String(response.statusCode) });
      const format =
        EXPORT_ROUTES.has(route) && response.statusCode === 200
          ? Metrics.exportFormat(request.query.format)
          : undefined;
      if (format) {
        this.metrics.exportDuration.observe({ format }, Number(process.hrtime.bigint() - started) / 1e9);
      }
    });
    next();
  }
}
