import { INestApplication } from '@nestjs/common';

// The routes the running app serves, read from Express's router (the same stack that answers
// requests), so a route added anywhere (a controller, Swagger, a mounted sub-app) shows up here.

interface RouterLayer {
  rawPath?: unknown;
  slash?: boolean;
  route?: { path: string; methods: Record<string, boolean> };
}

/** `METHOD /path` with Express's own parameter syntax, e.g. `GET /api/cases/:id`. */
export type RouteKey = string;

// Nest registers a `forRoutes` middleware (the HTTP metrics) as a route on every method for this
// path; it only passes requests on, so it is no route of its own.
const MIDDLEWARE_PATH = '{/*splat}';

export const routeKey = (method: string, path: string): RouteKey => `${method.toUpperCase()} ${path}`;

const stackOf = (app: INestApplication): RouterLayer[] =>
  (app.getHttpAdapter().getInstance() as { router: { stack: RouterLayer[] } }).router.stack;

/** Every route of the app, once each, in the router's order. */
export function listRoutes(app: INestApplication): RouteKey[] {
  const routes = stackOf(app).flatMap(({ route }) =>
    route && route.path !== MIDDLEWARE_PATH
      ? Object.keys(route.methods).map((method) => routeKey(method, route.path))
      : [],
  );
  return [...new Set(routes)];
}

/**
 * Middleware mounted below `/` (not a route, but it may answer requests itself, as a static file
 * server or a mounted dashboard does), as `USE /path`, so the matrix can insist each is known.
 */
export function listMounts(app: INestApplication): RouteKey[] {
  return [
    ...new Set(
      stackOf(app)
        .filter((layer) => !layer.route && !layer.slash && typeof layer.rawPath === 'string')
        .map((layer) => routeKey('use', String(layer.rawPath))),
    ),
  ];
}
