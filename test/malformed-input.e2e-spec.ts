import { signInToWeb } from './support/web-session';
import { bearer, startTestApp, TestApp } from './support/test-app';

// Bad input is a 400 (or 413/415) in the documented envelope, naming what was wrong, and never a
// 500. The routes are read from the OpenAPI document, which is checked to hold every /api route the
// router serves, so a new route is covered the day it is added.

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const NUL = 'a\u0000b';
const LONE_SURROGATE = 'a\ud800b';
const WRITES = ['post', 'put', 'patch'];
// Path parameters that are not ids, with a value each route accepts.
const PATH_VALUES: Record<string, string> = { country: 'IN', lang: 'en', token: 'not-a-token' };

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  nullable?: boolean;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  enum?: unknown[];
}
interface Parameter {
  in: string;
  name: string;
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
}
interface OpenApi {
  paths: Record<
    string,
    Record<
      string,
      { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }
    >
  >;
  components: { schemas: Record<string, Schema> };
}

describe('malformed input, on every route', () => {
  let t: TestApp;
  let openApi: OpenApi;
  let operations: Operation[];

  beforeAll(async () => {
    t = await startTestApp();
    openApi = (await t.http().get('/docs-json').expect(200)).body as OpenApi;
    operations = Object.entries(openApi.paths).flatMap(([path, item]) =>
      Object.entries(item).map(([method, operation]) => ({
        method,
        path,
        parameters: operation.parameters ?? [],
        body: operation.requestBody?.content['application/json']?.schema,
      })),
    );
  });

  afterAll(async () => {
    await t.close();
  });

  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) {
      return resolve(openApi.components.schemas[schema.$ref.replace('#/components/schemas/', '')]);
    }
    const [only] = schema.allOf ?? schema.oneOf ?? [];
    return only ? resolve(only) : schema;
  };

  /** Dotted paths of every string in a body shaped like `schema` (arrays as their first item). */
  const stringFields = (schema: Schema, prefix = ''): string[] => {
    const resolved = resolve(schema);
    if (resolved.type === 'string') {
      return [prefix];
    }
    if (resolved.type === 'array' && resolved.items) {
      return stringFields(resolved.items, `${prefix}.0`);
    }
    return Object.entries(resolved.properties ?? {}).flatMap(([name, property]) =>
      stringFields(property, prefix ? `${prefix}.${name}` : name),
    );
  };

  /** The smallest body that holds `value` at a dotted path. */
  const bodyWith = (path: string, value: unknown): unknown => {
    const [key, ...rest] = path.split('.');
    const inner = rest.length > 0 ? bodyWith(rest.join('.'), value) : value;
    return /^\d+$/.test(key) ? [inner] : { [key]: inner };
  };

  const urlOf = (operation: Operation, query = ''): string =>
    operation.path.replace(/\{(\w+)\}/g, (_match, name: string) => PATH_VALUES[name] ?? UNKNOWN_ID) + query;

  const send = (operation: Operation, query = '') =>
    t
      .http()
      [operation.method as 'get' | 'post' | 'put' | 'patch' | 'delete'](urlOf(operation, query))
      .set(bearer(t.users.admin));

  const writes = () => operations.filter((operation) => WRITES.includes(operation.method) && operation.body);
  const auditRows = async () =>
    ((await t.dataSource.query('SELECT count(*)::int AS n FROM audit_log')) as { n: number }[])[0].n;

  /** What went wrong for each case, so one failure lists every route and field at once. */
  const outcome = (
    label: string,
    response: { status: number; body: { details?: { field: string }[] } },
    field: string | RegExp,
    status = 400,
  ): string[] => {
    const named = (response.body.details ?? []).some((detail) =>
      typeof field === 'string' ? detail.field === field : field.test(detail.field),
    );
    return response.status === status && named
      ? []
      : [`${label}: ${response.status} ${JSON.stringify(response.body)}`];
  };

  it('knows every /api route the router serves from the OpenAPI document', () => {
    const router = (
      t.app.getHttpAdapter().getInstance() as {
        router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
      }
    ).router;
    const served = router.stack
      .flatMap((layer) =>
        layer.route ? Object.keys(layer.route.methods).map((method) => `${method} ${layer.route!.path}`) : [],
      )
      .filter((route) => route.includes(' /api/'));
    const documented = operations.map(
      (operation) => `${operation.method} ${operation.path.replace(/\{(\w+)\}/g, ':$1')}`,
    );
    expect(served.filter((route) => !documented.includes(route))).toEqual([]);
    expect(writes().length).toBeGreaterThan(20);
  });

  it.each([
    ['a NUL character', NUL],
    ['a lone surrogate', LONE_SURROGATE],
  ])(
    'answers 400 naming the field for %s in any string field of any write, and writes nothing',
    async (_label, text) => {
      const before = await auditRows();
      const failures: string[] = [];
      let checked = 0;
      for (const operation of writes()) {
        for (const field of stringFields(operation.body!)) {
          const response = await send(operation).send(bodyWith(field, text) as object);
          failures.push(...outcome(`${operation.method} ${operation.path} ${field}`, response, field));
          checked += 1;
        }
      }
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(50);
      expect(await auditRows()).toBe(before);
    },
  );

  it('answers 400 naming the parameter for a NUL character or a lone surrogate in any string query parameter', async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      for (const parameter of operation.parameters.filter((p) => p.in === 'query')) {
        for (const text of ['%00', 'a%00', '%ED%A0%80'].slice(
          0,
          parameter.schema?.type === 'string' ? 3 : 1,
        )) {
          const response = await send(operation, `?${parameter.name}=${text}`);
          const expected = text === '%ED%A0%80' ? 'no 500' : parameter.name;
          if (expected === 'no 500') {
            // Invalid UTF-8 in a URL decodes to U+FFFD, which is text: the route may take it.
            if (response.status >= 500) {
              failures.push(
                `${operation.method} ${operation.path} ${parameter.name}=${text}: ${response.status}`,
              );
            }
          } else {
            failures.push(
              ...outcome(
                `${operation.method} ${operation.path} ${parameter.name}=${text}`,
                response,
                parameter.name,
              ),
            );
          }
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 400 naming the parameter for a NUL character in any path parameter', async () => {
    const failures: string[] = [];
    for (const operation of operations) {
      for (const parameter of operation.parameters.filter((p) => p.in === 'path')) {
        const url = urlOf({ ...operation, path: operation.path.replace(`{${parameter.name}}`, 'a%00') });
        const response = await t
          .http()
          [operation.method as 'get' | 'post' | 'put' | 'patch' | 'delete'](url)
          .set(bearer(t.users.admin));
        failures.push(
          ...outcome(`${operation.method} ${operation.path} ${parameter.name}`, response, parameter.name),
        );
      }
    }
    expect(failures).toEqual([]);
  });

  it('answers 400 naming offset for an offset at or above 2^63 (or past 2^53) on every list', async () => {
    const lists = operations.filter((operation) =>
      operation.parameters.some((p) => p.in === 'query' && p.name === 'offset'),
    );
    expect(lists.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const operation of lists) {
      for (const offset of [
        '9223372036854775808',
        '9223372036854775807',
        '18446744073709551616',
        '1e300',
        '9007199254740992',
      ]) {
        const response = await send(operation, `?offset=${offset}`);
        failures.push(
          ...outcome(`${operation.method} ${operation.path} offset=${offset}`, response, 'offset'),
        );
      }
    }
    expect(failures).toEqual([]);
  });

  it('never answers 500 to null in any field of any write', async () => {
    const failures: string[] = [];
    for (const operation of writes()) {
      for (const name of Object.keys(resolve(operation.body!).properties ?? {})) {
        const response = await send(operation).send({ [name]: null });
        if (response.status >= 500) {
          failures.push(`${operation.method} ${operation.path} ${name}: ${response.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it.each([
    ['broken JSON', 'application/json', '{"name": ', 400, 'request'],
    ['a body that is an array', 'application/json', '[{"name": "x"}]', 400, 'request'],
    ['a body that is a number', 'application/json', '42', 400, 'request'],
    ['a body that is a string', 'application/json', '"text"', 400, 'request'],
    ['a body that is null', 'application/json', 'null', 400, 'request'],
    ['a text/plain body', 'text/plain', '{"name": "x"}', 415, 'content-type'],
    ['a form body', 'application/x-www-form-urlencoded', 'name=x', 415, 'content-type'],
    [
      'a body over 4 MB',
      'application/json',
      JSON.stringify({ text: 'x'.repeat(4.5 * 1024 * 1024) }),
      413,
      'request',
    ],
    [
      'a body nested 100,000 levels deep',
      'application/json',
      `{"x": ${'['.repeat(1e5)}${']'.repeat(1e5)}}`,
      400,
      /^x(\.0)+$/,
    ],
  ] as [string, string, string, number, string | RegExp][])(
    'answers %s on every write with the error envelope {statusCode, error, message, details}',
    async (_label, type, body, status, field) => {
      const failures: string[] = [];
      for (const operation of writes()) {
        const response = await send(operation).set('Content-Type', type).send(body);
        const envelope = response.body as Record<string, unknown>;
        const shaped =
          envelope.statusCode === status &&
          typeof envelope.error === 'string' &&
          typeof envelope.message === 'string' &&
          Array.isArray(envelope.details) &&
          // The documented four, plus the request id and, for Vigil's own errors, their code.
          Object.keys(envelope)
            .filter((key) => key !== 'requestId' && key !== 'code')
            .sort()
            .join() === 'details,error,message,statusCode' &&
          typeof envelope.requestId === 'string';
        if (!shaped) {
          failures.push(
            `${operation.method} ${operation.path}: ${response.status} ${response.text.slice(0, 200)}`,
          );
        } else {
          failures.push(...outcome(`${operation.method} ${operation.path}`, response, field, status));
        }
      }
      expect(failures).toEqual([]);
    },
  );

  it('answers 400 naming email to a sign-in with a lone surrogate, without a token', async () => {
    const response = await t
      .http()
      .post('/api/auth/login')
      .send({ email: '\ud800', password: 'x' })
      .expect(400);
    expect(response.body.details).toEqual([
      { field: 'email', problem: 'must be valid Unicode text (it holds a lone surrogate)' },
    ]);
  });

  it('answers 400 naming caseId to a calendar feed for caseId null, and makes no feed', async () => {
    const response = await t
      .http()
      .post('/api/calendar/feeds')
      .set(bearer(t.users.viewer))
      .send({ caseId: null })
      .expect(400);
    expect(response.body.details).toEqual([{ field: 'caseId', problem: 'caseId must be a UUID' }]);
    expect(await t.dataSource.query('SELECT id FROM calendar_feeds')).toEqual([]);
  });

  /** Every page route the router serves (not /api, /docs or the assets), with unknown ids in its path. */
  const pageRoutes = (method: string): string[] => {
    const router = (
      t.app.getHttpAdapter().getInstance() as {
        router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] };
      }
    ).router;
    return (
      router.stack
        .filter((layer) => layer.route?.methods[method])
        .map((layer) => layer.route!.path)
        // `{/*splat}` is middleware mounted on every path (the request logger), not a page.
        .filter((path) => !path.includes('*'))
        // Health checks and metrics are for machines, not pages (their answers are tested on their own).
        .filter(
          (path) => !/^\/(api|docs|assets|calendar|health|metrics)\b/.test(path) && !path.startsWith('/docs'),
        )
        .map((path) => path.replace(/:\w+/g, UNKNOWN_ID))
    );
  };

  // A form cannot carry a lone surrogate (URL encoding has no bytes for one); a NUL it can.
  it('pages: every form post and every page answers 400 naming the field for a NUL character, and writes nothing', async () => {
    const web = await signInToWeb(t, t.users.admin);
    const before = await auditRows();
    // Sign-in and sign-out carry a token of their own; the API sign-in is checked above.
    const posts = pageRoutes('post').filter((path) => path !== '/login' && path !== '/logout');
    expect(posts.length).toBeGreaterThan(20);
    const failures: string[] = [];
    for (const path of posts) {
      const response = await web.agent.post(path).type('form').send({ _csrf: web.csrf, probe: NUL });
      if (response.status !== 400 || !response.text.includes('probe must not contain a NUL character')) {
        failures.push(`POST ${path}: ${response.status}`);
      }
    }
    for (const path of pageRoutes('get').filter((path) => path !== '/logout')) {
      const response = await web.agent.get(`${path}?q=%00`);
      if (response.status !== 400 || !response.text.includes('q must not contain a NUL character')) {
        failures.push(`GET ${path}: ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await auditRows()).toBe(before);
  });

  it('pages: no page answers 500 to a huge offset or limit', async () => {
    const web = await signInToWeb(t, t.users.admin);
    const failures: string[] = [];
    for (const path of pageRoutes('get')) {
      for (const query of ['offset=9223372036854775808', 'limit=1e300', 'offset=-1']) {
        const response = await web.agent.get(`${path}?${query}`);
        if (response.status >= 500) {
          failures.push(`GET ${path}?${query}: ${response.status}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('pages: a NUL in the defender search or in a form field is a 400 page naming the field', async () => {
    const web = await signInToWeb(t, t.users.caseworker);
    const search = await web.agent.get('/defenders?q=%00').expect(400);
    expect(search.text).toContain('q must not contain a NUL character');
    const form = await web.agent
      .post('/defenders')
      .type('form')
      .send({ _csrf: web.csrf, fullName: NUL, country: 'IN' })
      .expect(400);
    expect(form.text).toContain('fullName must not contain a NUL character');
    expect(await t.dataSource.query(`SELECT id FROM defenders WHERE full_name LIKE 'a%'`)).toEqual([]);
  });
});
