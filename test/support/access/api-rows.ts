import { randomBytes } from 'node:crypto';
import { totpCode } from '../../../src/two-factor/totp';
import { limitBody } from '../../factories/statutory-limits';
import { bearer } from '../test-app';
import { MATRIX_PDF } from './fixture';
import { general, MatrixRow, onCase, RowContext } from './matrix';

// The API's rows. Statuses are for [anonymous, viewer, caseworker, admin]. Reads use the shared
// case set; writes and deletes make their own rows (c.fresh). By-id reads of entries ask for the
// confidential one, so a viewer's 404 is part of the table.

export const NEW_PASSWORD = 'violet kettle drums at midnight';
const email = () => `matrix-${randomBytes(4).toString('hex')}@example.net`;

/** Starts a two-factor enrolment for the actor and answers the code their app would show now. */
async function enrolmentCode(c: RowContext, now: () => Date): Promise<string> {
  if (!c.actor) {
    return '123456';
  }
  const started = await c.fresh
    .http()
    .post('/api/auth/two-factor/enrolment')
    .set(bearer(c.actor))
    .expect(200);
  return totpCode(started.body.secret as string, now());
}

/** A user other than the one asking who may see the case set (their feed, their watch, their digest). */
export const someoneElse = (c: RowContext) =>
  c.actor?.id === c.peers.viewer.id ? c.peers.caseworker : c.peers.viewer;

const pdf = { field: 'file', content: MATRIX_PDF, name: 'matrix.pdf' };

/** The entry of each kind a documents row is about: a confidential one, so a viewer's 404 is in the table. */
const documentEntries = (c: RowContext) => ({
  events: c.set.confidentialEvent.id,
  charges: c.set.confidentialCharge.id,
  hearings: c.set.confidentialHearing.id,
  'custody-orders': c.set.confidentialCustodyOrder.id,
});

