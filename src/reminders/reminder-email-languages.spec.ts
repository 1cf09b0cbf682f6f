import { englishLeftovers, visibleText } from '../../test/support/english-leftovers';
import { deriveDetention } from '../cases/detention-history';
import { STARTING_NOTE } from '../cases/starting-note';
import { CASE_STATUSES } from '../cases/case.entity';
import { CHARGE_STATUSES } from '../charges/charge.entity';
import { CUSTODY_KINDS } from '../custody/custody-order.entity';
import { Language } from '../i18n/languages';
import {
  composeDigestEmail,
  composeReminderEmail,
  ComposedEmail,
  DigestItem,
  EmailReminder,
  EmailTimelineEntry,
} from './reminder-email';
import { AgendaKind } from './case-agenda';
import { Details, REMINDER_KINDS } from './reminder-kinds';

// Issue #14: a caseworker who reads no English meets none in their reminders either. Every kind of
// reminder email, and the weekly digest with every kind of line, written in French and in Arabic,
// are read with the same nets as the pages (test/no-english.e2e-spec.ts). The case's own data is
// French or neutral, as a French desk would type it.

const AT = new Date('2022-03-28T09:30:00Z');
const EMAILED_KINDS = REMINDER_KINDS.filter((kind) => kind !== 'weekly_digest');
const DETAILS: Record<EmailReminder['kind'], Details> = {
  hearing_upcoming: { court: 'Tribunal de première instance de Tunis', timeKnown: true, daysAhead: 4 },
  outcome_missing: { timeKnown: true },
  custody_ending: { endsOn: '2022-03-25' },
  detention_milestone: { days: 100, years: null, arrestedOn: '2022-01-10' },
  statutory_limit: {
    reference: 'CPP art. 85',
    deadline: '2022-04-10',
    description: 'Détention préventive : trente jours au plus',
  },
  sentence_ending: { expectedReleaseOn: '2023-01-10' },
  release_overdue: { expectedReleaseOn: '2022-03-20' },
  no_custody_order: { endedOn: '2022-03-20' },
  hunger_strike_day: { days: 12, startedOn: '2022-03-16' },
  appeal_deadline: { deadline: '2022-04-05' },
};

// One of each kind of entry an email lists, the starting entry's stored note among them.
const TIMELINE: EmailTimelineEntry[] = [
  {
    date: '2022-03-22',
    visibility: 'public',
    kind: 'hearing',
    court: 'Tribunal de Tunis',
    outcome: 'Renvoi',
  },
  { date: '2022-03-10', visibility: 'internal', kind: 'custody_order', custodyKind: 'pre_trial', days: 15 },
  { date: '2022-01-12', visibility: 'confidential', kind: 'charge', law: 'Code pénal', section: '72' },
  { date: '2022-01-10', visibility: 'public', kind: 'event', text: STARTING_NOTE },
  ...CUSTODY_KINDS.map((custodyKind): EmailTimelineEntry => ({
    date: '2022-02-01',
    visibility: 'public',
    kind: 'custody_order',
    custodyKind,
    days: null,
  })),
  { date: '2022-02-02', visibility: 'public', kind: 'hearing', court: null, outcome: null },
  { date: '2022-02-03', visibility: 'public', kind: 'charge', law: 'Code pénal', section: null },
];

function reminderEmail(kind: EmailReminder['kind'], language: Language, index: number): ComposedEmail {
  return composeReminderEmail({
    reminder: {
      id: `r-${kind}`,
      kind,
      offset: 'P1D',
      subjectId: 'h1',
      subjectAt: AT,
      details: DETAILS[kind],
    },
    visibility: index % 2 === 0 ? 'public' : 'confidential',
    kase: {
      id: 'k1',
      title: 'Affaire 12/2022',
      defenderName: 'Nadia Benali',
      timezone: 'Africa/Tunis',
      court: 'Tribunal de première instance de Tunis',
      caseNumber: '12/2022',
      status: CASE_STATUSES[index % CASE_STATUSES.length],
      detentionStatus: 'in_custody',
      placeOfDetention: 'Prison de la Manouba',
      arrestedOn: '2022-01-10',
      arrestedOnPrecision: 'day',
      releasedOn: null,
      daysInCustody: 73,
    },
    charges: CHARGE_STATUSES.map((status, section) => ({
      law: 'Code pénal',
      section: String(section + 70),
      offence: 'Outrage',
      status,
      visibility: 'public' as const,
    })),
    timeline: TIMELINE,
    language,
    caseUrl: 'http://vigil.test/cases/k1',
    now: new Date('2022-03-24T09:00:00Z'),
  });
}

