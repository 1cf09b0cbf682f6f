import {
  composeDigestEmail,
  composeReminderEmail,
  EmailCaseFacts,
  EmailReminder,
  inTime,
  reminderSubject,
} from './reminder-email';

const khurram: EmailCaseFacts = {
  id: 'case-1',
  title: 'NIA case RC-30/2021/NIA/DLI',
  defenderName: 'Khurram Parvez',
  timezone: 'Asia/Kolkata',
  court: 'NIA Special Court, New Delhi',
  caseNumber: null,
  status: 'on_trial',
  detentionStatus: 'in_custody',
  placeOfDetention: 'Tihar Jail',
  arrestedOn: '2021-11-22',
  arrestedOnPrecision: 'day',
  releasedOn: null,
  daysInCustody: 219,
};

const hearing: EmailReminder = {
  id: 'r1',
  kind: 'hearing_upcoming',
  offset: 'P7D',
  subjectId: 'h1',
  subjectAt: new Date('2022-07-06T05:00:00Z'),
  details: { court: 'NIA Special Court, New Delhi', timeKnown: true },
};

const compose = (language: 'en' | 'ru' | 'fr' | 'es', reminder = hearing) =>
  composeReminderEmail({
    reminder,
    visibility: 'public',
    kase: khurram,
    charges: [
      {
        law: 'Unlawful Activities (Prevention) Act 1967',
        section: '18B',
        offence: null,
        status: 'in_charge_sheet',
        visibility: 'public',
      },
    ],
    timeline: [
      {
        date: '2022-05-13',
        kind: 'event',
        text: 'Charge sheet filed <with> seven others',
        visibility: 'public',
      },
      { date: '2022-03-24', kind: 'custody_order', custodyKind: 'judicial', days: 50, visibility: 'public' },
    ],
    language,
    caseUrl: 'http://localhost:3000/cases/case-1',
    now: new Date('2022-06-29T05:00:00Z'),
  });

