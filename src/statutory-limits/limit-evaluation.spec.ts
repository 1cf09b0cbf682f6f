import fc from 'fast-check';
import { limitRow } from '../../test/factories/statutory-limits';
import { addDays, daysBetween } from '../common/calendar-day';
import { evaluateLimits, sectionMatches } from './limit-evaluation';
import { LimitCase, LimitCharge, LimitCustody, LimitRule, penaltyWeight } from './limit-model';
import { limitSentence } from './limit-words';

// Cases in made-up words: a country "XX" whose Detention Code sets the limits under test.

const held = (
  from: string,
  basis: LimitCustody['basis'] = 'judicial',
  to: string | null = null,
): LimitCustody => ({
  openedBy: `opened-${from}`,
  from,
  fromPrecision: 'day',
  to,
  toPrecision: to === null ? null : 'day',
  closedBy: to === null ? null : `closed-${to}`,
  basis,
  endReason: to === null ? null : 'bail',
});

const charged = (overrides: Partial<LimitCharge> = {}): LimitCharge => ({
  id: 'charge-1',
  law: 'Detention Code',
  section: '12',
  status: 'alleged',
  maximumPenalty: null,
  ...overrides,
});

const aCase = (overrides: Partial<LimitCase> = {}): LimitCase => ({
  country: 'XX',
  periods: [held('2030-01-01')],
  custodyOrders: [],
  charges: [charged()],
  events: [],
  ...overrides,
});

const only = (rules: LimitRule[], kase: LimitCase, today: string) => {
  const { evaluations } = evaluateLimits(rules, kase, today);
  expect(evaluations).toHaveLength(1);
  return evaluations[0];
};

describe('evaluateLimits: scope', () => {
  it('applies a limit only in its country and to the custody bases it names', () => {
    const rule = limitRow({ bases: ['police', 'judicial'] });
    expect(evaluateLimits([rule], aCase(), '2030-01-10').evaluations).toHaveLength(1);
    expect(evaluateLimits([rule], aCase({ country: 'YY' }), '2030-01-10').evaluations).toEqual([]);
    const administrative = aCase({ periods: [held('2030-01-01', 'administrative')] });
    expect(evaluateLimits([rule], administrative, '2030-01-10').evaluations).toEqual([]);
    expect(evaluateLimits([rule], aCase({ periods: [] }), '2030-01-10').evaluations).toEqual([]);
  });

  it('applies a statute-scoped limit only when a live charge names the law and section', () => {
    const rule = limitRow({ lawPattern: 'security of the realm act', sectionPattern: '8(1)(a)(i)' });
    const security = charged({ law: 'Security of the Realm Act 1990', section: 's. 8(1)(a)(i)' });
    expect(only([rule], aCase({ charges: [security] }), '2030-01-10').chargeIds).toEqual(['charge-1']);
    const otherGround = { ...security, section: '8(1)(a)(ii)' };
    expect(evaluateLimits([rule], aCase({ charges: [otherGround] }), '2030-01-10').evaluations).toEqual([]);
    const dropped = { ...security, status: 'dropped' };
    expect(evaluateLimits([rule], aCase({ charges: [dropped] }), '2030-01-10').evaluations).toEqual([]);
  });

  it('reads sections at a boundary', () => {
    expect(sectionMatches('8(1)(a)(ii)', '8(1)(a)(i)')).toBe(false);
    expect(sectionMatches('Section 8(1)(a)(i)', '8(1)(a)(i)')).toBe(true);
    expect(sectionMatches('18B', '18')).toBe(false);
    expect(sectionMatches('18(2)', '18')).toBe(true);
    expect(sectionMatches(null, '')).toBe(true);
  });

  it('chooses one alternative of a rule by the gravest maximum penalty, and none when no penalty is recorded', () => {
    const grave = limitRow({ id: 'grave', rule: 'custody', priority: 1, penaltyFrom: 'P10Y' });
    const other = limitRow({ id: 'other', rule: 'custody', priority: 2, penaltyBelow: 'P10Y' });
    const withPenalties = (...penalties: (string | null)[]) =>
      aCase({ charges: penalties.map((p, i) => charged({ id: `c${i}`, maximumPenalty: p })) });
    expect(only([grave, other], withPenalties('P7Y'), '2030-01-10').limitId).toBe('other');
    expect(only([grave, other], withPenalties('P7Y', 'life'), '2030-01-10')).toMatchObject({
      limitId: 'grave',
      chargeIds: ['c1'],
    });
    expect(only([grave, other], withPenalties('P10Y', null), '2030-01-10').limitId).toBe('grave');
    expect(evaluateLimits([grave, other], withPenalties(null), '2030-01-10')).toEqual({
      evaluations: [],
      undecided: ['custody'],
    });
  });

  it('prefers the alternative of higher priority when several match (a special statute over the general rule)', () => {
    const special = limitRow({ id: 'special', rule: 'custody', priority: 1, lawPattern: 'Detention Code' });
    const general = limitRow({ id: 'general', rule: 'custody', priority: 2 });
    expect(only([general, special], aCase(), '2030-01-10').limitId).toBe('special');
    const otherLaw = aCase({ charges: [charged({ law: 'Penal Code' })] });
    expect(only([general, special], otherLaw, '2030-01-10').limitId).toBe('general');
  });

  it('ranks penalties: days < months < years < life < death', () => {
    const order = ['P30D', 'P6M', 'P6M1D', 'P1Y', 'P10Y', 'life', 'death'].map(penaltyWeight);
    expect(order).toEqual([...order].sort((a, b) => (a ?? 0) - (b ?? 0)));
    expect(penaltyWeight('P12M')).toBe(penaltyWeight('P1Y'));
    expect(penaltyWeight('ten years')).toBeNull();
  });
});

