import { randomBytes } from 'node:crypto';
import { MATRIX_PDF } from './fixture';
import { general, MatrixRow, onCase, RowContext } from './matrix';
import { NEW_PASSWORD, someoneElse } from './api-rows';

// The web pages' rows, and everything else the app serves outside /api. Statuses are for
// [anonymous, viewer, caseworker, admin]. A page sends a visitor who is not signed in to /login
// (303); a form that saves answers 303 to the page that shows the result; a page refused by role
// is 403. Posts carry the session's CSRF token (added by the runner), so a 403 is the role's.

const SIGN_IN = 303;
const email = () => `matrix-${randomBytes(4).toString('hex')}@example.net`;

/** The entry of each kind a documents page is about: a confidential one, so a viewer's 404 is in the table. */
const documentEntries = (c: RowContext) => ({
  events: c.set.confidentialEvent.id,
  charges: c.set.confidentialCharge.id,
  hearings: c.set.confidentialHearing.id,
  'custody-orders': c.set.confidentialCustodyOrder.id,
});

export const pageRows = (): MatrixRow[] => [
  general('GET /search', [SIGN_IN, 200, 200, 200], () => ({ query: 'q=matrix' })),
  ...(['events', 'charges', 'hearings', 'custody-orders'] as const).flatMap((kind) => [
    onCase(`GET /${kind}/:id/documents`, [SIGN_IN, 404, 200, 200], (c) => ({
      params: { id: documentEntries(c)[kind] },
    })),
    onCase(`POST /${kind}/:id/documents`, [SIGN_IN, 403, 303, 303], (c) => ({
      params: { id: documentEntries(c)[kind] },
      file: { field: 'file', content: MATRIX_PDF, name: 'matrix.pdf' },
    })),
  ]),
  onCase('GET /documents/:id', [SIGN_IN, 404, 200, 200], (c) => ({
    params: { id: c.set.confidentialDocumentId },
  })),
  onCase('POST /documents/:id/delete', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: await c.fresh.documentId() },
  })),

  // Signing in and out, and one's own account
  // Signed-in users are sent on from the sign-in pages; their session's token is not a sign-in
  // form's, so their posts to them are refused as an expired form (403).
  general('GET /login', [200, 303, 303, 303]),
  general(
    'POST /login',
    [303, 403, 403, 403],
    async (c) => {
      const user = await c.fresh.user();
      return { body: { email: user.email, password: user.password }, csrfFrom: '/login' };
    },
    { ownUser: true },
  ),
  general('GET /login/second-factor', [303, 303, 303, 303]),
  general(
    'POST /login/second-factor',
    [303, 403, 403, 403],
    () => ({ body: { code: '123456' }, csrfFrom: '/login' }),
    {
      ownUser: true,
    },
  ),
  general('GET /logout', [SIGN_IN, 200, 200, 200]),
  general('POST /logout', [303, 303, 303, 303], undefined, { ownUser: true }),
  general('GET /account/password', [SIGN_IN, 200, 200, 200]),
  general('GET /account/language', [SIGN_IN, 200, 200, 200]),
  general('POST /account/language', [SIGN_IN, 303, 303, 303], () => ({ body: { language: 'fr' } }), {
    ownUser: true,
  }),
  general(
    'POST /account/password',
    [SIGN_IN, 303, 303, 303],
    (c) => ({
      body: { currentPassword: c.actor?.password ?? 'x', newPassword: NEW_PASSWORD },
    }),
    { ownUser: true },
  ),
  // Calendar feeds: one's own, as in the API; a feed of one case is about that case.
  general('GET /account/feeds', [SIGN_IN, 200, 200, 200]),
  onCase('GET /account/feeds', [SIGN_IN, 200, 200, 200], (c) => ({ query: `caseId=${c.set.case.id}` }), {
    variant: 'for one case',
  }),
  general('POST /account/feeds', [SIGN_IN, 200, 200, 200]),
  onCase(
    'POST /account/feeds',
    [SIGN_IN, 200, 200, 200],
    (c) => ({ body: { scope: 'case', caseId: c.set.case.id } }),
    { variant: 'for one case' },
  ),
  general('POST /account/feeds/:id/revoke', [SIGN_IN, 303, 303, 303], async (c) => ({
    params: { id: (await c.fresh.feed(c.actor ?? c.users.caseworker)).id },
  })),
  // Admins may revoke anyone's feed; others do not learn that someone else's exists.
  general(
    'POST /account/feeds/:id/revoke',
    [SIGN_IN, 404, 404, 303],
    async (c) => ({ params: { id: (await c.fresh.feed(someoneElse(c))).id } }),
    { variant: "another user's feed" },
  ),
  general('GET /settings/two-factor', [SIGN_IN, 200, 200, 200], undefined, { ownUser: true }),
  general('POST /settings/two-factor', [SIGN_IN, 400, 400, 400], () => ({ body: { code: '' } }), {
    ownUser: true,
  }),

  // Dashboard, defenders, cases
  general('GET /', [SIGN_IN, 200, 200, 200]),
  onCase('POST /reminders/:id/retry', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: (await c.fresh.failedReminder()).id },
  })),
  general(
    'POST /reminders/:id/retry',
    [SIGN_IN, 403, 404, 303],
    async (c) => ({
      params: { id: (await c.fresh.failedDigest(someoneElse(c).id)).id },
    }),
    { variant: "another user's weekly digest" },
  ),
  general('GET /defenders', [SIGN_IN, 200, 200, 200]),
  general('GET /defenders/new', [SIGN_IN, 403, 200, 200]),
  general('POST /defenders', [SIGN_IN, 403, 303, 303], () => ({
    body: { fullName: 'Made on a page', country: 'IN' },
  })),
  onCase('GET /defenders/:id', [SIGN_IN, 200, 200, 200], (c) => ({ params: { id: c.set.defender.id } })),
  onCase('GET /defenders/:id/edit', [SIGN_IN, 403, 200, 200], (c) => ({ params: { id: c.set.defender.id } })),
  onCase('POST /defenders/:id', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: (await c.fresh.defender()).id },
    body: { fullName: 'Edited on a page', country: 'IN' },
  })),
  general('GET /cases', [SIGN_IN, 200, 200, 200]),
  general('GET /cases/export', [SIGN_IN, 200, 200, 200], () => ({ query: 'format=csv' })),
  general('GET /calendar', [SIGN_IN, 200, 200, 200]),
  onCase('GET /defenders/:id/cases/new', [SIGN_IN, 403, 200, 200], (c) => ({
    params: { id: c.set.defender.id },
  })),
  onCase('POST /cases', [SIGN_IN, 403, 303, 303], (c) => ({
    body: {
      defenderId: c.set.defender.id,
      title: 'Case made on a page',
      country: 'IN',
      timezone: 'Asia/Kolkata',
      status: 'charged',
      detentionStatus: 'not_detained',
      arrestedOnPrecision: 'day',
      releasedOnPrecision: 'day',
    },
  })),
  onCase('GET /cases/:id', [SIGN_IN, 200, 200, 200], (c) => ({ params: { id: c.set.case.id } })),
  onCase('GET /cases/:id/edit', [SIGN_IN, 403, 200, 200], (c) => ({ params: { id: c.set.case.id } })),
  onCase('POST /cases/:id', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: (await c.fresh.case()).id },
    body: { title: 'Edited on a page', country: 'IN', timezone: 'Asia/Kolkata', status: 'on_trial' },
  })),
  // Deleting: a page that says what goes, then the post; the caseworkers', as in the API. A fresh
  // defender has no case, so the delete goes through.
  onCase('GET /cases/:id/delete', [SIGN_IN, 403, 200, 200], (c) => ({ params: { id: c.set.case.id } })),
  onCase('POST /cases/:id/delete', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: (await c.fresh.case()).id },
  })),
  onCase('GET /defenders/:id/delete', [SIGN_IN, 403, 200, 200], (c) => ({
    params: { id: c.set.defender.id },
  })),
  onCase('POST /defenders/:id/delete', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: (await c.fresh.defender()).id },
  })),

  // Entries: the forms are the caseworkers'
  onCase('GET /cases/:id/charges/new', [SIGN_IN, 403, 200, 200], (c) => ({ params: { id: c.set.case.id } })),
  onCase('POST /cases/:id/charges', [SIGN_IN, 403, 303, 303], (c) => ({
    params: { id: c.set.case.id },
    body: { law: 'Penal Code', status: 'alleged', visibility: 'public', broughtOnPrecision: 'day' },
  })),
  onCase('GET /charges/:id/edit', [SIGN_IN, 403, 200, 200], (c) => ({
    params: { id: c.set.confidentialCharge.id },
  })),
  onCase('POST /charges/:id', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: (await c.fresh.charge()).id },
    body: { law: 'Penal Code', status: 'framed', visibility: 'public', broughtOnPrecision: 'day' },
  })),
  onCase('POST /charges/:id/delete', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: (await c.fresh.charge()).id },
  })),
  onCase('GET /cases/:id/events/new', [SIGN_IN, 403, 200, 200], (c) => ({ params: { id: c.set.case.id } })),
  onCase('POST /cases/:id/events', [SIGN_IN, 403, 303, 303], (c) => ({
    params: { id: c.set.case.id },
    body: {
      occurredOn: '2021-09',
      precision: 'month',
      type: 'raid',
      description: 'Raided on a page',
      visibility: 'public',
    },
  })),
  onCase('GET /events/:id/edit', [SIGN_IN, 403, 200, 200], (c) => ({
    params: { id: c.set.confidentialEvent.id },
  })),
  onCase('POST /events/:id', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: (await c.fresh.event()).id },
    body: {
      occurredOn: '2021-09-02',
      precision: 'day',
      type: 'raid',
      description: 'Edited on a page',
      visibility: 'public',
    },
  })),
  onCase('POST /events/:id/delete', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: (await c.fresh.event()).id },
  })),
  onCase('POST /entries/:kind/:id/move', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { kind: 'event', id: (await c.fresh.event()).id },
    body: { toCaseId: (await c.fresh.case()).id },
  })),
  onCase('GET /cases/:id/custody-orders/new', [SIGN_IN, 403, 200, 200], (c) => ({
    params: { id: c.set.case.id },
  })),
  onCase('POST /cases/:id/custody-orders', [SIGN_IN, 403, 303, 303], (c) => ({
    params: { id: c.set.case.id },
    body: { kind: 'judicial', orderedOn: '2021-12-20', days: '14', visibility: 'public' },
  })),
  onCase('GET /custody-orders/:id/edit', [SIGN_IN, 403, 200, 200], (c) => ({
    params: { id: c.set.confidentialCustodyOrder.id },
  })),
  onCase('POST /custody-orders/:id', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: (await c.fresh.custodyOrder()).id },
    body: { kind: 'judicial', orderedOn: '2021-12-20', days: '15', visibility: 'public' },
  })),
  onCase('POST /custody-orders/:id/delete', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: (await c.fresh.custodyOrder()).id },
  })),
  onCase('GET /cases/:id/hearings/new', [SIGN_IN, 403, 200, 200], (c) => ({ params: { id: c.set.case.id } })),
  onCase('POST /cases/:id/hearings', [SIGN_IN, 403, 303, 303], (c) => ({
    params: { id: c.set.case.id },
    body: { scheduledDate: '2022-11-07', scheduledTime: '10:30', visibility: 'public' },
  })),
  onCase('GET /hearings/:id/edit', [SIGN_IN, 403, 200, 200], (c) => ({
    params: { id: c.set.confidentialHearing.id },
  })),
  onCase('POST /hearings/:id', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: (await c.fresh.hearing()).id },
    body: { scheduledDate: '2022-11-08', scheduledTime: '11:00', visibility: 'public' },
  })),
  onCase('POST /hearings/:id/delete', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: (await c.fresh.hearing()).id },
  })),
  onCase('GET /hearings/:id/outcome', [SIGN_IN, 403, 200, 200], (c) => ({
    params: { id: c.set.publicHearing.id },
  })),
  onCase('POST /hearings/:id/outcome', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: (await c.fresh.hearing()).id },
    body: { result: 'Adjourned', status: 'held' },
  })),

  // Chronology: the page and its export are readers'; the import is the caseworkers'
  onCase('GET /cases/:id/chronology', [SIGN_IN, 200, 200, 200], (c) => ({ params: { id: c.set.case.id } })),
  onCase('GET /cases/:id/chronology/export', [SIGN_IN, 200, 200, 200], (c) => ({
    params: { id: c.set.case.id },
  })),
  onCase(
    'GET /cases/:id/chronology/export',
    [SIGN_IN, 403, 200, 200],
    (c) => ({ params: { id: c.set.case.id }, query: 'visibility=all' }),
    {
      variant: 'with confidential entries',
      refusal: 'after lookup',
    },
  ),
  onCase('GET /defenders/:id/chronology', [SIGN_IN, 200, 200, 200], (c) => ({
    params: { id: c.set.defender.id },
  })),
  onCase('GET /defenders/:id/chronology/export', [SIGN_IN, 200, 200, 200], (c) => ({
    params: { id: c.set.defender.id },
  })),
  onCase(
    'GET /defenders/:id/chronology/export',
    [SIGN_IN, 403, 200, 200],
    (c) => ({ params: { id: c.set.defender.id }, query: 'visibility=all' }),
    {
      variant: 'with confidential entries',
      refusal: 'after lookup',
    },
  ),
  onCase('POST /cases/:id/chronology/import', [SIGN_IN, 403, 200, 200], async (c) => ({
    params: { id: (await c.fresh.case()).id },
    body: { text: '3 March 2022: the police raided the family home.', visibility: 'public' },
  })),
  onCase('POST /cases/:id/chronology/import/confirm', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: (await c.fresh.case()).id },
    body: { text: '3 March 2022: the police raided the family home.', visibility: 'public' },
  })),

  // Settings
  general('GET /settings', [SIGN_IN, 200, 200, 200]),
  general('POST /settings/reminders', [SIGN_IN, 403, 403, 303], () => ({
    body: {
      hearingOffsets: 'P7D, P1D',
      custodyOffsets: 'P3D',
      statutoryOffsets: 'P14D',
      milestoneDays: '100',
      milestonesYearly: 'true',
    },
  })),
  // Statutory limits: anyone signed in reads them; only an admin opens a form or sends one (an
  // empty form comes back with its errors).
  general('GET /settings/statutory-limits', [SIGN_IN, 200, 200, 200]),
  general('GET /settings/statutory-limits/new', [SIGN_IN, 403, 403, 200]),
  general('GET /settings/statutory-limits/:id', [SIGN_IN, 403, 403, 200], async (c) => ({
    params: { id: await c.fresh.statutoryLimitId() },
  })),
  general('POST /settings/statutory-limits', [SIGN_IN, 403, 403, 400], () => ({ body: {} })),
  general('POST /settings/statutory-limits/:id', [SIGN_IN, 403, 403, 400], async (c) => ({
    params: { id: await c.fresh.statutoryLimitId() },
    body: {},
  })),
  general('POST /settings/organisation', [SIGN_IN, 403, 403, 303], () => ({
    body: { organisationName: 'A rights collective', organisationContact: 'desk@example.net' },
  })),
  general('POST /settings/users', [SIGN_IN, 403, 403, 303], () => ({
    body: { email: email(), name: 'Made on a page', password: NEW_PASSWORD, role: 'viewer' },
  })),
  general('POST /settings/users/:id/active', [SIGN_IN, 403, 403, 303], async (c) => ({
    params: { id: (await c.fresh.user()).id },
    body: { active: 'false' },
  })),
  onCase('GET /settings/cases/:id', [SIGN_IN, 200, 200, 200], (c) => ({ params: { id: c.set.case.id } })),
  onCase('POST /settings/cases/:id/watch', [SIGN_IN, 303, 303, 303], async (c) => ({
    params: { id: (await c.fresh.case()).id },
  })),
  onCase('POST /settings/cases/:id/recipients', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: (await c.fresh.case()).id },
    body: { name: 'Counsel', email: email(), language: 'en' },
  })),
  onCase('POST /settings/cases/:id/recipients/:recipientId/delete', [SIGN_IN, 403, 303, 303], async (c) => {
    const recipient = await c.fresh.recipient();
    return { params: { id: recipient.caseId, recipientId: recipient.id } };
  }),
  onCase('POST /settings/cases/:id/policy', [SIGN_IN, 403, 303, 303], async (c) => ({
    params: { id: (await c.fresh.case()).id },
    body: { hearingOffsets: 'P2D' },
  })),
  general('POST /settings/two-factor/requirement', [SIGN_IN, 403, 403, 303], () => ({
    body: { requireTwoFactor: 'false' },
  })),
  general('POST /settings/users/:id/two-factor/required', [SIGN_IN, 403, 403, 303], async (c) => ({
    params: { id: (await c.fresh.user()).id },
    body: { requireTwoFactor: 'false' },
  })),
  general('POST /settings/users/:id/two-factor/reset', [SIGN_IN, 403, 403, 303], async (c) => ({
    params: { id: (await c.fresh.user()).id },
  })),

  // Served to everyone: static files, the API's documentation, health; metrics need METRICS_TOKEN
  general('GET /assets/:name', [200, 200, 200, 200], () => ({ params: { name: 'vigil.css' } })),
  general('GET /health', [200, 200, 200, 200]),
  general('GET /health/ready', [200, 200, 200, 200]),
  // No worker runs beside this app: the check says so to everyone alike.
  general('GET /health/worker', [503, 503, 503, 503]),
  general('GET /health/queue', [401, 403, 403, 200], undefined, { via: 'api' }),
  // A user's token is not the scraper's token.
  general('GET /metrics', [401, 401, 401, 401], undefined, { via: 'api' }),
  ...['/docs', '/docs/', '/docs/index.html', '/docs/swagger-ui-init.js', '/docs/docs/swagger-ui-init.js'].map(
    (path) => general(`GET ${path}`, [200, 200, 200, 200]),
  ),
  // Registered by Swagger, but the file is not in the installed swagger-ui-dist: nobody gets it.
  general('GET /docs/LICENSE', [404, 404, 404, 404]),
  general('GET /docs-json', [200, 200, 200, 200]),
  general('GET /docs-yaml', [200, 200, 200, 200]),

  // Mounted middleware (listed by mount path): each is probed with one request
  // The JSON body check of /api answers only a write with another body type; requests pass through it.
  general('USE /api', [401, 200, 200, 200], () => ({ path: '/api/users/me' }), { via: 'api' }),
  general('USE /docs', [200, 200, 200, 200], () => ({ path: '/docs/swagger-ui.css' })),
  // The queue dashboard, signed in by the web session (or a bearer token): admins only.
  general('USE /admin/queues', [401, 403, 403, 200], () => ({ path: '/admin/queues' })),
];