export const apiRows = (now: () => Date): MatrixRow[] => [
  // Search: results are filtered by what the reader may read, the status is the same for all.
  general('GET /api/search', [401, 200, 200, 200], () => ({ query: 'q=matrix' })),

  // Documents on entries
  ...(['events', 'charges', 'hearings', 'custody-orders'] as const).flatMap((kind) => [
    onCase(`POST /api/${kind}/:id/documents`, [401, 403, 201, 201], (c) => ({
      params: { id: documentEntries(c)[kind] },
      file: pdf,
    })),
    onCase(`GET /api/${kind}/:id/documents`, [401, 404, 200, 200], (c) => ({
      params: { id: documentEntries(c)[kind] },
    })),
  ]),
  onCase('GET /api/documents/:id', [401, 404, 200, 200], (c) => ({
    params: { id: c.set.confidentialDocumentId },
  })),
  onCase('DELETE /api/documents/:id', [401, 403, 204, 204], async (c) => ({
    params: { id: await c.fresh.documentId() },
  })),

  // Accounts
  general('GET /api/users/me', [401, 200, 200, 200]),
  general(
    'POST /api/users/me/password',
    [401, 204, 204, 204],
    (c) => ({
      body: { currentPassword: c.actor?.password ?? 'x', newPassword: NEW_PASSWORD },
    }),
    { ownUser: true },
  ),
  general('POST /api/users', [401, 403, 403, 201], () => ({
    body: { email: email(), name: 'Matrix user', password: NEW_PASSWORD, role: 'viewer' },
  })),
  general('GET /api/users', [401, 403, 403, 200]),
  general('GET /api/users/:id', [401, 403, 403, 200], (c) => ({ params: { id: c.users.viewer.id } })),
  general('PATCH /api/users/:id', [401, 403, 403, 200], async (c) => ({
    params: { id: (await c.fresh.user()).id },
    body: { name: 'Renamed by the matrix' },
  })),
  general('DELETE /api/users/:id', [401, 403, 403, 200], async (c) => ({
    params: { id: (await c.fresh.user()).id },
  })),

  general('GET /api/audit', [401, 403, 403, 200]),

  // Sign-in and two factors (the sign-in routes are open: the credentials are in the body)
  general('POST /api/auth/login', [200, 200, 200, 200], async (c) => {
    const user = await c.fresh.user();
    return { body: { email: user.email, password: user.password } };
  }),
  general('POST /api/auth/login/second-factor', [401, 401, 401, 401], () => ({
    body: { challenge: 'no-such-challenge', code: '123456' },
  })),
  general('POST /api/auth/login/enrol', [401, 401, 401, 401], () => ({
    body: { challenge: 'no-such-challenge' },
  })),
  general('GET /api/auth/two-factor', [401, 200, 200, 200]),
  general('POST /api/auth/two-factor/enrolment', [401, 200, 200, 200], undefined, { ownUser: true }),
  general(
    'POST /api/auth/two-factor/enrolment/confirm',
    [401, 200, 200, 200],
    async (c) => ({
      body: { code: await enrolmentCode(c, now) },
    }),
    { ownUser: true },
  ),
  general('GET /api/auth/two-factor/requirement', [401, 403, 403, 200]),
  general('PUT /api/auth/two-factor/requirement', [401, 403, 403, 200], () => ({
    body: { requireTwoFactor: false },
  })),
  general('DELETE /api/users/:id/two-factor', [401, 403, 403, 200], async (c) => ({
    params: { id: (await c.fresh.user()).id },
  })),

  // Reminders and who gets them
  general('GET /api/reminders', [401, 200, 200, 200]),
  onCase('POST /api/reminders/:id/retry', [401, 403, 200, 200], async (c) => ({
    params: { id: (await c.fresh.failedReminder()).id },
  })),
  general(
    'POST /api/reminders/:id/retry',
    [401, 403, 404, 200],
    async (c) => ({
      params: { id: (await c.fresh.failedDigest(someoneElse(c).id)).id },
    }),
    { variant: "another user's weekly digest" },
  ),
  general('GET /api/settings/reminders', [401, 403, 403, 200]),
  general('PUT /api/settings/reminders', [401, 403, 403, 200], () => ({
    body: {
      hearingOffsets: ['P7D', 'P1D'],
      custodyOffsets: ['P3D'],
      statutoryOffsets: ['P14D'],
      milestoneDays: [100, 365],
      milestonesYearly: true,
    },
  })),
  onCase('GET /api/cases/:id/reminder-policy', [401, 200, 200, 200], (c) => ({
    params: { id: c.set.case.id },
  })),
  onCase('PUT /api/cases/:id/reminder-policy', [401, 403, 200, 200], async (c) => ({
    params: { id: (await c.fresh.case()).id },
    body: { hearingOffsets: ['P2D'] },
  })),
  onCase('GET /api/cases/:id/watchers', [401, 200, 200, 200], (c) => ({ params: { id: c.set.case.id } })),
  onCase('POST /api/cases/:id/watchers', [401, 200, 200, 200], async (c) => ({
    params: { id: (await c.fresh.case()).id },
    body: {},
  })),
  onCase(
    'POST /api/cases/:id/watchers',
    [401, 403, 200, 200],
    async (c) => ({
      params: { id: (await c.fresh.case()).id },
      body: { userId: someoneElse(c).id },
    }),
    { variant: 'someone else as watcher', refusal: 'after lookup' },
  ),
  onCase('DELETE /api/cases/:id/watchers/:userId', [401, 204, 204, 204], async (c) => {
    const watcher = c.actor ?? c.users.caseworker;
    const kase = await c.fresh.case();
    await c.fresh.watch(kase.id, watcher.id);
    return { params: { id: kase.id, userId: watcher.id } };
  }),
  onCase(
    'DELETE /api/cases/:id/watchers/:userId',
    [401, 403, 204, 204],
    async (c) => {
      const watcher = someoneElse(c);
      const kase = await c.fresh.case();
      await c.fresh.watch(kase.id, watcher.id);
      return { params: { id: kase.id, userId: watcher.id } };
    },
    { variant: "someone else's watch", refusal: 'after lookup' },
  ),
  onCase('GET /api/cases/:id/recipients', [401, 403, 200, 200], (c) => ({ params: { id: c.set.case.id } })),
  onCase('POST /api/cases/:id/recipients', [401, 403, 201, 201], async (c) => ({
    params: { id: (await c.fresh.case()).id },
    body: { name: 'Counsel for the defence', email: email() },
  })),
  onCase('DELETE /api/cases/:id/recipients/:recipientId', [401, 403, 204, 204], async (c) => {
    const recipient = await c.fresh.recipient();
    return { params: { id: recipient.caseId, recipientId: recipient.id } };
  }),

  // Statutory limits
  general('GET /api/statutory-limits', [401, 200, 200, 200]),
  general('POST /api/statutory-limits', [401, 403, 403, 201], () => ({
    body: limitBody(60, { country: 'NP', lawPattern: `Act ${randomBytes(3).toString('hex')}` }),
  })),
  general('PATCH /api/statutory-limits/:id', [401, 403, 403, 200], async (c) => ({
    params: { id: await c.fresh.statutoryLimitId() },
    body: { periods: [{ length: 70, unit: 'days', renewedByCourt: false }] },
  })),
  general('DELETE /api/statutory-limits/:id', [401, 403, 403, 204], async (c) => ({
    params: { id: await c.fresh.statutoryLimitId() },
  })),
  onCase('GET /api/cases/:id/statutory-limits', [401, 200, 200, 200], (c) => ({
    params: { id: c.set.case.id },
  })),

  // Defenders and cases
  general('POST /api/defenders', [401, 403, 201, 201], () => ({
    body: { fullName: 'Made by the matrix', country: 'IN' },
  })),
  general('GET /api/defenders', [401, 200, 200, 200]),
  onCase('GET /api/defenders/:id', [401, 200, 200, 200], (c) => ({ params: { id: c.set.defender.id } })),
  onCase('GET /api/defenders/:id/cases', [401, 200, 200, 200], (c) => ({
    params: { id: c.set.defender.id },
  })),
  onCase('PATCH /api/defenders/:id', [401, 403, 200, 200], async (c) => ({
    params: { id: (await c.fresh.defender()).id },
    body: { bio: 'Edited by the matrix' },
  })),
  onCase('DELETE /api/defenders/:id', [401, 403, 204, 204], async (c) => ({
    params: { id: (await c.fresh.defender()).id },
  })),
  // The defender is named in the body: one that does not exist (or is hidden) is a 400 on that field.
  onCase(
    'POST /api/cases',
    [401, 403, 201, 201],
    (c) => ({
      body: {
        defenderId: c.set.defender.id,
        title: 'Second case',
        country: 'IN',
        timezone: 'Asia/Kolkata',
        status: 'charged',
      },
    }),
    { unknown: 400 },
  ),
  general('GET /api/cases', [401, 200, 200, 200]),
  general('GET /api/cases/export', [401, 200, 200, 200], () => ({ query: 'format=xlsx' })),
  onCase('GET /api/cases/:id', [401, 200, 200, 200], (c) => ({ params: { id: c.set.case.id } })),
  onCase('PATCH /api/cases/:id', [401, 403, 200, 200], async (c) => ({
    params: { id: (await c.fresh.case()).id },
    body: { title: 'Renamed by the matrix' },
  })),
  onCase('DELETE /api/cases/:id', [401, 403, 204, 204], async (c) => ({
    params: { id: (await c.fresh.case()).id },
  })),
  // Co-accused: a defender added to a case, and taken out again
  onCase('POST /api/cases/:id/participants', [401, 403, 201, 201], async (c) => ({
    params: { id: (await c.fresh.case()).id },
    body: { defenderId: (await c.fresh.defender()).id },
  })),
  onCase('DELETE /api/cases/:id/participants/:defenderId', [401, 403, 200, 200], async (c) => {
    const { caseId, defenderId } = await c.fresh.coAccused();
    return { params: { id: caseId, defenderId } };
  }),
  onCase('POST /api/entries/:kind/:id/move', [401, 403, 200, 200], async (c) => ({
    params: { kind: 'event', id: (await c.fresh.event()).id },
    body: { toCaseId: (await c.fresh.case()).id },
  })),

  // Entries (by id: the confidential one)
  onCase('POST /api/cases/:caseId/charges', [401, 403, 201, 201], (c) => ({
    params: { caseId: c.set.case.id },
    body: { law: 'Penal Code', status: 'alleged', visibility: 'public' },
  })),
  onCase('GET /api/cases/:caseId/charges', [401, 200, 200, 200], (c) => ({
    params: { caseId: c.set.case.id },
  })),
  onCase('GET /api/charges/:id', [401, 404, 200, 200], (c) => ({
    params: { id: c.set.confidentialCharge.id },
  })),
  onCase('PATCH /api/charges/:id', [401, 403, 200, 200], async (c) => ({
    params: { id: (await c.fresh.charge()).id },
    body: { section: '20' },
  })),
  onCase('DELETE /api/charges/:id', [401, 403, 204, 204], async (c) => ({
    params: { id: (await c.fresh.charge()).id },
  })),
  onCase('POST /api/cases/:caseId/hearings', [401, 403, 201, 201], (c) => ({
    params: { caseId: c.set.case.id },
    body: { scheduledAt: '2022-10-03T10:30', visibility: 'public' },
  })),
  onCase('GET /api/cases/:caseId/hearings', [401, 200, 200, 200], (c) => ({
    params: { caseId: c.set.case.id },
  })),
  onCase('GET /api/hearings/:id', [401, 404, 200, 200], (c) => ({
    params: { id: c.set.confidentialHearing.id },
  })),
  onCase('PATCH /api/hearings/:id', [401, 403, 200, 200], async (c) => ({
    params: { id: (await c.fresh.hearing()).id },
    body: { judge: 'A judge' },
  })),
  onCase('DELETE /api/hearings/:id', [401, 403, 204, 204], async (c) => ({
    params: { id: (await c.fresh.hearing()).id },
  })),
  onCase('POST /api/hearings/:id/outcome', [401, 403, 200, 200], async (c) => ({
    params: { id: (await c.fresh.hearing()).id },
    body: { result: 'Adjourned' },
  })),
  onCase('POST /api/cases/:caseId/custody-orders', [401, 403, 201, 201], (c) => ({
    params: { caseId: c.set.case.id },
    body: { kind: 'judicial', orderedOn: '2021-12-24', days: 14, visibility: 'public' },
  })),
  onCase('GET /api/cases/:caseId/custody-orders', [401, 200, 200, 200], (c) => ({
    params: { caseId: c.set.case.id },
  })),
  onCase('GET /api/custody-orders/:id', [401, 404, 200, 200], (c) => ({
    params: { id: c.set.confidentialCustodyOrder.id },
  })),
  onCase('PATCH /api/custody-orders/:id', [401, 403, 200, 200], async (c) => ({
    params: { id: (await c.fresh.custodyOrder()).id },
    body: { days: 11 },
  })),
  onCase('DELETE /api/custody-orders/:id', [401, 403, 204, 204], async (c) => ({
    params: { id: (await c.fresh.custodyOrder()).id },
  })),
  onCase('POST /api/cases/:caseId/events', [401, 403, 201, 201], (c) => ({
    params: { caseId: c.set.case.id },
    body: {
      occurredOn: '2021-10-05',
      precision: 'day',
      type: 'raid',
      description: 'A second raid',
      visibility: 'public',
      sources: [],
    },
  })),
  onCase('GET /api/cases/:caseId/events', [401, 200, 200, 200], (c) => ({
    params: { caseId: c.set.case.id },
  })),
  onCase('GET /api/events/:id', [401, 404, 200, 200], (c) => ({
    params: { id: c.set.confidentialEvent.id },
  })),
  onCase('PATCH /api/events/:id', [401, 403, 200, 200], async (c) => ({
    params: { id: (await c.fresh.event()).id },
    body: { title: 'Retitled by the matrix' },
  })),
  onCase('DELETE /api/events/:id', [401, 403, 204, 204], async (c) => ({
    params: { id: (await c.fresh.event()).id },
  })),
  onCase('GET /api/cases/:caseId/timeline', [401, 200, 200, 200], (c) => ({
    params: { caseId: c.set.case.id },
  })),

  // Chronologies (exports) and their settings
  onCase('GET /api/cases/:id/chronology', [401, 200, 200, 200], (c) => ({ params: { id: c.set.case.id } })),
  onCase('GET /api/defenders/:id/chronology', [401, 200, 200, 200], (c) => ({
    params: { id: c.set.defender.id },
  })),
  // An export with confidential entries is for caseworkers and admins; a viewer asking for one is refused.
  onCase(
    'GET /api/cases/:id/chronology',
    [401, 403, 200, 200],
    (c) => ({ params: { id: c.set.case.id }, query: 'visibility=all' }),
    {
      variant: 'with confidential entries',
      refusal: 'after lookup',
    },
  ),
  onCase(
    'GET /api/defenders/:id/chronology',
    [401, 403, 200, 200],
    (c) => ({ params: { id: c.set.defender.id }, query: 'visibility=all' }),
    {
      variant: 'with confidential entries',
      refusal: 'after lookup',
    },
  ),
  onCase('POST /api/cases/:id/chronology/import', [401, 403, 200, 200], async (c) => ({
    params: { id: (await c.fresh.case()).id },
    body: { text: '3 March 2022: the police raided the family home.' },
  })),
  general('GET /api/settings/organisation', [401, 200, 200, 200]),
  general('PUT /api/settings/organisation', [401, 403, 403, 200], () => ({
    body: { name: 'A rights collective', contact: 'desk@example.net' },
  })),
  general('GET /api/chronology/closing-lines', [401, 200, 200, 200]),
  general('PUT /api/chronology/closing-lines/:country/:lang', [401, 403, 403, 200], () => ({
    params: { country: 'NP', lang: 'en' },
    body: { text: 'A closing line of the matrix.' },
  })),
  general('DELETE /api/chronology/closing-lines/:country/:lang', [401, 403, 403, 204], async (c) => {
    await c.fresh.closingLine('LK', 'en');
    return { params: { country: 'LK', lang: 'en' } };
  }),

  // Calendar feeds: the API for their owner; the feed itself opens with its secret token alone
  onCase('POST /api/calendar/feeds', [401, 201, 201, 201], (c) => ({ body: { caseId: c.set.case.id } })),
  general('GET /api/calendar/feeds', [401, 200, 200, 200]),
  general('DELETE /api/calendar/feeds/:id', [401, 204, 204, 204], async (c) => ({
    params: { id: (await c.fresh.feed(c.actor ?? c.users.caseworker)).id },
  })),
  // Admins may revoke anyone's feed; others do not learn that someone else's exists.
  general(
    'DELETE /api/calendar/feeds/:id',
    [401, 404, 404, 204],
    async (c) => ({
      params: { id: (await c.fresh.feed(someoneElse(c))).id },
    }),
    { variant: "another user's feed" },
  ),
  general('GET /calendar/:token.ics', [200, 200, 200, 200], async (c) => ({
    params: { token: (await c.fresh.feed(c.users.caseworker)).token },
  })),
];