describe('evaluateLimits: states', () => {
  const twoPeriods = limitRow({
    periods: [
      { length: 90, unit: 'days', renewedByCourt: false },
      { length: 90, unit: 'days', renewedByCourt: true },
    ],
  });

  it('runs while held, due at the next period end', () => {
    expect(only([twoPeriods], aCase(), '2030-01-11')).toMatchObject({
      state: 'running',
      startedOn: '2030-01-01',
      dueOn: '2030-04-01',
      daysLeft: 80,
      lastDay: '2030-06-30',
      periodEnds: [
        { days: 90, endsOn: '2030-04-01', renewedByCourt: false },
        { days: 180, endsOn: '2030-06-30', renewedByCourt: true },
      ],
    });
    expect(only([twoPeriods], aCase(), '2030-05-01')).toMatchObject({ dueOn: '2030-06-30', daysLeft: 60 });
  });

  it('is met by a charge sheet filed inside the extended period, and exceeded by one filed after it', () => {
    const filed = (on: string) =>
      aCase({ events: [{ id: 'cs', type: 'charge_sheet', date: on, precision: 'day' }] });
    expect(only([twoPeriods], filed('2030-05-15'), '2031-01-01')).toMatchObject({
      state: 'met',
      stoppedOn: '2030-05-15',
      stoppedBy: 'charge_sheet',
      stoppedByEntry: 'cs',
    });
    expect(only([twoPeriods], filed('2030-07-10'), '2031-01-01')).toMatchObject({
      state: 'exceeded',
      exceededByDays: 10,
      stoppedOn: '2030-07-10',
    });
  });

  it('is exceeded by the days past its last day while held with no stop', () => {
    expect(only([twoPeriods], aCase(), '2030-07-03')).toMatchObject({ state: 'exceeded', exceededByDays: 3 });
  });

  it('is met by release when release stops it, and ended by a death', () => {
    const released = aCase({ periods: [held('2030-01-01', 'judicial', '2030-02-01')] });
    expect(only([twoPeriods], released, '2031-01-01')).toMatchObject({
      state: 'met',
      stoppedBy: 'release',
      stoppedOn: '2030-02-01',
    });
    const died = aCase({
      periods: [{ ...held('2030-01-01', 'judicial', '2030-02-01'), endReason: 'death' }],
    });
    expect(only([twoPeriods], died, '2031-01-01').state).toBe('ended');
  });

  it('is met on an unknown day when only a charge status says the charge sheet is in', () => {
    const kase = aCase({ charges: [charged({ status: 'in_charge_sheet' })] });
    expect(only([twoPeriods], kase, '2031-01-01')).toMatchObject({ state: 'met', stoppedOn: null });
  });

  it('is undated when custody started on a day not known', () => {
    const kase = aCase({ periods: [{ ...held('2030-01-01'), fromPrecision: 'month' }] });
    expect(only([twoPeriods], kase, '2030-02-01')).toMatchObject({ state: 'undated', dueOn: null });
  });

  it('counts only days held for custody_start: bail pushes the end later', () => {
    const rule = limitRow({ startsOn: 'custody_start', stoppedBy: ['indictment'] });
    const kase = aCase({ periods: [held('2030-01-01', 'judicial', '2030-01-11'), held('2030-02-01')] });
    // 10 days held in January, 20 more from 1 February.
    expect(only([rule], kase, '2030-02-05')).toMatchObject({ state: 'running', lastDay: '2030-02-21' });
  });

  it('counts months on the calendar', () => {
    const rule = limitRow({ periods: [{ length: 12, unit: 'months', renewedByCourt: false }] });
    expect(only([rule], aCase({ periods: [held('2030-03-15')] }), '2030-04-01').lastDay).toBe('2031-03-15');
  });

  it('restarts with each custody order for each_order', () => {
    const rule = limitRow({
      startsOn: 'each_order',
      periods: [{ length: 12, unit: 'days', renewedByCourt: true }],
    });
    const kase = aCase({
      custodyOrders: [
        { id: 'o1', orderedOn: '2030-01-02' },
        { id: 'o2', orderedOn: '2030-01-14' },
      ],
    });
    expect(only([rule], kase, '2030-01-20')).toMatchObject({ startedBy: 'o2', lastDay: '2030-01-26' });
  });
});

