import fc from 'fast-check';
import { addDays, daysBetween, todayIn } from '../common/calendar-day';
import {
  ClockCaseFacts,
  ClockCustodyOrder,
  ClockHearing,
  CustodyClockInput,
  currentOrder,
  custodyClock,
  custodyFlags,
  daysInCustody,
  endDateMismatch,
  orderEnd,
} from './custody-clock';

// Khurram Parvez's 2021 NIA case, as the fixture tells it (the "24 January 2021" extension is 2022).
const nia: ClockCaseFacts = {
  arrestedOn: '2021-11-22',
  arrestedOnPrecision: 'day',
  releasedOn: null,
  timezone: 'Asia/Kolkata',
};
const order = (
  id: string,
  orderedOn: string,
  days: number | null,
  until: string | null = null,
  kind = 'judicial',
): ClockCustodyOrder => ({ id, kind, orderedOn, days, until });
const niaOrders = [
  order('o1', '2021-12-04', 20),
  order('o2', '2021-12-25', 30, '2022-01-21'),
  order('o3', '2022-01-24', 40),
  order('o4', '2022-02-12', 40),
  order('o5', '2022-03-24', 50),
];
const hearing = (id: string, local: string, overrides: Partial<ClockHearing> = {}): ClockHearing => ({
  id,
  scheduledLocal: local,
  // India has no DST: IST is UTC+05:30 all year.
  scheduledAt: new Date(`${local}+05:30`),
  timeKnown: true,
  court: 'NIA Special Court, New Delhi',
  status: 'scheduled',
  ...overrides,
});
const input = (now: string, overrides: Partial<CustodyClockInput> = {}): CustodyClockInput => ({
  ...nia,
  now: new Date(now),
  custodyOrders: niaOrders,
  hearings: [],
  charges: [],
  ...overrides,
});

