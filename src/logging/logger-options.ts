import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import type { Params } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { loggablePath, REDACT_PATHS, REDACTED, scrubLogArguments } from './redact';

/** The header a request id comes in on (from a proxy that made one) and goes back out on. */
export const REQUEST_ID_HEADER = 'x-request-id';

// A proxy's id is kept only when it is short and plain; anything else is replaced by our own.
const ACCEPTABLE_ID = /^[\w.:-]{1,100}$/;

type Request = IncomingMessage & { user?: { id: string }; route?: { path?: string }; originalUrl?: string };

/**
 * The request's id, made once: by assignRequestId, first of all middleware, so that a body the parser
 * refuses gets one too; pino-http then keeps it.
 */
export function requestId(request: IncomingMessage, response: ServerResponse): string {
  const assigned = (request as { id?: unknown }).id;
  if (typeof assigned === 'string') {
    return assigned;
  }
  const given = request.headers[REQUEST_ID_HEADER];
  const id = typeof given === 'string' && ACCEPTABLE_ID.test(given) ? given : randomUUID();
  response.setHeader('X-Request-Id', id);
  return id;
}

export function assignRequestId(request: IncomingMessage, response: ServerResponse, next: () => void): void {
  (request as { id?: string }).id = requestId(request, response);
  next();
}

/** Where pino-pretty is, if anywhere: a development dependency, absent from the production image. */
function prettyTarget(): string | undefined {
  try {
    return require.resolve('pino-pretty');
  } catch {
    return undefined;
  }
}

/**
 * JSON lines on stdout: a request id on every line written while a request is served (`requestId`),
 * one line per request with its route, user id, status and latency (`responseTime`, ms), and no
 * secrets (see redact.ts). Human-readable with NODE_ENV=development when pino-pretty is installed.
 */
export function loggerParams(config: AppConfig, destination: DestinationStream): Params {
  const options: Options<Request, ServerResponse> = {
    level: config.logLevel,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    hooks: {
      logMethod(args, method) {
        method.apply(this, scrubLogArguments(args) as Parameters<typeof method>);
      },
    },
    genReqId: requestId,
    quietReqLogger: true,
    customAttributeKeys: { reqId: 'requestId' },
    // pino-http reads these when the request starts and again when its response is done, once the
    // guards have resolved the user and the router the route; at the start the route is the
    // catch-all middleware's ("{/*splat}"), which would be written as a second "route" key.
    customProps: (request, response) => ({
      userId: request.user?.id,
      route: response.headersSent ? request.route?.path : undefined,
    }),
    serializers: {
      // The path without its query string, which may hold a search for a name, nor a feed's token;
      // no headers at all.
      req: (request: { id: string; method: string; url: string }) => ({
        id: request.id,
        method: request.method,
        path: loggablePath(request.url.split('?')[0]),
      }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    // A refused request (4xx) is the caller's business: info, like a served one.
    customLogLevel: (_request, response, error) => (error || response.statusCode >= 500 ? 'error' : 'info'),
  };
  const pretty = config.nodeEnv === 'development' ? prettyTarget() : undefined;
  if (pretty) {
    return { pinoHttp: { ...options, transport: { target: pretty } } };
  }
  return { pinoHttp: [options, destination] };
}
