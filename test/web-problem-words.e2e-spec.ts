import { Case } from '../src/cases/case.entity';
import { Defender } from '../src/defenders/defender.entity';
import { makeCase, makeDefender } from './factories/cases';
import { makeEvent, makeHearing } from './factories/entries';
import { startTestApp, TestApp } from './support/test-app';
import { signInToWeb, WebAgent } from './support/web-session';

// Every form a caseworker or an admin fills in, posted with the mistakes people make, read back by
// a French reader: each problem beside its field and in the summary is in French, none in English.

/** Words of the API's English problems that no French sentence has. */
const ENGLISH =
  /\b(must|should|not|only|the|be|is|are|required|needs|each|valid|value|characters|number|than|least|most|following|applies|events?)\b/i;

const textOf = (html: string): string =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();

/** The problems a page shows: beside the fields, in the summary, in a refused import's notices. */
function problemsShown(html: string): string[] {
  const beside = [...html.matchAll(/<span class="field-error"[^>]*>([\s\S]*?)<\/span>\s*(?=<|$)/g)].map((m) =>
    textOf(m[1]),
  );
  const summary = /data-error-summary>([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
  const listed = [...summary.matchAll(/<li>([\s\S]*?)<\/li>/g)].map((m) => textOf(m[1]));
  const notices = [
    ...html.matchAll(/<section class="notice notice-error"[^>]*>([\s\S]*?)<\/section>/g),
  ].flatMap((m) => [...m[1].matchAll(/<li>([\s\S]*?)<\/li>/g)].map((li) => textOf(li[1])));
  return [...beside, ...listed, ...notices].map((problem) => problem.replace(/^Erreur\s*:\s*/, ''));
}

describe('web pages: every problem of a form in the reader’s words', () => {
  let t: TestApp;
  let french: WebAgent;
  let kase: Case;
  let defender: Defender;

  beforeAll(async () => {
    t = await startTestApp({ now: '2025-01-10T09:00:00Z' });
    await t.dataSource.query(`UPDATE users SET language = 'fr' WHERE id = $1`, [t.users.admin.id]);
    french = await signInToWeb(t, t.users.admin);
    defender = await makeDefender(t.dataSource, { fullName: 'Défenseur Un' });
    await makeDefender(t.dataSource, { fullName: 'Teodor Vlasov' });
    kase = await makeCase(t.dataSource, { defenderId: defender.id, arrestedOn: '2024-11-01' });
  });
  afterAll(() => t.close());

  const post = (path: string, fields: Record<string, string | string[]>) =>
    french.agent
      .post(path)
      .type('form')
      .send({ _csrf: french.csrf, ...fields });

  type Fields = Record<string, string | string[]>;
  const FORMS: [string, () => string, () => Fields][] = [
    [
      'an event with many mistakes',
      () => `/cases/${kase.id}/events`,
      () => ({
        occurredOn: 'mai 2022',
        precision: 'day',
        type: 'sentence',
        description: ' ',
        visibility: 'public',
        title: 'x'.repeat(301),
        custodyBasis: 'police',
        sentenceTerm: 'quinze ans',
        dayPosition: '500',
        'sources.0.url': 'pas une adresse',
        'sources.1.citation': ' ',
        'sources.1.url': '',
      }),
    ],
    [
      'an appeal decision without its decision',
      () => `/cases/${kase.id}/events`,
      () => ({
        occurredOn: '3 mai 2022',
        precision: 'day',
        type: 'appeal_decision',
        description: 'Appel',
        visibility: 'public',
        endedOn: '2 mai 2022',
        appealDeadline: '1 mai 2022',
      }),
    ],
    [
      'an appeal filed at the wrong stage, a deadline without decision',
      () => `/cases/${kase.id}/events`,
      () => ({
        occurredOn: '3 mai 2022',
        precision: 'day',
        type: 'appeal_filed',
        stage: 'investigation',
        description: 'Appel',
        visibility: 'public',
      }),
    ],
    [
      'a court event with a deadline and no decision',
      () => `/cases/${kase.id}/events`,
      () => ({
        occurredOn: '3 mai 2022',
        precision: 'day',
        type: 'court',
        description: 'Audience',
        visibility: 'public',
        appealDeadline: '10 mai 2022',
      }),
    ],
    [
      'a charge',
      () => `/cases/${kase.id}/charges`,
      () => ({
        law: ' ',
        maximumPenalty: 'sept ans',
        counts: '-1',
        broughtOn: '3 mai 2022',
        broughtOnPrecision: 'month',
        status: 'alleged',
        visibility: 'public',
        participantId: 'pas-un-identifiant',
      }),
    ],
    [
      'a custody order',
      () => `/cases/${kase.id}/custody-orders`,
      () => ({ kind: 'judicial', orderedOn: '', days: 'trois', visibility: 'public' }),
    ],
    [
      'a hearing',
      () => `/cases/${kase.id}/hearings`,
      () => ({ scheduledDate: '', scheduledTime: '25:00', visibility: 'public' }),
    ],
    [
      'a defender',
      () => '/defenders',
      () => ({ fullName: ' ', country: 'XX', 'contacts.0.email': 'pas-un-courriel' }),
    ],
    [
      'a case',
      () => '/cases',
      () => ({
        defenderId: defender.id,
        title: ' ',
        country: 'IN',
        timezone: 'Asia/Kolkata',
        status: 'charged',
        detentionStatus: 'in_custody',
        arrestedOn: '3 mai 2030',
        arrestedOnPrecision: 'day',
        releasedOn: '1 mai 2022',
        releasedOnPrecision: 'day',
      }),
    ],
    [
      'the reminder settings',
      () => '/settings/reminders',
      () => ({
        milestoneDays: '0 -5 abc',
        hungerStrikeDays: 'x',
        releaseOverdueAfter: 'bof',
        hearingOffsets: 'P7D',
      }),
    ],
    [
      'a case’s recipients',
      () => `/settings/cases/${kase.id}/recipients`,
      () => ({ email: 'pas-un-courriel', name: '' }),
    ],
    [
      'a case’s policy',
      () => `/settings/cases/${kase.id}/policy`,
      () => ({ milestoneDays: '999999', hearingOffsets: 'P7D' }),
    ],
    [
      'a user',
      () => '/settings/users',
      () => ({ email: 'pas-un-courriel', name: ' ', password: 'court', role: 'caseworker' }),
    ],
    [
      'a statutory limit',
      () => '/settings/statutory-limits',
      () => ({ country: 'IN', law: ' ', periods: '90 jours', penaltyFrom: 'sept ans', bases: '' }),
    ],
    [
      'a statutory limit’s periods',
      () => '/settings/statutory-limits',
      () => ({ country: 'IN', law: 'UAPA', periods: 'toujours' }),
    ],
    [
      'a statutory limit’s periods too long',
      () => '/settings/statutory-limits',
      () => ({ country: 'IN', law: 'UAPA', periods: '5000 jours' }),
    ],
    ['a team', () => '/settings/teams', () => ({ name: ' ' })],
    ['the import', () => `/cases/${kase.id}/chronology/import`, () => ({ text: ' ', visibility: 'public' })],
    [
      'the import’s corrections and sources',
      () => `/cases/${kase.id}/chronology/import`,
      () => ({
        text: '3 May 2022: Raid on his home.',
        visibility: 'public',
        'keep.lines.0.line': '1',
        'keep.lines.0.entry': '1',
        'keep.lines.0.type': 'sentence',
        'keep.lines.0.endedOn': 'hier',
        'keep.lines.0.personId': 'quelqu’un',
      }),
    ],
    [
      'the import saved with an entry that cannot be',
      () => `/cases/${kase.id}/chronology/import/confirm`,
      () => ({
        text: '3 May 2022: He was sentenced.\n\n31 February 2022: Custody extended.',
        visibility: 'public',
        'keep.lines.0.line': '1',
        'keep.lines.0.entry': '1',
        'keep.lines.0.type': 'sentence',
      }),
    ],
    [
      'the import’s entry kept for someone not in the case',
      () => `/cases/${kase.id}/chronology/import`,
      () => ({
        text: 'On 3 May 2023, Teodor Vlasov was arrested in Bucharest.',
        visibility: 'public',
        'keep.lines.0.line': '1',
        'keep.lines.0.entry': '1',
        'keep.lines.0.skip': 'false',
      }),
    ],
    ['the password', () => '/account/password', () => ({ currentPassword: 'faux', newPassword: 'court' })],
  ];

  it.each(FORMS)('says the problems of %s in French', async (_, path, fields) => {
    const page = await post(path(), fields());
    expect(page.status).toBe(400);
    const problems = problemsShown(page.text);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.filter((problem) => ENGLISH.test(problem))).toEqual([]);
  });

  it('says the problems of a hearing’s outcome in French', async () => {
    const hearing = await makeHearing(t.dataSource, kase);
    const page = await post(`/hearings/${hearing.id}/outcome`, {
      result: ' ',
      'custodyExtension.kind': 'judicial',
      'custodyExtension.days': '-3',
      'custodyExtension.until': 'bientôt',
      nextDate: '30 février 2022',
    });
    expect(page.status).toBe(400);
    const problems = problemsShown(page.text);
    expect(problems.filter((problem) => ENGLISH.test(problem))).toEqual([]);
  });

  const UPLOADS: [string, { name: string; content: Buffer } | undefined][] = [
    ['a file of no type accepted', { name: 'notes.pdf', content: Buffer.from('plain text') }],
    ['no file', undefined],
  ];
  it.each(UPLOADS)('says the problems of a document upload with %s in French', async (_, file) => {
    const event = await makeEvent(t.dataSource, kase, { type: 'raid' });
    const upload = french.agent
      .post(`/events/${event.id}/documents`)
      .field('_csrf', french.csrf)
      .field('citation', 'x'.repeat(501));
    const page = await (file ? upload.attach('file', file.content, file.name) : upload);
    expect(page.status).toBe(400);
    const problems = problemsShown(page.text);
    expect(problems.length).toBeGreaterThanOrEqual(4);
    expect(problems.filter((problem) => ENGLISH.test(problem))).toEqual([]);
  });
});