describe('reminder email', () => {
  it('says what and when in the case zone', () => {
    expect(reminderSubject(hearing, khurram, 'en')).toBe(
      'Hearing in 7 days: Khurram Parvez — NIA Special Court, New Delhi, 6 Jul 2022 10:30 IST',
    );
  });

  it('writes the dates and words in the recipient language', () => {
    expect(compose('ru').subject).toBe(
      'Заседание через 7 дней: Khurram Parvez — NIA Special Court, New Delhi, 6 июл. 2022 10:30 IST',
    );
    expect(compose('fr').subject).toMatch(
      /^Audience dans 7 jours: Khurram Parvez — .*6 juil\. 2022 10:30 IST$/,
    );
    expect(compose('es').subject).toMatch(/^Audiencia dentro de 7 días: .*6 jul 2022 10:30 IST$/);
    expect(inTime('PT2H', 'en')).toBe('in 2 hours');
    expect(inTime('P1D', 'fr')).toBe('dans 1 jour');
  });

  it('carries the case summary, charges, days in custody, latest entries and link, in text and HTML', () => {
    const email = compose('en');
    expect(email.text).toContain('Days in custody: 219');
    expect(email.text).toContain('Unlawful Activities (Prevention) Act 1967 s.18B (in the charge sheet)');
    expect(email.text).toContain('13 May 2022: Charge sheet filed <with> seven others');
    expect(email.text).toContain('24 Mar 2022: Judicial custody ordered for 50 days');
    expect(email.text).toContain('http://localhost:3000/cases/case-1');
    expect(email.html).toContain('Charge sheet filed &lt;with&gt; seven others');
    expect(email.html).toContain('href="http://localhost:3000/cases/case-1"');
  });

  it('attaches a calendar event for hearings only', () => {
    const ics = compose('en').ics ?? '';
    expect(ics).toContain('BEGIN:VEVENT');
    expect(ics).toContain('DTSTART:20220706T050000Z');
    expect(ics).toContain('UID:hearing-h1@vigil');
    const milestone = compose('en', {
      ...hearing,
      kind: 'detention_milestone',
      offset: 'D150',
      subjectId: null,
      details: { days: 150, years: null, arrestedOn: '2021-11-22' },
    });
    expect(milestone.subject).toBe('150 days in detention: Khurram Parvez — since 22 Nov 2021');
    expect(milestone.ics).toBeUndefined();
  });

  it('names other kinds plainly', () => {
    const subject = (reminder: Partial<EmailReminder>) =>
      reminderSubject({ ...hearing, ...reminder }, khurram, 'en');
    expect(subject({ kind: 'custody_ending', offset: 'P3D', details: { endsOn: '2022-01-21' } })).toBe(
      'Custody ends in 3 days: Khurram Parvez — ends 21 Jan 2022',
    );
    expect(subject({ kind: 'detention_milestone', details: { years: 1, arrestedOn: '2021-11-22' } })).toBe(
      'One year in detention: Khurram Parvez — since 22 Nov 2021',
    );
    expect(subject({ kind: 'outcome_missing', offset: 'N1' })).toBe(
      'Hearing outcome missing: Khurram Parvez — NIA Special Court, New Delhi, 6 Jul 2022 10:30 IST',
    );
    expect(
      subject({
        kind: 'statutory_limit',
        offset: 'P14D',
        details: { reference: 'UAPA s.43D(2)', deadline: '2022-02-20' },
      }),
    ).toBe('Statutory limit in 14 days: Khurram Parvez — UAPA s.43D(2), 20 Feb 2022');
  });

  it("states a statutory limit's own words in the body", () => {
    const email = compose('en', {
      ...hearing,
      kind: 'statutory_limit',
      offset: 'P14D',
      details: {
        reference: 'J&K PSA s.18(1)(a)',
        description: 'Administrative detention on public-order grounds: at most 12 months.',
        deadline: '2027-02-01',
      },
    });
    expect(email.text).toContain(
      'Statutory limit: Administrative detention on public-order grounds: at most 12 months.',
    );
    expect(email.html).toContain('J&amp;K PSA s.18(1)(a)');
  });

  it('lists the two weeks ahead in a digest', () => {
    const digest = composeDigestEmail(
      [
        {
          caseTitle: 'NIA case',
          defenderName: 'Khurram Parvez',
          timezone: 'Asia/Kolkata',
          kind: 'hearing',
          at: new Date('2022-07-06T05:00:00Z'),
          timeKnown: true,
          details: { court: 'NIA Special Court' },
          caseUrl: 'http://x/cases/1',
          visibility: 'public',
        },
      ],
      'en',
    );
    expect(digest.subject).toBe('Vigil: the next two weeks (1)');
    expect(digest.text).toContain('6 Jul 2022 10:30 IST: Khurram Parvez — Hearing — NIA Special Court');
  });

  it('marks what is not public: the subject and .ics of such a reminder, and each such line', () => {
    const email = composeReminderEmail({
      reminder: hearing,
      visibility: 'confidential',
      kase: khurram,
      charges: [
        { law: 'Penal Code', section: '124A', offence: null, status: 'alleged', visibility: 'internal' },
      ],
      timeline: [
        { date: '2022-05-13', kind: 'event', text: 'Moved to another prison', visibility: 'confidential' },
      ],
      language: 'en',
      caseUrl: 'http://localhost:3000/cases/case-1',
      now: new Date('2022-06-29T05:00:00Z'),
    });
    expect(email.subject).toMatch(/^\[CONFIDENTIAL\] Hearing in 7 days: /);
    expect(email.text).toContain('- [INTERNAL] Penal Code s.124A (alleged)');
    expect(email.text).toContain('- [CONFIDENTIAL] 13 May 2022: Moved to another prison');
    expect(email.html).toContain('[CONFIDENTIAL] 13 May 2022: Moved to another prison');
    const ics = (email.ics ?? '').replace(/\r?\n[ \t]/g, '');
    expect(ics).toContain('CLASS:CONFIDENTIAL');
    expect(ics).toContain('SUMMARY:[CONFIDENTIAL] Hearing: Khurram Parvez');
    expect(compose('en').ics).not.toContain('CLASS:');
    const digest = composeDigestEmail(
      [
        {
          caseTitle: 'NIA case',
          defenderName: 'Khurram Parvez',
          timezone: 'Asia/Kolkata',
          kind: 'hearing',
          at: new Date('2022-07-06T05:00:00Z'),
          timeKnown: true,
          details: { court: 'NIA Special Court' },
          caseUrl: 'http://x/cases/1',
          visibility: 'internal',
        },
      ],
      'fr',
    );
    expect(digest.text).toContain('- [INTERNE] 6 juil. 2022 10:30 IST: Khurram Parvez');
  });
});

describe('a hearing whose time is not known', () => {
  const dayOnly: EmailReminder = {
    ...hearing,
    offset: 'PT2H',
    subjectAt: new Date('2022-07-05T18:30:00Z'), // midnight in New Delhi, as stored
    details: { court: 'NIA Special Court, New Delhi', timeKnown: false, daysAhead: 0 },
  };

  it('says the day and how many days ahead, never a time', () => {
    expect(reminderSubject(dayOnly, khurram, 'en')).toBe(
      'Hearing today: Khurram Parvez — NIA Special Court, New Delhi, 6 Jul 2022',
    );
    expect(
      reminderSubject({ ...dayOnly, details: { ...dayOnly.details, daysAhead: 1 } }, khurram, 'ru'),
    ).toBe('Заседание завтра: Khurram Parvez — NIA Special Court, New Delhi, 6 июл. 2022');
    // An all-day event on the court's day, not the UTC day midnight in New Delhi falls on.
    expect(compose('en', dayOnly).ics).toContain('DTSTART;VALUE=DATE:20220706');
    for (const language of ['en', 'ru', 'fr', 'es'] as const) {
      for (const reminder of [dayOnly, { ...dayOnly, kind: 'outcome_missing' as const, offset: 'N1' }]) {
        const email = compose(language, reminder);
        expect(`${email.subject}\n${email.text}\n${email.html}\n${email.ics ?? ''}`).not.toMatch(
          /(?<![0-9:])00:00/,
        );
      }
    }
  });
});
