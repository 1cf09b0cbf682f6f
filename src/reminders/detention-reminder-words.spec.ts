import { deriveDetention } from '../cases/detention-history';
import {
  composeDigestEmail,
  EMAIL_LANGUAGES,
  EmailCaseFacts,
  EmailReminder,
  reminderSubject,
} from './reminder-email';

const facts: EmailCaseFacts = {
  id: 'case-1',
  title: 'Case',
  defenderName: 'Nasrin Example',
  timezone: 'Asia/Tehran',
  court: null,
  caseNumber: null,
  status: 'convicted',
  detentionStatus: 'in_custody',
  placeOfDetention: null,
  arrestedOn: '2017-03-20',
  arrestedOnPrecision: 'day',
  releasedOn: null,
  daysInCustody: 3550,
};

const reminder = (
  kind: EmailReminder['kind'],
  offset: string,
  details: EmailReminder['details'],
): EmailReminder => ({
  id: 'r',
  kind,
  offset,
  subjectId: 's',
  subjectAt: new Date('2027-03-20T05:30:00Z'),
  details,
});

const sentence = { expectedReleaseOn: '2027-03-20', term: 'P10Y', startsOn: '2017-03-20' };

describe('the subjects of the reminders that follow a detention history', () => {
  it('say what happened and when, in English', () => {
    expect(reminderSubject(reminder('sentence_ending', 'P30D', sentence), facts, 'en')).toBe(
      'Sentence complete in 30 days: Nasrin Example — expected release 20 Mar 2027',
    );
    expect(reminderSubject(reminder('release_overdue', 'N1', { ...sentence, chase: 1 }), facts, 'en')).toBe(
      'Release overdue: Nasrin Example — sentence complete on 20 Mar 2027, no release recorded',
    );
    expect(
      reminderSubject(
        reminder('no_custody_order', 'P1D', { endedOn: '2022-02-01', custodyKind: 'judicial' }),
        facts,
        'en',
      ),
    ).toBe('No custody order in force: Nasrin Example — the last one ended on 1 Feb 2022');
    expect(
      reminderSubject(
        reminder('hunger_strike_day', 'D14', { days: 14, startedOn: '2022-03-01', day: '2022-03-15' }),
        facts,
        'en',
      ),
    ).toBe('14 days on hunger strike: Nasrin Example — since 1 Mar 2022');
  });

  it('are written in Russian, French and Spanish, with dates in those languages', () => {
    expect(reminderSubject(reminder('sentence_ending', 'P7D', sentence), facts, 'ru')).toBe(
      'Срок наказания истекает через 7 дней: Nasrin Example — ожидаемое освобождение 20 мар. 2027',
    );
    expect(reminderSubject(reminder('release_overdue', 'N2', sentence), facts, 'fr')).toBe(
      'Libération en retard\u00a0: Nasrin Example — peine purgée le 20 mars 2027, aucune libération enregistrée',
    );
    expect(
      reminderSubject(
        reminder('hunger_strike_day', 'D30', { days: 30, startedOn: '2022-03-01', day: '2022-03-31' }),
        facts,
        'es',
      ),
    ).toBe('30 días de huelga de hambre: Nasrin Example — desde el 1 mar 2022');
    for (const language of EMAIL_LANGUAGES) {
      const subject = reminderSubject(
        reminder('no_custody_order', 'P1D', { endedOn: '2022-02-01' }),
        facts,
        language,
      );
      expect(subject).toContain('Nasrin Example');
      expect(subject).toMatch(/2022/);
    }
  });
});

describe('the weekly digest', () => {
  it('states where each watched case stands, as the exports do', () => {
    const detention = deriveDetention(
      {
        events: [
          {
            id: 'a',
            type: 'arrest',
            date: '2022-02-24',
            precision: 'day',
            createdAt: '2022-02-24T00:00:00.000Z',
          },
          {
            id: 'd',
            type: 'death_in_custody',
            date: '2022-04-24',
            precision: 'day',
            createdAt: '2022-04-25T00:00:00.000Z',
          },
        ],
        custodyOrders: [],
      },
      '2026-12-07',
    );
    const cases = [
      { caseTitle: 'Case', defenderName: 'A. Defender', caseUrl: 'http://vigil/cases/1', detention },
    ];
    const en = composeDigestEmail([], 'en', cases);
    expect(en.text).toContain('- A. Defender (Case): Died in custody on 24 April 2022');
    expect(en.html).toContain('A. Defender (Case): Died in custody on 24 April 2022');
    expect(composeDigestEmail([], 'es', cases).text).toContain('Murió bajo custodia el 24 de abril de 2022');
  });
});