const AGENDA_KINDS: AgendaKind[] = [
  'hearing',
  'custody_end',
  'milestone',
  'statutory_deadline',
  'expected_release',
  'hunger_strike_day',
];

function digest(language: Language): ComposedEmail {
  const items = AGENDA_KINDS.map((kind, index): DigestItem => ({
    caseTitle: 'Affaire 12/2022',
    defenderName: 'Nadia Benali',
    timezone: 'Africa/Tunis',
    kind,
    at: AT,
    timeKnown: index % 2 === 0,
    details: {
      court: 'Tribunal de Tunis',
      days: 100,
      years: index === 2 ? 1 : null,
      reference: 'CPP art. 85',
    },
    caseUrl: 'http://vigil.test/cases/k1',
    visibility: index % 3 === 0 ? 'internal' : 'public',
  }));
  const detention = deriveDetention(
    {
      events: [
        {
          id: 'a',
          type: 'arrest',
          date: '2022-01-10',
          precision: 'day',
          createdAt: '2022-01-10T00:00:00.000Z',
        },
      ],
      custodyOrders: [],
    },
    '2022-03-24',
  );
  const cases = [
    { caseTitle: 'Affaire 12/2022', defenderName: 'Nadia Benali', caseUrl: 'http://vigil.test', detention },
  ];
  return composeDigestEmail(items, language, cases);
}

/** What a reader meets of an email: its subject, its text and what its HTML shows. */
const readOf = (email: ComposedEmail, language: Language): string[] => [
  email.subject,
  ...email.text.split('\n'),
  ...visibleText(email.html, language),
];

describe.each(['fr', 'ar'] as const)('emails in %s', (language) => {
  it.each(EMAILED_KINDS)('a %s reminder has no English', (kind) => {
    const index = REMINDER_KINDS.indexOf(kind);
    const email = reminderEmail(kind as EmailReminder['kind'], language, index);
    expect(englishLeftovers(readOf(email, language), language)).toEqual([]);
  });

  it('a weekly digest, with every kind of line and nothing ahead, has no English', () => {
    expect(englishLeftovers(readOf(digest(language), language), language)).toEqual([]);
    expect(englishLeftovers(readOf(composeDigestEmail([], language), language), language)).toEqual([]);
  });
});

describe('the nets themselves', () => {
  it('catch the English the French emails used to carry', () => {
    expect(englishLeftovers(['22 mars 2022 : Recorded with the case.'], 'fr')).toEqual([
      'phrase «Recorded with the case.» in «22 mars 2022 : Recorded with the case.»',
      'word «with» in «22 mars 2022 : Recorded with the case.»',
      'word «the» in «22 mars 2022 : Recorded with the case.»',
      'word «case» in «22 mars 2022 : Recorded with the case.»',
    ]);
    expect(englishLeftovers(['10 mars 2022 : Pre Trial custody ordered for 15 days'], 'fr')).toEqual([
      'word «custody» in «10 mars 2022 : Pre Trial custody ordered for 15 days»',
      'word «for» in «10 mars 2022 : Pre Trial custody ordered for 15 days»',
      'word «days» in «10 mars 2022 : Pre Trial custody ordered for 15 days»',
    ]);
  });

  it('pass codes in capitals and what is marked as written in another language', () => {
    expect(englishLeftovers(['Norvège (NO)', 'Autriche (AT)'], 'fr')).toEqual([]);
    expect(visibleText('<p>Langue : <span lang="en">English</span></p><a lang="en">Vigil</a>', 'fr')).toEqual(
      ['Langue :'],
    );
    expect(visibleText('<input type="submit" value="Save"><img alt="Delete" src="x">', 'fr')).toEqual([
      'Save',
      'Delete',
    ]);
  });
});
