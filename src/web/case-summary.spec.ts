import {
  ClockFacts,
  clockSentence,
  custodyEndsSoon,
  joinCourtTime,
  sentencePhrase,
  splitCourtTime,
} from './case-summary';

const order = (daysLeft: number | null, endsOn: string | null = '2022-05-13') => ({
  id: 'o',
  kind: 'judicial',
  orderedOn: '2022-03-24',
  endsOn,
  daysLeft,
});

const clock = (overrides: Partial<ClockFacts['custodyClock']> = {}): ClockFacts['custodyClock'] => ({
  daysInCustody: null,
  daysInCustodyIsPartial: false,
  currentPeriod: null,
  currentOrder: null,
  lastReleasedOn: null,
  lastReleasedPrecision: null,
  currentBail: null,
  sentence: null,
  death: null,
  disappearance: null,
  flags: [],
  ...overrides,
});

describe('the custody clock in words', () => {
  it('says how long and when the current order ends', () => {
    expect(
      clockSentence({
        detentionStatus: 'in_custody',
        custodyClock: clock({ daysInCustody: 172, currentOrder: order(4) }),
      }),
    ).toBe('In custody 172 days; judicial custody ends in 4 days (13 May 2022)');
  });

  it('handles the last day, one day, an open-ended order and a lapsed one', () => {
    const inCustody = { detentionStatus: 'in_custody' as const };
    expect(
      clockSentence({ ...inCustody, custodyClock: clock({ daysInCustody: 1, currentOrder: order(0) }) }),
    ).toBe('In custody 1 day; judicial custody ends today');
    expect(
      clockSentence({
        ...inCustody,
        custodyClock: clock({ daysInCustody: 30, currentOrder: order(null, null) }),
      }),
    ).toBe('In custody 30 days; judicial custody ordered on 24 March 2022, with no end date stated');
    expect(
      clockSentence({
        ...inCustody,
        custodyClock: clock({
          daysInCustody: 200,
          flags: [{ kind: 'no-order-in-force', lastOrderEndedOn: '2022-05-13', message: '' }],
        }),
      }),
    ).toBe('In custody 200 days; the last custody order ended on 13 May 2022; no later order is recorded');
  });

  it('speaks of release and bail with the time spent inside, as precisely as the release is known', () => {
    expect(
      clockSentence({
        detentionStatus: 'released',
        custodyClock: clock({
          daysInCustody: 76,
          lastReleasedOn: '2016-11-25',
          lastReleasedPrecision: 'day',
        }),
      }),
    ).toBe('Released since 25 November 2016 after 76 days in custody');
    expect(
      clockSentence({
        detentionStatus: 'released',
        custodyClock: clock({ lastReleasedOn: '2016-01-01', lastReleasedPrecision: 'year' }),
      }),
    ).toBe('Released in 2016');
    expect(
      clockSentence({
        detentionStatus: 'on_bail',
        custodyClock: clock({
          daysInCustody: 30,
          lastReleasedOn: '2023-05-01',
          lastReleasedPrecision: 'day',
          currentBail: {
            entryId: 'b',
            grantedOn: '2023-05-01',
            conditions: ['house_confinement', 'electronic_monitoring'],
            conditionsNote: null,
          },
        }),
      }),
    ).toBe(
      'On bail since 1 May 2023 after 30 days in custody (conditions: house confinement, electronic monitoring)',
    );
    expect(clockSentence({ detentionStatus: 'on_bail', custodyClock: clock() })).toBe('On bail');
  });

  it('states a death, a disappearance and a sentence plainly', () => {
    expect(
      clockSentence({
        detentionStatus: 'deceased',
        custodyClock: clock({
          daysInCustody: 59,
          death: { entryId: 'd', on: '2022-04-24', precision: 'day' },
        }),
      }),
    ).toBe('Died in custody on 24 April 2022 after 59 days in custody');
    expect(
      clockSentence({
        detentionStatus: 'disappeared',
        custodyClock: clock({ disappearance: { entryId: 'x', on: null, precision: null } }),
      }),
    ).toBe('Disappeared');
    expect(
      clockSentence({
        detentionStatus: 'in_custody',
        custodyClock: clock({
          daysInCustody: 3548,
          sentence: {
            entryId: 's',
            term: 'P10Y',
            imposedOn: '2018-06-10',
            startsOn: '2017-03-20',
            creditForCustody: true,
            expectedReleaseOn: '2027-03-20',
            replaces: [],
          },
        }),
      }),
    ).toBe('In custody 3548 days; serving a 10-year sentence; expected release 20 March 2027');
    expect(sentencePhrase('P2Y6M')).toBe('a sentence of 2 years and 6 months');
    expect(sentencePhrase('life')).toBe('a life sentence');
  });

  it('speaks French to a French reader: its plurals, its spaces before ; and :, its dates', () => {
    const nbsp = '\u00a0';
    expect(
      clockSentence(
        {
          detentionStatus: 'in_custody',
          custodyClock: clock({ daysInCustody: 172, currentOrder: order(4) }),
        },
        'fr',
      ),
    ).toBe(
      `En détention depuis 172 jours${nbsp}; détention judiciaire${nbsp}: prend fin dans 4 jours (13 mai 2022)`,
    );
    expect(
      clockSentence(
        {
          detentionStatus: 'on_bail',
          custodyClock: clock({
            daysInCustody: 1,
            daysInCustodyIsPartial: true,
            lastReleasedOn: '2023-05-01',
            lastReleasedPrecision: 'day',
            currentBail: {
              entryId: 'b',
              grantedOn: '2023-05-01',
              conditions: ['travel_ban'],
              conditionsNote: null,
            },
          }),
        },
        'fr',
      ),
    ).toBe(
      `En liberté sous caution depuis le 1 mai 2023 après au moins 1 jour de détention (conditions${nbsp}: interdiction de voyager)`,
    );
    expect(sentencePhrase('P2Y6M', 'fr')).toBe('2 ans et 6 mois d’emprisonnement');
  });

  it('speaks Arabic to an Arabic reader, with its dual and plural forms and the Arabic semicolon', () => {
    expect(
      clockSentence(
        {
          detentionStatus: 'in_custody',
          custodyClock: clock({ daysInCustody: 172, currentOrder: order(4) }),
        },
        'ar',
      ),
    ).toBe('رهن الاحتجاز منذ 172 يومًا؛ احتجاز بأمر قضائي: ينتهي بعد 4 أيام (13 مايو 2022)');
    expect(
      clockSentence(
        { detentionStatus: 'in_custody', custodyClock: clock({ daysInCustody: 2, currentOrder: order(1) }) },
        'ar',
      ),
    ).toBe('رهن الاحتجاز منذ يومين؛ احتجاز بأمر قضائي: ينتهي غدًا (13 مايو 2022)');
    expect(
      clockSentence(
        {
          detentionStatus: 'deceased',
          custodyClock: clock({
            daysInCustody: 11,
            death: { entryId: 'd', on: '2022-04-01', precision: 'month' },
          }),
        },
        'ar',
      ),
    ).toBe('وفاة أثناء الاحتجاز في أبريل 2022 بعد 11 يومًا من الاحتجاز');
    expect(
      clockSentence(
        {
          detentionStatus: 'house_arrest',
          custodyClock: clock({
            daysInCustody: 3,
            sentence: {
              entryId: 's',
              term: 'P10Y',
              imposedOn: '2018-06-10',
              startsOn: '2017-03-20',
              creditForCustody: true,
              expectedReleaseOn: '2027-03-20',
              replaces: [],
            },
            flags: [{ kind: 'no-order-in-force', lastOrderEndedOn: '2022-05-13', message: '' }],
          }),
        },
        'ar',
      ),
    ).toBe(
      'رهن الإقامة الجبرية؛ مدة الاحتجاز: 3 أيام؛ العقوبة: السجن 10 سنوات؛ الإفراج المتوقع: 20 مارس 2027؛ انتهى آخر أمر احتجاز في 13 مايو 2022؛ ولم يُسجَّل أي أمر لاحق',
    );
  });

  it('marks an order ending within a week', () => {
    expect(custodyEndsSoon({ currentOrder: order(7) })).toBe(true);
    expect(custodyEndsSoon({ currentOrder: order(8) })).toBe(false);
    expect(custodyEndsSoon({ currentOrder: order(null, null) })).toBe(false);
    expect(custodyEndsSoon({ currentOrder: null })).toBe(false);
  });
});

describe('court date and time fields', () => {
  it('joins a date and a time into the local form the API reads, or a date alone', () => {
    expect(joinCourtTime('2022-07-06', '10:30')).toBe('2022-07-06T10:30');
    expect(joinCourtTime('2022-07-06', '')).toBe('2022-07-06');
    expect(joinCourtTime('', '')).toBeUndefined();
    expect(joinCourtTime(undefined, undefined)).toBeUndefined();
    expect(joinCourtTime('', '10:30')).toBe('T10:30');
    expect(joinCourtTime('24 March 2022', '10:30')).toBe('2022-03-24T10:30');
    expect(joinCourtTime('٢٤/٠٣/٢٠٢٢', '')).toBe('2022-03-24');
    expect(joinCourtTime('next Tuesday', '')).toBe('next Tuesday');
  });

  it('splits a stored local time back into the two fields', () => {
    expect(splitCourtTime('2022-07-06T10:30:00', true)).toEqual({ date: '2022-07-06', time: '10:30' });
    expect(splitCourtTime('2022-07-06T00:00:00', false)).toEqual({ date: '2022-07-06', time: '' });
  });
});