describe('custody clock', () => {
  describe('days in custody', () => {
    it('counts whole days from the arrest to today in the case zone', () => {
      expect(custodyClock(input('2022-01-10T06:30:00Z')).daysInCustody).toBe(49);
      expect(custodyClock(input('2022-02-20T06:30:00Z')).daysInCustody).toBe(90);
      expect(custodyClock(input('2022-11-21T06:30:00Z')).daysInCustody).toBe(364);
    });

    it('is 0 on the day of the arrest', () => {
      expect(custodyClock(input('2021-11-22T13:00:00Z')).daysInCustody).toBe(0);
    });

    it("turns over at midnight in the case's zone, not the server's", () => {
      // 19:00 UTC on 9 January is 00:30 on 10 January in New Delhi.
      expect(custodyClock(input('2022-01-09T18:29:00Z')).daysInCustody).toBe(48);
      expect(custodyClock(input('2022-01-09T19:00:00Z')).daysInCustody).toBe(49);
      expect(custodyClock(input('2022-01-09T19:00:00Z', { timezone: 'UTC' })).daysInCustody).toBe(48);
    });

    it('stops at the release: 76 days for the 2016 PSA detention', () => {
      const psa = { arrestedOn: '2016-09-15', releasedOn: '2016-11-30', custodyOrders: [] };
      expect(custodyClock(input('2026-01-15T09:00:00Z', psa)).daysInCustody).toBe(76);
      expect(custodyClock(input('2016-10-15T09:00:00Z', psa)).daysInCustody).toBe(30);
    });

    it('is null without an arrest date, for a month- or year-precise arrest, and before the arrest', () => {
      expect(daysInCustody({ ...nia, arrestedOn: null }, '2022-01-10')).toBeNull();
      expect(
        daysInCustody({ ...nia, arrestedOn: '2016-09-01', arrestedOnPrecision: 'month' }, '2016-10-01'),
      ).toBeNull();
      expect(
        daysInCustody({ ...nia, arrestedOn: '2016-01-01', arrestedOnPrecision: 'year' }, '2016-10-01'),
      ).toBeNull();
      expect(daysInCustody(nia, '2021-11-21')).toBeNull();
    });
  });

  describe('current order', () => {
    it('is the latest order made by today whose end is today or later', () => {
      expect(custodyClock(input('2022-01-10T06:30:00Z')).currentOrder).toEqual({
        id: 'o2',
        kind: 'judicial',
        orderedOn: '2021-12-25',
        endsOn: '2022-01-24',
        daysLeft: 14,
      });
      // o3 (ends 5 March) is still running, but o4 was ordered later and replaces it.
      expect(custodyClock(input('2022-02-20T06:30:00Z')).currentOrder).toEqual({
        id: 'o4',
        kind: 'judicial',
        orderedOn: '2022-02-12',
        endsOn: '2022-03-24',
        daysLeft: 32,
      });
    });

    it('uses ordered-on + days over the stated end when both are given', () => {
      const current = custodyClock(input('2022-01-22T06:30:00Z')).currentOrder;
      expect(current).toMatchObject({ id: 'o2', endsOn: '2022-01-24', daysLeft: 2 });
    });

    it('uses the stated end when no length is given', () => {
      const orders = [order('a', '2022-01-01', null, '2022-01-31')];
      expect(currentOrder(nia, orders, '2022-01-31')).toMatchObject({ endsOn: '2022-01-31', daysLeft: 0 });
      expect(currentOrder(nia, orders, '2022-02-01')).toBeNull();
    });

    it('has 0 days left on its last day and is gone the day after', () => {
      expect(currentOrder(nia, niaOrders, '2022-05-13')).toMatchObject({ id: 'o5', daysLeft: 0 });
      expect(currentOrder(nia, niaOrders, '2022-05-14')).toBeNull();
    });

    it('ignores orders not yet made', () => {
      expect(currentOrder(nia, niaOrders, '2021-12-03')).toBeNull();
      expect(currentOrder(nia, niaOrders, '2021-12-04')).toMatchObject({ id: 'o1', daysLeft: 20 });
    });

    it('keeps an open-ended order running until a later order replaces it', () => {
      const orders = [order('open', '2021-11-22', null, null, 'police'), order('later', '2021-12-04', 20)];
      expect(currentOrder(nia, orders, '2021-12-01')).toEqual({
        id: 'open',
        kind: 'police',
        orderedOn: '2021-11-22',
        endsOn: null,
        daysLeft: null,
      });
      expect(currentOrder(nia, orders, '2021-12-10')).toMatchObject({ id: 'later' });
      expect(currentOrder(nia, orders, '2022-01-10')).toBeNull();
    });

    it('is null once the defender is released', () => {
      const released = { ...nia, releasedOn: '2022-01-15' };
      expect(currentOrder(released, niaOrders, '2022-01-14')).toMatchObject({ id: 'o2' });
      expect(currentOrder(released, niaOrders, '2022-01-15')).toBeNull();
    });
  });

  describe('last order ended on', () => {
    it('is the latest end before today', () => {
      expect(custodyClock(input('2022-01-10T06:30:00Z')).lastOrderEndedOn).toBe('2021-12-24');
      expect(custodyClock(input('2022-06-01T06:30:00Z')).lastOrderEndedOn).toBe('2022-05-13');
      expect(custodyClock(input('2021-12-20T06:30:00Z')).lastOrderEndedOn).toBeNull();
    });
  });

  describe('next hearing', () => {
    const hearings = [
      hearing('h-past', '2022-05-13T11:00:00', { status: 'held' }),
      hearing('h-trial', '2022-07-06T10:30:00'),
      hearing('h-cancelled', '2022-06-20T10:00:00', { status: 'cancelled' }),
      hearing('h-later', '2022-08-01T10:00:00'),
    ];

    it('is the earliest scheduled hearing that has not begun', () => {
      const clock = custodyClock(input('2022-06-01T06:30:00Z', { hearings }));
      expect(clock.nextHearing).toEqual({
        id: 'h-trial',
        scheduledAt: new Date('2022-07-06T05:00:00Z'),
        scheduledLocal: '2022-07-06T10:30:00',
        timeKnown: true,
        court: 'NIA Special Court, New Delhi',
      });
      expect(custodyClock(input('2022-07-06T05:00:00Z', { hearings })).nextHearing?.id).toBe('h-trial');
      expect(custodyClock(input('2022-07-06T05:00:01Z', { hearings })).nextHearing?.id).toBe('h-later');
      expect(custodyClock(input('2022-09-01T05:00:00Z', { hearings })).nextHearing).toBeNull();
    });

    it('keeps a hearing with an unknown time upcoming for the whole of its day', () => {
      const dayOnly = [hearing('h-day', '2022-07-06T00:00:00', { timeKnown: false })];
      expect(custodyClock(input('2022-07-06T12:00:00Z', { hearings: dayOnly })).nextHearing?.id).toBe(
        'h-day',
      );
      expect(custodyClock(input('2022-07-06T19:00:00Z', { hearings: dayOnly })).nextHearing).toBeNull();
    });
  });

  describe('flags', () => {
    it("flags Khurram Parvez's 25 December order: 30 days end on 24 January, not the stated 21st", () => {
      const flags = custodyClock(input('2022-06-01T06:30:00Z')).flags;
      expect(flags).toEqual([
        {
          kind: 'end-date-mismatch',
          custodyOrderId: 'o2',
          statedUntil: '2022-01-21',
          computedEnd: '2022-01-24',
          differenceDays: 3,
          message:
            'Custody order of 25 December 2021: 30 days from the order ends on 24 January 2022, ' +
            'but the stated end is 21 January 2022 (3 days apart).',
        },
      ]);
    });

    it('gives a negative difference when the stated end is later than the arithmetic', () => {
      expect(endDateMismatch(order('x', '2022-01-01', 10, '2022-01-12'))).toMatchObject({
        computedEnd: '2022-01-11',
        differenceDays: -1,
        message: expect.stringContaining('(1 day apart)'),
      });
      expect(endDateMismatch(order('x', '2022-01-01', 10, '2022-01-11'))).toBeNull();
      expect(endDateMismatch(order('x', '2022-01-01', 10))).toBeNull();
      expect(endDateMismatch(order('x', '2022-01-01', null, '2022-01-20'))).toBeNull();
    });

    it('flags custody orders, hearings and charges dated before the arrest', () => {
      const flags = custodyFlags(nia, {
        custodyOrders: [order('early', '2021-11-20', 5), order('fine', '2021-11-22', 5)],
        hearings: [hearing('h-early', '2021-11-21T10:00:00'), hearing('h-fine', '2021-11-22T00:00:00')],
        charges: [
          { id: 'c-fir', broughtOn: '2021-11-06' },
          { id: 'c-undated', broughtOn: null },
          { id: 'c-fine', broughtOn: '2022-05-13' },
        ],
      });
      expect(flags).toEqual([
        {
          kind: 'dated-before-arrest',
          entity: 'custody_order',
          id: 'early',
          date: '2021-11-20',
          message: 'Custody order dated 20 November 2021 is before the arrest on 22 November 2021.',
        },
        {
          kind: 'dated-before-arrest',
          entity: 'hearing',
          id: 'h-early',
          date: '2021-11-21',
          message: 'Hearing dated 21 November 2021 is before the arrest on 22 November 2021.',
        },
        {
          kind: 'dated-before-arrest',
          entity: 'charge',
          id: 'c-fir',
          date: '2021-11-06',
          message: 'Charge dated 6 November 2021 is before the arrest on 22 November 2021.',
        },
      ]);
    });

    it('compares with the first day of a month-precise arrest', () => {
      const psa = { ...nia, arrestedOn: '2016-09-01', arrestedOnPrecision: 'month' as const };
      const flags = custodyFlags(psa, {
        custodyOrders: [order('in-month', '2016-09-02', 30), order('before', '2016-08-31', 30)],
        hearings: [],
        charges: [],
      });
      expect(flags.map((flag) => flag.kind === 'dated-before-arrest' && flag.id)).toEqual(['before']);
    });

    it('flags custody orders made after the release, not those made on its day', () => {
      const released = { ...nia, releasedOn: '2022-03-24' };
      const flags = custodyFlags(released, {
        custodyOrders: [order('on-day', '2022-03-24', 10), order('after', '2022-03-25', 10)],
        hearings: [],
        charges: [],
      });
      expect(flags).toEqual([
        {
          kind: 'dated-after-release',
          entity: 'custody_order',
          id: 'after',
          date: '2022-03-25',
          message: 'Custody order of 25 March 2022 is after the release on 24 March 2022.',
        },
      ]);
    });

    it('raises nothing without an arrest or release date to compare with', () => {
      const facts = { ...nia, arrestedOn: null };
      expect(
        custodyFlags(facts, {
          custodyOrders: [order('a', '2000-01-01', 5)],
          hearings: [hearing('h', '2000-01-01T10:00:00')],
          charges: [{ id: 'c', broughtOn: '2000-01-01' }],
        }),
      ).toEqual([]);
    });
  });

  describe('properties', () => {
    const day = (min: string, max: string) =>
      fc
        .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    const zone = fc.constantFrom(
      'Asia/Kolkata',
      'UTC',
      'America/New_York',
      'Europe/Minsk',
      'Pacific/Auckland',
    );
    const instant = fc.date({
      min: new Date('2015-01-01T00:00:00Z'),
      max: new Date('2030-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    const arbitraryOrder = fc.record({
      id: fc.uuid(),
      kind: fc.constant('judicial'),
      orderedOn: day('2015-01-01', '2030-01-01'),
      days: fc.option(fc.integer({ min: 1, max: 3650 }), { nil: null }),
      until: fc.option(day('2015-01-01', '2040-01-01'), { nil: null }),
    });

    it('counts days in custody as the days from arrest to today (or release), never negative', () => {
      fc.assert(
        fc.property(
          day('2015-01-01', '2030-01-01'),
          fc.option(fc.integer({ min: 0, max: 4000 }), { nil: null }),
          instant,
          zone,
          (arrestedOn, releasedAfter, now, timezone) => {
            const releasedOn = releasedAfter === null ? null : addDays(arrestedOn, releasedAfter);
            const facts = { arrestedOn, arrestedOnPrecision: 'day' as const, releasedOn, timezone };
            const clock = custodyClock({ ...facts, now, custodyOrders: [], hearings: [], charges: [] });
            const today = todayIn(now, timezone);
            const end = releasedOn !== null && releasedOn < today ? releasedOn : today;
            if (end < arrestedOn) {
              expect(clock.daysInCustody).toBeNull();
            } else {
              expect(clock.daysInCustody).toBe(daysBetween(arrestedOn, end));
              expect(clock.daysInCustody).toBeGreaterThanOrEqual(0);
            }
          },
        ),
      );
    });

    it('grows by exactly one each day until release, then stays', () => {
      fc.assert(
        fc.property(
          day('2015-01-01', '2025-01-01'),
          fc.integer({ min: 0, max: 2000 }),
          (arrestedOn, offset) => {
            const facts = { ...nia, arrestedOn, releasedOn: null };
            const today = addDays(arrestedOn, offset);
            expect(daysInCustody(facts, addDays(today, 1))).toBe((daysInCustody(facts, today) ?? 0) + 1);
            const released = { ...facts, releasedOn: today };
            expect(daysInCustody(released, addDays(today, 1))).toBe(daysInCustody(released, today));
          },
        ),
      );
    });

    it('picks a current order that is made, not over, and not replaced by a later running order', () => {
      fc.assert(
        fc.property(
          fc.array(arbitraryOrder, { maxLength: 8 }),
          day('2015-01-01', '2031-01-01'),
          (orders, today) => {
            const current = currentOrder({ ...nia, arrestedOn: null }, orders, today);
            const made = orders.filter((o) => o.orderedOn <= today);
            const running = made.filter((o) => {
              const end = orderEnd(o);
              return end === null ? !made.some((later) => later.orderedOn > o.orderedOn) : end >= today;
            });
            if (running.length === 0) {
              expect(current).toBeNull();
              return;
            }
            expect(current).not.toBeNull();
            const chosen = orders.find((o) => o.id === current?.id);
            expect(chosen && running.includes(chosen)).toBe(true);
            expect(running.every((o) => o.orderedOn <= (current?.orderedOn ?? ''))).toBe(true);
            if (current?.endsOn) {
              expect(current.daysLeft).toBe(daysBetween(today, current.endsOn));
              expect(current.daysLeft).toBeGreaterThanOrEqual(0);
            }
          },
        ),
      );
    });

    it('flags an end-date mismatch exactly when ordered-on + days differs from the stated end', () => {
      fc.assert(
        fc.property(arbitraryOrder, (o) => {
          const flag = endDateMismatch(o);
          const disagrees = o.days !== null && o.until !== null && addDays(o.orderedOn, o.days) !== o.until;
          expect(flag !== null).toBe(disagrees);
          if (flag) {
            expect(addDays(flag.statedUntil, flag.differenceDays)).toBe(flag.computedEnd);
            expect(flag.differenceDays).not.toBe(0);
          }
        }),
      );
    });

    it('never flags anything dated on or after the arrest as before it', () => {
      fc.assert(
        fc.property(
          day('2015-01-01', '2030-01-01'),
          fc.array(arbitraryOrder, { maxLength: 6 }),
          (arrestedOn, orders) => {
            const flags = custodyFlags(
              { ...nia, arrestedOn },
              { custodyOrders: orders, hearings: [], charges: [] },
            );
            const before = flags.filter((f) => f.kind === 'dated-before-arrest');
            expect(before.map((f) => f.id).sort()).toEqual(
              orders
                .filter((o) => o.orderedOn < arrestedOn)
                .map((o) => o.id)
                .sort(),
            );
          },
        ),
      );
    });
  });
});
