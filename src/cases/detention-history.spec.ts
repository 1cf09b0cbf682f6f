import fc from 'fast-check';
import { addDays, daysBetween } from '../common/calendar-day';
import { DatePrecision } from '../common/entry';
import {
  DetentionCustodyOrder,
  DetentionEvent,
  DetentionInput,
  deriveDetention,
  termCompletes,
} from './detention-history';
import { orderEnd } from './custody-orders-in-force';
import { placement } from './detention-order';
import { storedClockFacts } from './stored-clock-facts';

let recorded = 0;
const event = (
  id: string,
  type: string,
  date: string | null,
  fields: Partial<DetentionEvent> = {},
  precision: DatePrecision = 'day',
): DetentionEvent => ({
  id,
  type,
  date,
  precision,
  createdAt: `2026-01-15T09:00:00.${String(recorded++).padStart(6, '0')}Z`,
  ...fields,
});
const order = (
  id: string,
  orderedOn: string,
  days: number | null,
  until: string | null = null,
  kind = 'judicial',
): DetentionCustodyOrder => ({ id, kind, orderedOn, days, until, createdAt: `2026-01-15T09:00:00.${id}Z` });
const history = (input: Partial<DetentionInput>, today: string) =>
  deriveDetention({ events: [], custodyOrders: [], ...input }, today);

// Khurram Parvez's 2021 NIA case, as the demo tells it.
const niaArrest = event('arrest', 'arrest', '2021-11-22');
const niaOrders = [
  order('o1', '2021-12-04', 20),
  order('o2', '2021-12-25', 30, '2022-01-21'),
  order('o3', '2022-01-24', 40),
  order('o4', '2022-02-12', 40),
  order('o5', '2022-03-24', 50),
];