describe('evaluateLimits: properties', () => {
  const day = fc.integer({ min: 0, max: 2000 }).map((n) => addDays('2030-01-01', n));
  const penalty = fc.option(fc.constantFrom('P6M', 'P3Y', 'P7Y', 'P10Y', 'P14Y', 'life', 'death'), {
    nil: null,
  });
  const criminal = ['police', 'judicial', 'pre_trial'] as const;
  const rules = [
    limitRow({ id: 'a', rule: 'r', priority: 1, bases: [...criminal], lawPattern: 'special act' }),
    limitRow({ id: 'b', rule: 'r', priority: 2, bases: [...criminal], penaltyFrom: 'P10Y' }),
    limitRow({ id: 'c', rule: 'r', priority: 3, bases: [...criminal], penaltyBelow: 'P10Y' }),
    limitRow({ id: 'd', bases: ['administrative'], startsOn: 'custody_start', stoppedBy: ['release'] }),
  ];
  const kase = fc
    .record({
      start: day,
      basis: fc.constantFrom('police', 'judicial', 'administrative', 'house_arrest') as fc.Arbitrary<
        LimitCustody['basis']
      >,
      heldDays: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
      charges: fc.array(fc.record({ special: fc.boolean(), penalty, dropped: fc.boolean() }), {
        maxLength: 3,
      }),
      chargeSheetAfter: fc.option(fc.integer({ min: -10, max: 400 }), { nil: null }),
    })
    .map(({ start, basis, heldDays, charges, chargeSheetAfter }): LimitCase =>
      aCase({
        periods: [held(start, basis, heldDays === null ? null : addDays(start, heldDays))],
        charges: charges.map((c, i) =>
          charged({
            id: `c${i}`,
            law: c.special ? 'Special Act' : 'Penal Code',
            maximumPenalty: c.penalty,
            status: c.dropped ? 'dropped' : 'alleged',
          }),
        ),
        events:
          chargeSheetAfter === null
            ? []
            : [{ id: 'cs', type: 'charge_sheet', date: addDays(start, chargeSheetAfter), precision: 'day' }],
      }),
    );

  it('never applies two alternatives of one rule, and only rules whose basis matches', () => {
    fc.assert(
      fc.property(kase, day, (k, today) => {
        const ids = evaluateLimits(rules, k, today).evaluations.map((e) => e.limitId);
        expect(ids.filter((id) => ['a', 'b', 'c'].includes(id)).length).toBeLessThanOrEqual(1);
        if (k.periods[0].basis === 'administrative' || k.periods[0].basis === 'house_arrest') {
          expect(ids.filter((id) => id !== 'd')).toEqual([]);
        }
        if (k.periods[0].basis !== 'administrative') {
          expect(ids).not.toContain('d');
        }
      }),
    );
  });

  it('gives each state what it promises, and one sentence that says it', () => {
    fc.assert(
      fc.property(kase, day, (k, today) => {
        for (const e of evaluateLimits(rules, k, today).evaluations) {
          switch (e.state) {
            case 'running':
              expect(e.dueOn && e.lastDay && today <= e.dueOn && e.dueOn <= e.lastDay).toBeTruthy();
              expect(e.daysLeft).toBe(daysBetween(today, e.dueOn as string));
              break;
            case 'met':
              expect(e.stoppedOn === null || e.stoppedOn <= (e.lastDay as string)).toBe(true);
              break;
            case 'exceeded':
              expect(e.exceededByDays).toBeGreaterThan(0);
              break;
            case 'ended':
            case 'undated':
              expect(e.exceededByDays).toBeNull();
              break;
          }
          expect(limitSentence(e)).toMatch(/^(Running|Met|Exceeded|Ended|Not counted)/);
        }
      }),
    );
  });

  it('turns running into met when a charge sheet is filed before the last day', () => {
    fc.assert(
      fc.property(kase, fc.integer({ min: 0, max: 89 }), (k, after) => {
        const rule = limitRow({ periods: [{ length: 90, unit: 'days', renewedByCourt: false }] });
        const start = k.periods[0].from as string;
        const open = { ...k, periods: [held(start, 'judicial')], events: [] };
        const filedOn = addDays(start, after);
        const filed = {
          ...open,
          events: [{ id: 'cs', type: 'charge_sheet', date: filedOn, precision: 'day' as const }],
        };
        expect(only([rule], open, addDays(start, after)).state).toBe('running');
        expect(only([rule], filed, addDays(start, 500))).toMatchObject({ state: 'met', stoppedOn: filedOn });
        expect(only([rule], open, addDays(start, 100))).toMatchObject({
          state: 'exceeded',
          exceededByDays: 10,
        });
      }),
    );
  });
});
