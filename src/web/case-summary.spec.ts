import { clockSentence, custodyEndsSoon, joinCourtTime, splitCourtTime } from './case-summary';

const order = (daysLeft: number | null, endsOn: string | null = '2022-05-13') => ({
  id: 'o',
  kind: 'judicial',
  orderedOn: '2022-03-24',
  endsOn,
  daysLeft,
});

describe('the custody clock in words', () => {
  it('says how long and when the current order ends', () => {
    expect(
      clockSentence({
        detentionStatus: 'in_custody',
        releasedOn: null,
        custodyClock: { daysInCustody: 172, currentOrder: order(4), lastOrderEndedOn: null },
      }),
    ).toBe('In custody 172 days; judicial custody ends in 4 days (13 May 2022)');
  });

  it('handles the last day, one day, an open-ended order and a lapsed one', () => {
    const inCustody = { detentionStatus: 'in_custody' as const, releasedOn: null };
    expect(
      clockSentence({
        ...inCustody,
        custodyClock: { daysInCustody: 1, currentOrder: order(0), lastOrderEndedOn: null },
      }),
    ).toBe('In custody 1 day; judicial custody ends today');
    expect(
      clockSentence({
        ...inCustody,
        custodyClock: { daysInCustody: 30, currentOrder: order(null, null), lastOrderEndedOn: null },
      }),
    ).toBe('In custody 30 days; judicial custody ordered on 24 March 2022, with no end date stated');
    expect(
      clockSentence({
        ...inCustody,
        custodyClock: { daysInCustody: 200, currentOrder: null, lastOrderEndedOn: '2022-05-13' },
      }),
    ).toBe('In custody 200 days; the last custody order ended on 13 May 2022; no later order is recorded');
  });

  it('speaks of release and bail with the time spent inside', () => {
    expect(
      clockSentence({
        detentionStatus: 'released',
        releasedOn: '2016-11-25',
        custodyClock: { daysInCustody: 76, currentOrder: null, lastOrderEndedOn: '2016-11-25' },
      }),
    ).toBe('Released since 25 November 2016 after 76 days in custody');
    expect(
      clockSentence({
        detentionStatus: 'on_bail',
        releasedOn: null,
        custodyClock: { daysInCustody: null, currentOrder: null, lastOrderEndedOn: null },
      }),
    ).toBe('On bail');
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
  });

  it('splits a stored local time back into the two fields', () => {
    expect(splitCourtTime('2022-07-06T10:30:00', true)).toEqual({ date: '2022-07-06', time: '10:30' });
    expect(splitCourtTime('2022-07-06T00:00:00', false)).toEqual({ date: '2022-07-06', time: '' });
  });
});