describe('deriveDetention', () => {
  describe('periods and days in custody', () => {
    it('is not detained, with no days, when nothing opened custody', () => {
      const derived = history({ events: [event('s', 'statement', '2021-01-01')] }, '2022-01-01');
      expect(derived).toMatchObject({
        periods: [],
        currentPeriod: null,
        daysInCustody: null,
        detentionStatus: 'not_detained',
      });
    });

    it('counts whole days from the arrest to today while the period is open', () => {
      const derived = history({ events: [niaArrest], custodyOrders: niaOrders }, '2022-01-10');
      expect(derived.daysInCustody).toBe(49);
      expect(derived.detentionStatus).toBe('in_custody');
      expect(derived.currentPeriod).toEqual({
        openedBy: 'arrest',
        from: '2021-11-22',
        fromPrecision: 'day',
        to: null,
        toPrecision: null,
        closedBy: null,
        basis: 'judicial',
        endReason: null,
        days: 49,
      });
    });

    it('stops at the release: 76 days for the 2016 PSA detention', () => {
      const derived = history(
        { events: [event('a', 'detention', '2016-09-15'), event('r', 'release', '2016-11-30')] },
        '2026-01-15',
      );
      expect(derived.daysInCustody).toBe(76);
      expect(derived.detentionStatus).toBe('released');
      expect(derived.periods).toMatchObject([{ to: '2016-11-30', endReason: 'release', basis: 'pre_trial' }]);
      expect(derived.lastReleasedOn).toBe('2016-11-30');
    });

    it('bail after ten days, revoked three months later, granted again: only the days held count', () => {
      const derived = history(
        {
          events: [
            event('arrest', 'arrest', '2023-01-01'),
            event('bail1', 'bail_granted', '2023-01-11', { bailConditions: ['reporting'] }),
            event('revoked', 'bail_revoked', '2023-04-11'),
            event('bail2', 'bail_granted', '2023-05-01', {
              bailConditions: ['house_confinement', 'electronic_monitoring'],
              bailConditionsNote: 'Must stay at his parents’ home',
            }),
          ],
        },
        '2024-01-01',
      );
      expect(derived.periods.map((p) => [p.from, p.to, p.endReason, p.days])).toEqual([
        ['2023-01-01', '2023-01-11', 'bail', 10],
        ['2023-04-11', '2023-05-01', 'bail', 20],
      ]);
      expect(derived.daysInCustody).toBe(30);
      expect(derived.detentionStatus).toBe('on_bail');
      expect(derived.currentBail).toEqual({
        entryId: 'bail2',
        grantedOn: '2023-05-01',
        conditions: ['house_confinement', 'electronic_monitoring'],
        conditionsNote: 'Must stay at his parents’ home',
      });
    });

    it('is house arrest while the open period rests on a house-arrest order', () => {
      const derived = history(
        { events: [niaArrest], custodyOrders: [order('h', '2021-11-23', 30, null, 'house_arrest')] },
        '2021-12-01',
      );
      expect(derived.detentionStatus).toBe('house_arrest');
    });

    it('leaves periods known only to the month out of the count, and says so', () => {
      const derived = history(
        {
          events: [
            event('a', 'arrest', '2016-09-01', {}, 'month'),
            event('r', 'release', '2016-11-30'),
            event('a2', 'arrest', '2021-11-22'),
          ],
        },
        '2021-12-02',
      );
      expect(derived.daysInCustody).toBe(10);
      expect(derived.daysInCustodyIsPartial).toBe(true);
      expect(derived.firstCustodyOn).toBe('2016-09-01');
      expect(derived.firstCustodyPrecision).toBe('month');
    });
  });

  describe('placing imprecise and undated entries', () => {
    it('puts a release "in 2016" after a September 2016 arrest, and a May refusal after a 3 May arrest', () => {
      const derived = history(
        {
          events: [
            event('released', 'release', '2016-01-01', {}, 'year'),
            event('arrested', 'arrest', '2016-09-15'),
          ],
        },
        '2020-01-01',
      );
      expect(derived.detentionStatus).toBe('released');
      expect(derived.periods).toMatchObject([{ from: '2016-09-15', to: '2016-01-01', toPrecision: 'year' }]);
      expect(placement('bail_denied', '2022-05-01', 'month')).toBe('2022-05-31');
      expect(placement('arrest', '2022-05-01', 'month')).toBe('2022-05-01');
      expect(placement('release', '2024-02-01', 'month')).toBe('2024-02-29');
      expect(placement('release', '2016-01-01', 'year')).toBe('2016-12-31');
    });

    it('reads an undated detention as the start and an undated release as the end', () => {
      const derived = history(
        {
          events: [event('r', 'release', null), event('d', 'detention', null)],
          custodyOrders: [order('o', '2020-01-01', 30)],
        },
        '2021-01-01',
      );
      expect(derived.periods).toMatchObject([{ from: null, to: null, endReason: 'release' }]);
      expect(derived.detentionStatus).toBe('released');
      expect(derived.daysInCustody).toBeNull();
    });

    it('reads entries in the timeline\'s order: an arrest "in September" before a release on 1 September', () => {
      const released = event('r', 'release', '2016-09-01');
      const arrested = event('a', 'arrest', '2016-09-01', {}, 'month');
      const derived = history({ events: [released, arrested] }, '2020-01-01');
      expect(derived.detentionStatus).toBe('released');
      expect(derived.periods).toMatchObject([{ openedBy: 'a', closedBy: 'r' }]);
    });

    it('lets a caseworker place a same-day entry before one recorded earlier', () => {
      const rearrested = event('a2', 'arrest', '2022-03-01');
      const released = event('r', 'release', '2022-03-01', { dayPosition: -1 });
      const derived = history(
        { events: [event('a', 'arrest', '2022-01-01'), rearrested, released] },
        '2022-03-11',
      );
      expect(derived.detentionStatus).toBe('in_custody');
      expect(derived.periods.map((period) => [period.openedBy, period.closedBy])).toEqual([
        ['a', 'r'],
        ['a2', null],
      ]);
    });

    it('breaks a same-day tie by the order the entries were recorded, not the order given', () => {
      const released = event('r', 'release', '2022-03-01');
      const rearrested = event('a2', 'arrest', '2022-03-01');
      const derived = history(
        { events: [rearrested, event('a', 'arrest', '2022-01-01'), released] },
        '2022-03-11',
      );
      expect(derived.detentionStatus).toBe('in_custody');
      expect(derived.daysInCustody).toBe(69);
    });
  });

  describe('death and disappearance', () => {
    it('a death in pre-trial detention two months after the arrest closes everything; custody after it is flagged', () => {
      const derived = history(
        {
          events: [
            event('a', 'arrest', '2022-02-24'),
            event('hs', 'hunger_strike', '2022-04-01'),
            event('d', 'death_in_custody', '2022-04-24'),
            event('late', 'transfer', '2022-06-01'),
            event('moved', 'detention', '2022-06-02'),
          ],
          custodyOrders: [order('o', '2022-02-25', 60, null, 'pre_trial')],
        },
        '2026-12-06',
      );
      expect(derived.detentionStatus).toBe('deceased');
      expect(derived.currentPeriod).toBeNull();
      expect(derived.currentOrder).toBeNull();
      expect(derived.periods).toMatchObject([{ to: '2022-04-24', endReason: 'death', days: 59 }]);
      expect(derived.daysInCustody).toBe(59);
      expect(derived.death).toEqual({ entryId: 'd', on: '2022-04-24', precision: 'day' });
      expect(derived.lastingEvents).toMatchObject([{ id: 'hs', to: '2022-04-24', ongoing: false, days: 23 }]);
      expect(derived.flags).toEqual([
        {
          kind: 'dated-after-death',
          entity: 'event',
          id: 'moved',
          date: '2022-06-02',
          diedOn: '2022-04-24',
          message:
            'Event dated 2 June 2022 comes after the death on 24 April 2022; it changes nothing in the detention history.',
        },
      ]);
    });

    it('a disappearance closes the period until an entry says where the person is', () => {
      const events = [event('a', 'arrest', '2020-01-01'), event('x', 'disappearance', '2020-02-01')];
      expect(history({ events }, '2020-03-01')).toMatchObject({
        detentionStatus: 'disappeared',
        daysInCustody: 31,
        periods: [{ endReason: 'unknown' }],
      });
      const found = [...events, event('seen', 'detention', '2020-06-01')];
      expect(history({ events: found }, '2020-06-02')).toMatchObject({
        detentionStatus: 'in_custody',
        disappearance: null,
        daysInCustody: 32,
      });
    });
  });

  describe('sentences', () => {
    it('a ten-year sentence credited from the arrest of 20 March 2017 completes on 20 March 2027', () => {
      const derived = history(
        {
          events: [
            event('a', 'arrest', '2017-03-20'),
            event('c', 'conviction', '2018-06-01'),
            event('s', 'sentence', '2018-06-10', { sentenceTerm: 'P10Y' }),
          ],
        },
        '2026-12-06',
      );
      expect(derived.sentence).toEqual({
        entryId: 's',
        term: 'P10Y',
        imposedOn: '2018-06-10',
        startsOn: '2017-03-20',
        creditForCustody: true,
        expectedReleaseOn: '2027-03-20',
        replaces: [],
      });
      expect(derived.currentPeriod?.basis).toBe('sentence');
    });

    it('a 15-year sentence without credit runs from the sentence; a later sentence replaces it', () => {
      const events = [
        event('a', 'arrest', '2019-05-01'),
        event('s1', 'sentence', '2020-01-15', { sentenceTerm: 'P15Y', creditForCustody: false }),
      ];
      expect(history({ events }, '2026-01-01').sentence).toMatchObject({
        startsOn: '2020-01-15',
        expectedReleaseOn: '2035-01-15',
      });
      const appealed = [...events, event('s2', 'sentence', '2021-03-01', { sentenceTerm: 'P2Y6M' })];
      expect(history({ events: appealed }, '2021-04-01').sentence).toMatchObject({
        entryId: 's2',
        term: 'P2Y6M',
        startsOn: '2019-05-01',
        expectedReleaseOn: '2021-11-01',
        replaces: ['s1'],
      });
    });

    it('does not credit days on bail: they push the expected release back', () => {
      const derived = history(
        {
          events: [
            event('a', 'arrest', '2017-03-20'),
            event('b', 'bail_granted', '2017-03-30'),
            event('r', 'bail_revoked', '2017-04-29'),
            event('s', 'sentence', '2018-01-01', { sentenceTerm: 'P10Y' }),
          ],
        },
        '2020-01-01',
      );
      expect(derived.sentence?.expectedReleaseOn).toBe('2027-04-19');
    });

    it('has no release date for life or death, and an explicit start wins', () => {
      const life = history(
        { events: [event('s', 'sentence', '2020-01-01', { sentenceTerm: 'life' })] },
        '2021-01-01',
      );
      expect(life.sentence).toMatchObject({ term: 'life', expectedReleaseOn: null });
      const started = history(
        {
          events: [
            event('a', 'arrest', '2019-01-01'),
            event('s', 'sentence', '2020-01-01', { sentenceTerm: 'P1Y', sentenceStartsOn: '2019-06-01' }),
          ],
        },
        '2020-01-02',
      );
      expect(started.sentence).toMatchObject({ startsOn: '2019-06-01', expectedReleaseOn: '2020-06-01' });
    });

    it('closes the period when the sentence is served', () => {
      const derived = history(
        { events: [event('a', 'arrest', '2020-01-01'), event('done', 'sentence_served', '2021-01-01')] },
        '2022-01-01',
      );
      expect(derived).toMatchObject({ detentionStatus: 'released', daysInCustody: 366 });
      expect(derived.periods[0].endReason).toBe('sentence_served');
    });

    it('completes terms on the calendar', () => {
      expect(termCompletes('2017-03-20', 'P10Y')).toBe('2027-03-20');
      expect(termCompletes('2020-02-29', 'P1Y')).toBe('2021-02-28');
      expect(termCompletes('2020-01-31', 'P1M')).toBe('2020-02-29');
      expect(termCompletes('2020-01-01', 'death')).toBeNull();
    });
  });

  describe('custody orders', () => {
    it('ends an order on the earlier of ordered-on + days and the stated end, and flags the disagreement', () => {
      expect(orderEnd(niaOrders[1])).toBe('2022-01-21');
      const derived = history({ events: [niaArrest], custodyOrders: niaOrders }, '2022-01-20');
      expect(derived.currentOrder).toEqual({
        id: 'o2',
        kind: 'judicial',
        orderedOn: '2021-12-25',
        endsOn: '2022-01-21',
        daysLeft: 1,
      });
      expect(derived.flags).toEqual([
        {
          kind: 'end-date-mismatch',
          custodyOrderId: 'o2',
          orderedOn: '2021-12-25',
          days: 30,
          statedUntil: '2022-01-21',
          computedEnd: '2022-01-24',
          differenceDays: 3,
          endsOn: '2022-01-21',
          message:
            'Custody order of 25 December 2021: 30 days from the order ends on 24 January 2022, ' +
            'but the stated end is 21 January 2022 (3 days apart); Vigil counts the earlier, 21 January 2022.',
        },
      ]);
    });

    it('flags pre-trial custody with no order in force once the last one has ended', () => {
      const derived = history({ events: [niaArrest], custodyOrders: niaOrders.slice(0, 1) }, '2021-12-26');
      expect(derived.currentOrder).toBeNull();
      expect(derived.flags).toContainEqual({
        kind: 'no-order-in-force',
        lastOrderEndedOn: '2021-12-24',
        message: 'In custody with no order in force: the last order ended on 24 December 2021.',
      });
      expect(
        history({ events: [niaArrest], custodyOrders: niaOrders }, '2021-12-26').flags,
      ).not.toContainEqual(expect.objectContaining({ kind: 'no-order-in-force' }));
    });

    it('has no current order once the person is released, and flags an order after the release', () => {
      const derived = history(
        {
          events: [niaArrest, event('r', 'release', '2022-01-15')],
          custodyOrders: [...niaOrders, order('late', '2022-03-25', 10)],
        },
        '2022-01-16',
      );
      expect(derived.currentOrder).toBeNull();
      expect(derived.flags).toContainEqual(
        expect.objectContaining({ kind: 'dated-after-release', id: 'late', date: '2022-03-25' }),
      );
    });

    it('flags orders, hearings and charges dated before the first arrest', () => {
      const derived = history(
        {
          events: [niaArrest],
          custodyOrders: [order('early', '2021-11-20', 5)],
          hearings: [{ id: 'h', day: '2021-11-21' }],
          charges: [
            { id: 'c', broughtOn: '2021-11-06' },
            { id: 'undated', broughtOn: null },
          ],
        },
        '2021-12-01',
      );
      expect(
        derived.flags.map((flag) => flag.kind === 'dated-before-arrest' && [flag.entity, flag.id]),
      ).toEqual([
        ['custody_order', 'early'],
        ['hearing', 'h'],
        ['charge', 'c'],
      ]);
    });
  });

  it('counts the days of an ongoing hunger strike and ends a travel ban on its endedOn', () => {
    const derived = history(
      {
        events: [
          event('hs', 'hunger_strike', '2024-03-01'),
          event('tb', 'travel_ban', '2023-01-01', { endedOn: '2023-06-01' }),
        ],
      },
      '2024-03-15',
    );
    expect(derived.lastingEvents).toEqual([
      {
        id: 'tb',
        type: 'travel_ban',
        from: '2023-01-01',
        fromPrecision: 'day',
        to: '2023-06-01',
        ongoing: false,
        days: 151,
      },
      {
        id: 'hs',
        type: 'hunger_strike',
        from: '2024-03-01',
        fromPrecision: 'day',
        to: null,
        ongoing: true,
        days: 14,
      },
    ]);
  });

  describe('properties', () => {
    const day = (min: string, max: string) =>
      fc
        .date({ min: new Date(`${min}T00:00:00Z`), max: new Date(`${max}T00:00:00Z`), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
    const types = fc.constantFrom(
      'arrest',
      'detention',
      'bail_revoked',
      'bail_granted',
      'release',
      'acquittal',
      'pardon',
      'sentence_served',
      'disappearance',
      'bail_denied',
      'transfer',
      'hunger_strike',
    );
    const arbitraryEvent = fc.record({
      id: fc.uuid(),
      type: types,
      date: fc.option(day('2015-01-01', '2026-01-01'), { nil: null, freq: 10 }),
      precision: fc.constantFrom<DatePrecision>('day', 'day', 'day', 'month', 'year'),
      createdAt: fc
        .integer({ min: 0, max: 999999 })
        .map((n) => `2026-01-15T09:00:00.${String(n).padStart(6, '0')}Z`),
    });
    // Entries have distinct ids: with two entries alike in every key, no order could be told apart.
    const story = fc.uniqueArray(arbitraryEvent, { selector: (event) => event.id, maxLength: 12 });
    const today = day('2026-01-01', '2027-01-01');

    it('never counts more days in custody than from the first arrest to today', () => {
      fc.assert(
        fc.property(story, today, (events, on) => {
          const derived = history({ events }, on);
          if (derived.daysInCustody === null) {
            return;
          }
          const first = derived.periods.find((period) => period.days !== null);
          expect(first?.from).toBeDefined();
          expect(derived.daysInCustody).toBeGreaterThanOrEqual(0);
          expect(derived.daysInCustody).toBeLessThanOrEqual(daysBetween(first?.from ?? on, on));
        }),
      );
    });

    it('does not depend on the order the entries are given in', () => {
      fc.assert(
        fc.property(
          story.chain((events) =>
            fc.tuple(fc.constant(events), fc.shuffledSubarray(events, { minLength: events.length })),
          ),
          today,
          ([events, shuffled], on) => {
            expect(history({ events: shuffled }, on)).toEqual(history({ events }, on));
          },
        ),
      );
    });

    it('keeps the sum when a period is closed and reopened on the same day', () => {
      fc.assert(
        fc.property(
          day('2015-01-01', '2025-01-01'),
          fc.integer({ min: 0, max: 3000 }),
          fc.integer({ min: 0, max: 3000 }),
          fc.constantFrom('release', 'bail_granted', 'acquittal'),
          fc.constantFrom('arrest', 'detention', 'bail_revoked'),
          (arrestedOn, until, gap, closing, reopening) => {
            const split = addDays(arrestedOn, until);
            const on = addDays(split, gap);
            const whole = history({ events: [event('a', 'arrest', arrestedOn)] }, on);
            const broken = history(
              {
                events: [
                  event('a', 'arrest', arrestedOn),
                  event('c', closing, split),
                  event('o', reopening, split),
                ],
              },
              on,
            );
            expect(broken.periods).toHaveLength(2);
            expect(broken.daysInCustody).toBe(whole.daysInCustody);
            expect(broken.detentionStatus).toBe('in_custody');
          },
        ),
      );
    });

    it('ends everything at a death: no open period, no order in force, nothing lasting, status deceased', () => {
      fc.assert(
        fc.property(
          story,
          fc.option(day('2015-01-01', '2026-01-01'), { nil: null }),
          fc.array(
            fc.record({
              id: fc.uuid(),
              kind: fc.constant('pre_trial'),
              orderedOn: day('2015-01-01', '2026-01-01'),
              days: fc.option(fc.integer({ min: 1, max: 9000 }), { nil: null }),
              until: fc.constant(null),
              createdAt: fc.constant('2026-01-15T09:00:00.000000Z'),
            }),
            { maxLength: 4 },
          ),
          today,
          (events, diedOn, custodyOrders, on) => {
            const derived = history(
              { events: [...events, event('death', 'death_in_custody', diedOn)], custodyOrders },
              on,
            );
            expect(derived.detentionStatus).toBe('deceased');
            expect(derived.currentPeriod).toBeNull();
            expect(derived.currentOrder).toBeNull();
            expect(derived.periods.every((period) => period.endReason !== null)).toBe(true);
            expect(derived.lastingEvents.every((lasting) => !lasting.ongoing)).toBe(true);
            expect(derived.death?.entryId).toBe('death');
          },
        ),
      );
    });
  });
});

describe('storedClockFacts: what the case list sorts by, kept without a day', () => {
  // Arrests and releases on increasing days (some known only to the month), orders among them.
  const stories = fc
    .array(
      fc.record({
        gap: fc.integer({ min: 0, max: 400 }),
        month: fc.boolean(),
        days: fc.integer({ min: 1, max: 90 }),
      }),
      {
        minLength: 1,
        maxLength: 6,
      },
    )
    .map((steps) => {
      let day = '2015-01-01';
      const events: DetentionEvent[] = [];
      const custodyOrders: DetentionCustodyOrder[] = [];
      steps.forEach((step, index) => {
        day = addDays(day, step.gap);
        const type = index % 2 === 0 ? 'arrest' : 'release';
        const month = step.month && index % 2 === 0;
        events.push(
          event(`e${index}`, type, month ? `${day.slice(0, 8)}01` : day, {}, month ? 'month' : 'day'),
        );
        if (type === 'arrest') {
          custodyOrders.push(order(`${100000 + index}`, addDays(day, 1), step.days));
        }
      });
      return { input: { events, custodyOrders }, lastDay: addDays(day, 1) };
    });

  it('gives the days in custody the clock counts on any later day, and the order in force among its ids', () => {
    fc.assert(
      fc.property(stories, fc.integer({ min: 0, max: 2000 }), ({ input, lastDay }, later) => {
        const today = addDays(lastDay, later);
        const stored = storedClockFacts(input);
        const clock = deriveDetention(input, today);
        const days =
          stored.custodyDaysClosed === null && stored.custodyOpenSince === null
            ? null
            : (stored.custodyDaysClosed ?? 0) +
              (stored.custodyOpenSince === null
                ? 0
                : Math.max(0, daysBetween(stored.custodyOpenSince, today)));
        expect(days).toBe(clock.daysInCustody);
        if (clock.currentOrder) {
          expect(stored.openPeriodOrderIds).toContain(clock.currentOrder.id);
        }
        expect(stored.openPeriodOrderIds === null).toBe(clock.currentPeriod === null);
      }),
    );
  });
});
