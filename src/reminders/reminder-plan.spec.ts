import { uapaRow } from '../../test/factories/statutory-limits';
import fc from 'fast-check';
import { DateTime, Duration } from 'luxon';
import { caseAgenda } from './case-agenda';
import { detentionMilestones } from './detention-milestones';
import { nextDigestAt } from './digest-schedule';
import { PlanCase, PlanEvent, PlanHearing } from './plan-case';
import { caseLimits, detentionOf } from './plan-detention';
import { DAY_REMINDER_HOUR } from './plan-time';
import { DETENTION_KINDS } from './reminder-kinds';
import { cancelReason, planCaseReminders, subjectOfReminder } from './reminder-plan';
import { DEFAULT_REMINDER_POLICY, effectivePolicy, offsetProblem, ReminderPolicy } from './reminder-policy';

// Zones with and without daylight saving, north and south, and with odd offsets.
const ZONES = [
  'Asia/Kolkata',
  'Europe/Paris',
  'America/New_York',
  'Australia/Sydney',
  'America/Santiago',
  'Asia/Kathmandu',
  'Europe/Moscow',
  'UTC',
];

const FAR = new Date('2100-01-01T00:00:00Z');

let eventCount = 0;
const event = (type: string, date: string | null, overrides: Partial<PlanEvent> = {}): PlanEvent => ({
  id: `event-${++eventCount}`,
  type,
  date,
  precision: 'day',
  createdAt: `2020-01-01T00:00:${String(eventCount % 60).padStart(2, '0')}.000Z`,
  visibility: 'public',
  ...overrides,
});

// The custody facts come from the events: an arrestedOn given here becomes an arrest event.
const baseCase = (overrides: Partial<PlanCase> = {}): PlanCase => {
  const arrestedOn = overrides.arrestedOn ?? null;
  const precision = (overrides.arrestedOnPrecision ?? 'day') as PlanEvent['precision'];
  return {
    id: 'case-1',
    timezone: 'Asia/Kolkata',
    country: 'IN',
    detentionStatus: 'in_custody',
    arrestedOnPrecision: 'day',
    hearings: [],
    custodyOrders: [],
    charges: [],
    limits: [],
    today: '2022-01-01',
    ...overrides,
    arrestedOn,
    events:
      overrides.events ?? (arrestedOn ? [event('arrest', arrestedOn, { id: 'arrest', precision })] : []),
  };
};

const hearing = (overrides: Partial<PlanHearing> = {}): PlanHearing => ({
  id: 'hearing-1',
  scheduledLocal: '2022-07-06T10:30:00',
  timeKnown: true,
  status: 'scheduled',
  outcome: null,
  court: 'NIA Special Court, New Delhi',
  visibility: 'public',
  ...overrides,
});

const noMilestones: ReminderPolicy = {
  ...DEFAULT_REMINDER_POLICY,
  milestoneDays: [],
  milestonesYearly: false,
};

// A wall-clock time that exists in the zone (not in a spring-forward gap).
const zonedLocal = fc
  .record({
    zone: fc.constantFrom(...ZONES),
    day: fc.integer({ min: 0, max: 365 * 30 }),
    minute: fc.integer({ min: 0, max: 24 * 60 - 1 }),
  })
  .map(({ zone, day, minute }) => {
    const wall = DateTime.fromISO('2000-01-01T00:00:00', { zone: 'utc' }).plus({
      days: day,
      minutes: minute,
    });
    return { zone, text: wall.toFormat("yyyy-MM-dd'T'HH:mm:ss") };
  })
  .filter(({ zone, text }) => DateTime.fromISO(text, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss") === text);

describe('hearing reminders', () => {
  it('puts day offsets at the same local wall-clock time, N calendar days earlier, across DST', () => {
    fc.assert(
      fc.property(zonedLocal, fc.integer({ min: 1, max: 30 }), ({ zone, text }, days) => {
        const offset = `P${days}D`;
        const plan = planCaseReminders(
          baseCase({ timezone: zone, hearings: [hearing({ scheduledLocal: text })] }),
          { ...noMilestones, hearingOffsets: [offset] },
          FAR,
        ).filter((r) => r.kind === 'hearing_upcoming');
        expect(plan).toHaveLength(1);
        const due = DateTime.fromJSDate(plan[0].dueAt, { zone });
        const expectedDay = DateTime.fromISO(text, { zone: 'utc' }).minus({ days }).toFormat('yyyy-MM-dd');
        expect(due.toFormat('yyyy-MM-dd')).toBe(expectedDay);
        const wanted = `${expectedDay}T${text.slice(11)}`;
        // Where that wall time exists on the earlier day it is kept exactly.
        if (DateTime.fromISO(wanted, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss") === wanted) {
          expect(due.toFormat("yyyy-MM-dd'T'HH:mm:ss")).toBe(wanted);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('puts hour offsets exactly that many elapsed hours before the hearing instant', () => {
    fc.assert(
      fc.property(zonedLocal, fc.integer({ min: 1, max: 72 }), ({ zone, text }, hours) => {
        const [reminder] = planCaseReminders(
          baseCase({ timezone: zone, hearings: [hearing({ scheduledLocal: text })] }),
          { ...noMilestones, hearingOffsets: [`PT${hours}H`] },
          FAR,
        );
        const at = DateTime.fromISO(text, { zone }).toMillis();
        expect(at - reminder.dueAt.getTime()).toBe(hours * 3600_000);
        expect(reminder.subjectAt.getTime()).toBe(at);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps 7 days before 10:30 at 10:30 when Paris changes to summer time in between', () => {
    const [reminder] = planCaseReminders(
      baseCase({ timezone: 'Europe/Paris', hearings: [hearing({ scheduledLocal: '2026-04-01T10:30:00' })] }),
      { ...noMilestones, hearingOffsets: ['P7D'] },
      FAR,
    );
    expect(reminder.dueAt.toISOString()).toBe('2026-03-25T09:30:00.000Z'); // 10:30 CET
  });

  it('gives a moved hearing entirely new keys, so nothing of the old time survives', () => {
    fc.assert(
      fc.property(zonedLocal, zonedLocal, (a, b) => {
        fc.pre(a.text !== b.text);
        const keys = (text: string) =>
          planCaseReminders(
            baseCase({ hearings: [hearing({ scheduledLocal: text })] }),
            noMilestones,
            FAR,
          ).map((r) => r.dedupeKey);
        const before = new Set(keys(a.text));
        expect(keys(b.text).some((key) => before.has(key))).toBe(false);
      }),
    );
  });

  it('plans nothing ahead of a cancelled, held or adjourned hearing', () => {
    for (const status of ['cancelled', 'held', 'adjourned']) {
      const plan = planCaseReminders(baseCase({ hearings: [hearing({ status })] }), noMilestones, FAR);
      expect(plan.filter((r) => r.kind === 'hearing_upcoming')).toEqual([]);
    }
  });

  it('uses the documented key shape', () => {
    const plan = planCaseReminders(baseCase({ hearings: [hearing()] }), noMilestones, FAR);
    expect(plan.map((r) => r.dedupeKey)).toContain('hearing:hearing-1:P7D:2022-07-06T05:00:00.000Z');
  });
});

describe('hearings whose time is not known', () => {
  // A day in the zone whose midnight exists (the hearing is stored at midnight local).
  const zonedDay = fc
    .record({ zone: fc.constantFrom(...ZONES), day: fc.integer({ min: 0, max: 365 * 30 }) })
    .map(({ zone, day }) => ({
      zone,
      day: DateTime.fromISO('2000-01-01', { zone: 'utc' }).plus({ days: day }).toFormat('yyyy-MM-dd'),
    }))
    .filter(({ zone, day }) => DateTime.fromISO(`${day}T00:00:00`, { zone }).hour === 0);
  const dayOnly = (zone: string, day: string) =>
    baseCase({
      timezone: zone,
      hearings: [hearing({ scheduledLocal: `${day}T00:00:00`, timeKnown: false })],
    });
  const offsets = fc.uniqueArray(
    fc.oneof(
      fc.integer({ min: 1, max: 30 }).map((n) => `P${n}D`),
      fc.integer({ min: 1, max: 72 }).map((n) => `PT${n}H`),
    ),
    { minLength: 1, maxLength: 5 },
  );

  it('reminds at 09:00 in the court zone on the day each offset lands, once a day, never at midnight', () => {
    fc.assert(
      fc.property(zonedDay, offsets, ({ zone, day }, hearingOffsets) => {
        const plan = planCaseReminders(dayOnly(zone, day), { ...noMilestones, hearingOffsets }, FAR).filter(
          (r) => r.kind === 'hearing_upcoming',
        );
        const landing = new Set(
          hearingOffsets.map((offset) =>
            DateTime.fromISO(`${day}T09:00:00`, { zone })
              .minus(Duration.fromISO(offset))
              .toFormat('yyyy-MM-dd'),
          ),
        );
        const dueDays = plan.map((r) => DateTime.fromJSDate(r.dueAt, { zone }).toFormat('yyyy-MM-dd'));
        expect(new Set(dueDays)).toEqual(landing);
        expect(dueDays).toHaveLength(landing.size);
        for (const reminder of plan) {
          const due = DateTime.fromJSDate(reminder.dueAt, { zone });
          expect(due.toFormat('HH:mm')).toBe('09:00');
          expect(reminder.details.daysAhead).toBe(
            Math.round(
              DateTime.fromISO(day, { zone: 'utc' }).diff(
                DateTime.fromISO(due.toFormat('yyyy-MM-dd'), { zone: 'utc' }),
                'days',
              ).days,
            ),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('turns the default P7D, P1D and PT2H into 09:00 seven days before, the day before and on the day', () => {
    const plan = planCaseReminders(dayOnly('Asia/Kolkata', '2022-07-06'), noMilestones, FAR).filter(
      (r) => r.kind === 'hearing_upcoming',
    );
    expect(plan.map((r) => [r.dedupeKey, r.dueAt.toISOString(), r.details.daysAhead])).toEqual([
      ['hearing:hearing-1:P7D:2022-07-06', '2022-06-29T03:30:00.000Z', 7],
      ['hearing:hearing-1:P1D:2022-07-06', '2022-07-05T03:30:00.000Z', 1],
      ['hearing:hearing-1:PT2H:2022-07-06', '2022-07-06T03:30:00.000Z', 0],
    ]);
  });

  it('chases a missing outcome from 18:00 on the hearing day, then daily', () => {
    fc.assert(
      fc.property(zonedDay, ({ zone, day }) => {
        const chases = planCaseReminders(dayOnly(zone, day), noMilestones, FAR).filter(
          (r) => r.kind === 'outcome_missing',
        );
        expect(
          chases.map((r) => DateTime.fromJSDate(r.dueAt, { zone }).toFormat("yyyy-MM-dd'T'HH:mm")),
        ).toEqual(
          [0, 1, 2].map(
            (n) => `${DateTime.fromISO(day, { zone: 'utc' }).plus({ days: n }).toFormat('yyyy-MM-dd')}T18:00`,
          ),
        );
      }),
    );
  });

  it('gives the hearing new keys when its time becomes known, so the day-only reminders are cancelled', () => {
    const keys = (h: Partial<PlanHearing>) =>
      new Set(
        planCaseReminders(baseCase({ hearings: [hearing(h)] }), noMilestones, FAR).map((r) => r.dedupeKey),
      );
    const known = keys({ scheduledLocal: '2022-07-06T00:00:00', timeKnown: true });
    expect(
      [...keys({ scheduledLocal: '2022-07-06T00:00:00', timeKnown: false })].some((k) => known.has(k)),
    ).toBe(false);
  });
});

describe('outcome missing', () => {
  it('chases 12 hours after the hearing, then daily, three times, and stops once an outcome is logged', () => {
    const plan = planCaseReminders(baseCase({ hearings: [hearing()] }), noMilestones, FAR).filter(
      (r) => r.kind === 'outcome_missing',
    );
    expect(plan.map((r) => r.dueAt.toISOString())).toEqual([
      '2022-07-06T17:00:00.000Z',
      '2022-07-07T17:00:00.000Z',
      '2022-07-08T17:00:00.000Z',
    ]);
    const logged = planCaseReminders(
      baseCase({ hearings: [hearing({ status: 'held', outcome: 'Adjourned to 9 August' })] }),
      noMilestones,
      FAR,
    );
    expect(logged.filter((r) => r.kind === 'outcome_missing')).toEqual([]);
  });
});

describe('custody orders', () => {
  const order = { id: 'o1', kind: 'judicial', createdAt: new Date(0), visibility: 'public' as const };

  it('ends where the detention history says: the earlier of days and the stated end, as the case page', () => {
    // 30 days from 25 December is 24 January; the order says 21 January.
    const kase = baseCase({
      arrestedOn: '2021-11-22',
      custodyOrders: [{ ...order, id: 'o', orderedOn: '2021-12-25', days: 30, until: '2022-01-21' }],
    });
    const plan = planCaseReminders(kase, noMilestones, FAR).filter((r) => r.kind === 'custody_ending');
    expect(plan.map((r) => [r.dedupeKey, r.details.endsOn])).toEqual([
      ['custody:o:P3D:2022-01-21', '2022-01-21'],
      ['custody:o:P1D:2022-01-21', '2022-01-21'],
    ]);
    expect(detentionOf(kase).currentOrder?.endsOn).toBe('2022-01-21');
    // And the other way round: the days run out before the stated end.
    const longer = { ...kase, custodyOrders: [{ ...kase.custodyOrders[0], until: '2022-01-31' }] };
    const ends = planCaseReminders(longer, noMilestones, FAR)
      .filter((r) => r.kind === 'custody_ending')
      .map((r) => r.details.endsOn);
    expect(ends).toEqual(['2022-01-24', '2022-01-24']);
    expect(detentionOf(longer).currentOrder?.endsOn).toBe('2022-01-24');
  });

  it('reminds before the end of the order in force only, at 09:00 local', () => {
    const kase = baseCase({
      arrestedOn: '2021-11-22',
      custodyOrders: [
        { ...order, id: 'old', orderedOn: '2021-12-04', days: 20, until: null },
        { ...order, id: 'new', orderedOn: '2021-12-25', days: 30, until: null },
      ],
    });
    const plan = planCaseReminders(kase, noMilestones, FAR).filter((r) => r.kind === 'custody_ending');
    expect(plan.map((r) => [r.dedupeKey, r.dueAt.toISOString()])).toEqual([
      ['custody:new:P3D:2022-01-24', '2022-01-21T03:30:00.000Z'],
      ['custody:new:P1D:2022-01-24', '2022-01-23T03:30:00.000Z'],
    ]);
  });

  it('plans no custody, milestone or statutory reminders once the defender is released', () => {
    const kase = baseCase({
      events: [event('arrest', '2021-11-22'), event('release', '2021-12-10')],
      custodyOrders: [{ ...order, orderedOn: '2021-12-04', days: 20, until: null }],
      today: '2021-12-11',
    });
    expect(planCaseReminders(kase, DEFAULT_REMINDER_POLICY, FAR)).toEqual([]);
  });
});

describe('detention milestones', () => {
  it('falls on arrest + N calendar days at 09:00 local, whatever the zone and DST', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.integer({ min: 0, max: 365 * 40 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 2000 }), { minLength: 1, maxLength: 6 }),
        (zone, dayNumber, milestoneDays) => {
          const arrestedOn = DateTime.fromISO('1990-01-01', { zone: 'utc' })
            .plus({ days: dayNumber })
            .toFormat('yyyy-MM-dd');
          const milestones = detentionMilestones(
            arrestedOn,
            zone,
            { milestoneDays, milestonesYearly: false },
            FAR,
          );
          expect(milestones).toHaveLength(milestoneDays.length);
          for (const milestone of milestones) {
            const expected = DateTime.fromISO(arrestedOn, { zone: 'utc' })
              .plus({ days: milestone.days })
              .toFormat('yyyy-MM-dd');
            expect(milestone.day).toBe(expected);
            expect(milestone.at.setZone(zone).hour).toBe(DAY_REMINDER_HOUR);
          }
        },
      ),
    );
  });

  it('marks 30, 100, 150 and 365 days, then yearly anniversaries, never both 365 days and one year', () => {
    const milestones = detentionMilestones(
      '2021-11-22',
      'Asia/Kolkata',
      DEFAULT_REMINDER_POLICY,
      new Date('2024-12-31T00:00:00Z'),
    );
    expect(milestones.map((m) => `${m.label} ${m.day}`)).toEqual([
      'D30 2021-12-22',
      'D100 2022-03-02',
      'D150 2022-04-21',
      'D365 2022-11-22',
      'Y2 2023-11-22',
      'Y3 2024-11-22',
    ]);
  });

  it('has anniversaries of a 29 February arrest on the last day of February, one a year', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1996, 2000, 2004, 2008, 2012, 2016, 2020, 2024),
        fc.constantFrom(...ZONES),
        (year, zone) => {
          const arrestedOn = `${year}-02-29`;
          const milestones = detentionMilestones(
            arrestedOn,
            zone,
            { milestoneDays: [], milestonesYearly: true },
            DateTime.fromISO(`${year + 12}-12-31`, { zone }).toJSDate(),
          );
          expect(milestones.map((m) => m.years)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
          for (const milestone of milestones) {
            const day = DateTime.fromISO(milestone.day, { zone: 'utc' });
            expect(day.month).toBe(2);
            expect(day.day).toBe(day.isInLeapYear ? 29 : 28);
            expect(day.year).toBe(year + (milestone.years ?? 0));
          }
        },
      ),
    );
  });

  it('needs a day-precision arrest: "arrested in September 2016" has no milestones', () => {
    const kase = baseCase({ arrestedOn: '2016-09-01', arrestedOnPrecision: 'month' });
    expect(caseAgenda(kase, DEFAULT_REMINDER_POLICY, FAR).filter((i) => i.kind === 'milestone')).toEqual([]);
  });

  it('never plans past the horizon it is given', () => {
    const until = new Date('2023-01-01T00:00:00Z');
    const plan = planCaseReminders(baseCase({ arrestedOn: '2021-11-22' }), DEFAULT_REMINDER_POLICY, until);
    expect(plan.every((r) => r.dueAt <= until)).toBe(true);
  });
});

describe('plans as a whole', () => {
  // A case with something of every kind: hearings (with and without a time), a custody order that
  // has lapsed, a limit, a known arrest, an ongoing hunger strike and, in half of them, a sentence.
  const richCase = (times: { text: string }[], zone: string): PlanCase =>
    baseCase({
      timezone: zone,
      arrestedOn: '2020-02-29',
      events: [
        event('arrest', '2020-02-29', { id: 'arrest' }),
        event('hunger_strike', '2021-12-20', { id: 'strike' }),
        ...(times.length % 2
          ? [event('sentence', '2021-06-01', { id: 'sentence', sentenceTerm: 'P9Y6M' })]
          : []),
      ],
      hearings: times.map((t, i) => hearing({ id: `h${i}`, scheduledLocal: t.text, timeKnown: i % 2 === 0 })),
      custodyOrders: [
        {
          id: 'o',
          kind: 'judicial',
          orderedOn: '2021-01-01',
          days: 30,
          until: null,
          createdAt: new Date(0),
          visibility: 'public',
        },
      ],
      charges: [
        {
          id: 'charge-uapa',
          law: 'Unlawful Activities (Prevention) Act 1967',
          section: '18',
          maximumPenalty: null,
          status: 'alleged',
          visibility: 'public',
        },
      ],
      limits: [uapaRow({ description: 'Charge sheet due' })],
    });
  const until = new Date('2030-01-01T00:00:00Z');

  it('never repeats a dedupe key', () => {
    fc.assert(
      fc.property(fc.array(zonedLocal, { maxLength: 5 }), fc.constantFrom(...ZONES), (times, zone) => {
        const keys = planCaseReminders(richCase(times, zone), DEFAULT_REMINDER_POLICY, until).map(
          (r) => r.dedupeKey,
        );
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 100 },
    );
  });

  it('plans the same reminder from its subject alone as from the whole case, and nothing the case lacks', () => {
    fc.assert(
      fc.property(fc.array(zonedLocal, { maxLength: 4 }), fc.constantFrom(...ZONES), (times, zone) => {
        const kase = richCase(times, zone);
        const whole = planCaseReminders(kase, DEFAULT_REMINDER_POLICY, until);
        const wholeKeys = new Set(whole.map((r) => r.dedupeKey));
        for (const reminder of whole) {
          const alone = planCaseReminders(subjectOfReminder(kase, reminder), DEFAULT_REMINDER_POLICY, until);
          expect(alone).toContainEqual(reminder);
          expect(alone.filter((r) => !wholeKeys.has(r.dedupeKey))).toEqual([]);
        }
      }),
      { numRuns: 50 },
    );
  });

  it('no longer finds a hearing reminder once that hearing is cancelled, whatever the other hearings', () => {
    const kase = richCase([{ text: '2026-03-02T10:00:00' }, { text: '2026-03-09T10:00:00' }], 'Europe/Paris');
    const [reminder] = planCaseReminders(kase, DEFAULT_REMINDER_POLICY, until).filter(
      (r) => r.kind === 'hearing_upcoming' && r.subjectId === 'h0',
    );
    const cancelled = {
      ...kase,
      hearings: kase.hearings.map((h) => (h.id === 'h0' ? { ...h, status: 'cancelled' } : h)),
    };
    const keys = planCaseReminders(
      subjectOfReminder(cancelled, reminder),
      DEFAULT_REMINDER_POLICY,
      until,
    ).map((r) => r.dedupeKey);
    expect(keys).not.toContain(reminder.dedupeKey);
  });
});

describe('statutory limits', () => {
  const uapa = uapaRow();
  const khurram = baseCase({
    arrestedOn: '2021-11-22',
    charges: [
      {
        id: 'charge-uapa',
        law: 'Unlawful Activities (Prevention) Act 1967',
        section: '18B',
        maximumPenalty: null,
        status: 'alleged',
        visibility: 'public',
      },
    ],
    limits: [uapa, { ...uapa, id: 'elsewhere', country: 'BY' }],
  });

  it('shows the limits that apply to the charges with the days left', () => {
    const on = (kase: typeof khurram, today: string) => caseLimits({ ...kase, today }).states;
    expect(on(khurram, '2022-01-01')).toEqual([
      expect.objectContaining({
        limitId: 'uapa',
        state: 'running',
        dueOn: '2022-02-20',
        daysLeft: 50,
        lastDay: '2022-05-21',
      }),
    ]);
    const filed = { ...khurram, charges: [{ ...khurram.charges[0], status: 'in_charge_sheet' }] };
    expect(on(filed, '2022-06-01')[0]).toMatchObject({
      state: 'met',
      stoppedBy: 'charge_sheet',
      stoppedOn: null,
    });
    expect(on(khurram, '2022-06-01')[0]).toMatchObject({ state: 'exceeded', exceededByDays: 11 });
  });

  it('reminds 14 and 3 days before each deadline until the charge sheet is filed', () => {
    const plan = planCaseReminders(
      khurram,
      { ...DEFAULT_REMINDER_POLICY, milestoneDays: [], milestonesYearly: false },
      FAR,
    );
    expect(plan.filter((r) => r.kind === 'statutory_limit').map((r) => r.dedupeKey)).toEqual([
      'statutory:case-1:uapa:90:P14D:2022-02-20',
      'statutory:case-1:uapa:90:P3D:2022-02-20',
      'statutory:case-1:uapa:180:P14D:2022-05-21',
      'statutory:case-1:uapa:180:P3D:2022-05-21',
    ]);
    const dropped = { ...khurram, charges: [{ ...khurram.charges[0], status: 'dropped' }] };
    expect(planCaseReminders(dropped, noMilestones, FAR)).toEqual([]);
  });
});

describe('weekly digest', () => {
  it('is the next Monday 08:00 in the user zone, strictly after now and within a week', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2040-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (zone, now) => {
          const next = nextDigestAt(zone, now);
          expect(next.weekday).toBe(1);
          expect(next.hour).toBe(8);
          expect(next.minute).toBe(0);
          expect(next.toMillis()).toBeGreaterThan(now.getTime());
          expect(next.toMillis() - now.getTime()).toBeLessThanOrEqual(
            Duration.fromObject({ days: 7, hours: 2 }).toMillis(),
          );
        },
      ),
    );
  });
});

describe('policy', () => {
  it('accepts positive ISO durations up to a year and refuses the rest', () => {
    for (const good of ['P7D', 'PT2H', 'P1DT12H', 'PT1M', 'P2W', 'P1Y']) {
      expect(offsetProblem(good)).toBeNull();
    }
    for (const bad of ['7D', 'P', 'PT', 'P0D', 'P-1D', 'P2Y', 'soon', 7, null]) {
      expect(offsetProblem(bad)).not.toBeNull();
    }
  });

  it('lets a case override parts of the global policy', () => {
    expect(effectivePolicy(DEFAULT_REMINDER_POLICY, { hearingOffsets: ['PT1M'] })).toEqual({
      ...DEFAULT_REMINDER_POLICY,
      hearingOffsets: ['PT1M'],
    });
    expect(effectivePolicy(DEFAULT_REMINDER_POLICY, null)).toEqual(DEFAULT_REMINDER_POLICY);
  });
});

describe('reminders that follow the detention history', () => {
  const policy = (overrides: Partial<ReminderPolicy> = {}): ReminderPolicy => ({
    ...noMilestones,
    ...overrides,
  });
  const atLocal = (r: { dueAt: Date }, zone = 'Asia/Kolkata') =>
    DateTime.fromJSDate(r.dueAt, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
  const ofKind = <T extends { kind: string }>(plan: T[], kind: string): T[] =>
    plan.filter((r) => r.kind === kind);

  describe('a ten-year sentence credited from the arrest', () => {
    const sentenced = (today: string, more: PlanEvent[] = []) =>
      baseCase({
        today,
        events: [
          event('arrest', '2017-03-20', { id: 'arrest' }),
          event('sentence', '2019-05-10', { id: 'sentence', sentenceTerm: 'P10Y', creditForCustody: true }),
          ...more,
        ],
      });

    it('reminds 30 and 7 days before the expected release, at 09:00 in the case zone', () => {
      const plan = planCaseReminders(sentenced('2026-12-06'), policy(), FAR);
      expect(ofKind(plan, 'sentence_ending').map((r) => [r.dedupeKey, atLocal(r), r.subjectId])).toEqual([
        ['sentence:sentence:P30D:2027-03-20', '2027-02-18T09:00', 'sentence'],
        ['sentence:sentence:P7D:2027-03-20', '2027-03-13T09:00', 'sentence'],
      ]);
    });

    it('chases a release not logged from the day after, weekly, up to the horizon', () => {
      const until = new Date('2027-04-20T00:00:00Z');
      const plan = planCaseReminders(sentenced('2027-03-22'), policy(), until);
      expect(ofKind(plan, 'release_overdue').map((r) => [r.offset, atLocal(r)])).toEqual([
        ['N1', '2027-03-21T09:00'],
        ['N2', '2027-03-28T09:00'],
        ['N3', '2027-04-04T09:00'],
        ['N4', '2027-04-11T09:00'],
        ['N5', '2027-04-18T09:00'],
      ]);
    });

    it('keeps chasing a release overdue for decades, from the latest chase before today on', () => {
      const longAgo = baseCase({
        today: '2030-06-05',
        events: [event('arrest', '1990-01-01'), event('sentence', '1991-01-01', { sentenceTerm: 'P10Y' })],
      });
      const chases = ofKind(
        planCaseReminders(longAgo, policy(), new Date('2030-07-01T00:00:00Z')),
        'release_overdue',
      );
      // Complete on 1 January 2000; the first chase the day after, a Sunday, then every Sunday.
      expect(chases.map((r) => atLocal(r))).toEqual([
        '2030-06-02T09:00',
        '2030-06-09T09:00',
        '2030-06-16T09:00',
        '2030-06-23T09:00',
        '2030-06-30T09:00',
      ]);
      expect(chases[0].offset).toBe(
        `N${1 + DateTime.fromISO('2030-06-02').diff(DateTime.fromISO('2000-01-02'), 'weeks').weeks}`,
      );
    });

    it('stops once the release is logged', () => {
      const released = sentenced('2027-03-29', [event('release', '2027-03-28')]);
      const plan = planCaseReminders(released, policy(), FAR);
      expect(ofKind(plan, 'release_overdue')).toEqual([]);
      expect(ofKind(plan, 'sentence_ending')).toEqual([]);
    });
  });

  describe('no custody order in force', () => {
    const order = { kind: 'judicial', createdAt: new Date(0), visibility: 'public' as const, until: null };
    const remanded = (today: string, orders: PlanCase['custodyOrders']) =>
      baseCase({
        today,
        events: [event('arrest', '2022-01-01', { custodyBasis: 'judicial' })],
        custodyOrders: orders,
      });

    it('reminds the day after the order in force ends, and still once it has lapsed', () => {
      const orders = [{ ...order, id: 'o1', orderedOn: '2022-01-02', days: 30 }];
      for (const today of ['2022-01-10', '2022-02-05']) {
        const plan = ofKind(planCaseReminders(remanded(today, orders), policy(), FAR), 'no_custody_order');
        expect(plan.map((r) => [r.dedupeKey, atLocal(r), r.subjectId])).toEqual([
          ['no-order:o1:2022-02-01', '2022-02-02T09:00', 'o1'],
        ]);
      }
    });

    it('moves on to the new order when one is made in time', () => {
      const orders = [
        { ...order, id: 'o1', orderedOn: '2022-01-02', days: 30 },
        { ...order, id: 'o2', orderedOn: '2022-02-01', days: 20 },
      ];
      const plan = ofKind(
        planCaseReminders(remanded('2022-02-01', orders), policy(), FAR),
        'no_custody_order',
      );
      expect(plan.map((r) => r.dedupeKey)).toEqual(['no-order:o2:2022-02-21']);
    });

    it('is not for someone serving a sentence', () => {
      const serving = baseCase({
        today: '2022-03-01',
        events: [event('arrest', '2022-01-01'), event('sentence', '2022-01-20', { sentenceTerm: 'P2Y' })],
        custodyOrders: [{ ...order, id: 'o1', orderedOn: '2022-01-02', days: 10 }],
      });
      expect(ofKind(planCaseReminders(serving, policy(), FAR), 'no_custody_order')).toEqual([]);
    });
  });

  describe('an ongoing hunger strike', () => {
    const striking = (more: PlanEvent[] = [], strike: Partial<PlanEvent> = {}) =>
      baseCase({
        today: '2022-03-05',
        events: [
          event('arrest', '2022-01-01'),
          event('hunger_strike', '2022-03-01', { id: 'strike', ...strike }),
          ...more,
        ],
      });

    it('reminds on days 7, 14, 21 and 30, at 09:00', () => {
      const plan = ofKind(planCaseReminders(striking(), policy(), FAR), 'hunger_strike_day');
      expect(plan.map((r) => [r.dedupeKey, atLocal(r), r.subjectId])).toEqual([
        ['hunger-strike:strike:D7:2022-03-08', '2022-03-08T09:00', 'strike'],
        ['hunger-strike:strike:D14:2022-03-15', '2022-03-15T09:00', 'strike'],
        ['hunger-strike:strike:D21:2022-03-22', '2022-03-22T09:00', 'strike'],
        ['hunger-strike:strike:D30:2022-03-31', '2022-03-31T09:00', 'strike'],
      ]);
    });

    it('stops when the strike ends or the person dies', () => {
      expect(
        ofKind(
          planCaseReminders(striking([], { endedOn: '2022-03-10' }), policy(), FAR),
          'hunger_strike_day',
        ),
      ).toEqual([]);
      const died = striking([event('death_in_custody', '2022-03-04')]);
      expect(ofKind(planCaseReminders(died, policy(), FAR), 'hunger_strike_day')).toEqual([]);
    });
  });

  describe('milestones count days actually in custody', () => {
    it('moves day 30 later by the weeks on bail and plans none while free', () => {
      const events = [
        event('arrest', '2022-01-01'),
        event('bail_granted', '2022-01-11'),
        event('bail_revoked', '2022-04-11'),
      ];
      const milestones = (today: string, more: PlanEvent[] = []) =>
        caseAgenda(
          baseCase({ today, events: [...events, ...more] }),
          { ...DEFAULT_REMINDER_POLICY, milestoneDays: [30, 100], milestonesYearly: true },
          new Date('2023-06-01T00:00:00Z'),
        )
          .filter((i) => i.kind === 'milestone')
          .map((i) => `${i.details.label} ${i.details.day}`);
      // Ten days served before bail: day 30 is 20 days after the re-arrest.
      expect(milestones('2022-04-12')).toEqual(['D30 2022-05-01', 'D100 2022-07-10', 'Y1 2023-04-01']);
      const onBail = baseCase({ today: '2022-02-01', events: events.slice(0, 2) });
      expect(caseAgenda(onBail, DEFAULT_REMINDER_POLICY, FAR).filter((i) => i.kind === 'milestone')).toEqual(
        [],
      );
    });

    it('falls where the periods add up to N days, whatever the spells of liberty', () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.integer({ min: 1, max: 400 }), { minLength: 0, maxLength: 6 }),
          fc.uniqueArray(fc.integer({ min: 1, max: 1500 }), { minLength: 1, maxLength: 5 }),
          (gaps, milestoneDays) => {
            // Arrest on day 0, then alternately freed and re-arrested after each gap; in custody at the end.
            const sorted = [...gaps].sort((a, b) => a - b);
            const changes = sorted.length % 2 === 0 ? sorted : sorted.slice(0, -1);
            const day = (n: number) =>
              DateTime.fromISO('2020-01-01', { zone: 'utc' }).plus({ days: n }).toFormat('yyyy-MM-dd');
            const events = [
              event('arrest', day(0)),
              ...changes.map((n, i) => event(i % 2 === 0 ? 'bail_granted' : 'bail_revoked', day(n))),
            ];
            const today = day((changes.at(-1) ?? 0) + 1);
            const agenda = caseAgenda(
              baseCase({ today, events }),
              { ...DEFAULT_REMINDER_POLICY, milestoneDays, milestonesYearly: false },
              FAR,
            ).filter((i) => i.kind === 'milestone');
            // Oracle: count custody days one by one.
            const inCustody = (n: number) => {
              let held = true;
              for (const change of changes) {
                if (n >= change) {
                  held = !held;
                }
              }
              return held;
            };
            const lastChange = changes.at(-1) ?? 0;
            for (const item of agenda) {
              const target = Number(item.details.days);
              const at = Math.round(
                DateTime.fromISO(String(item.details.day), { zone: 'utc' }).diff(
                  DateTime.fromISO(day(0), { zone: 'utc' }),
                  'days',
                ).days,
              );
              let served = 0;
              for (let n = 0; n < at; n++) {
                served += inCustody(n) ? 1 : 0;
              }
              expect(served).toBe(target);
              expect(at).toBeGreaterThan(lastChange);
            }
          },
        ),
        { numRuns: 200 },
      );
    });
  });

  describe('a death in custody', () => {
    const dead = baseCase({
      today: '2022-05-01',
      events: [event('arrest', '2022-02-24'), event('death_in_custody', '2022-04-24')],
      custodyOrders: [
        {
          id: 'o',
          kind: 'judicial',
          orderedOn: '2022-03-01',
          days: 90,
          until: null,
          createdAt: new Date(0),
          visibility: 'public' as const,
        },
      ],
      charges: [
        {
          id: 'charge-uapa',
          law: 'Unlawful Activities (Prevention) Act 1967',
          section: '18',
          maximumPenalty: null,
          status: 'alleged',
          visibility: 'public',
        },
      ],
      limits: [uapaRow({ description: 'Charge sheet due' })],
    });

    it('plans nothing that assumes a living detainee, and says why it cancels them', () => {
      expect(planCaseReminders(dead, DEFAULT_REMINDER_POLICY, FAR)).toEqual([]);
      expect(cancelReason(dead, 'detention_milestone')).toBe('Died in custody on 24 April 2022');
      for (const kind of DETENTION_KINDS) {
        expect(cancelReason(dead, kind)).toBe('Died in custody on 24 April 2022');
      }
      expect(cancelReason(dead, 'hearing_upcoming')).toBeNull();
      // A confidential death is not stated on rows every user may list.
      const secret = {
        ...dead,
        events: dead.events.map((e) =>
          e.type === 'death_in_custody' ? { ...e, visibility: 'confidential' as const } : e,
        ),
      };
      expect(cancelReason(secret, 'detention_milestone')).toBeNull();
    });

    it('says so for a disappearance too', () => {
      const gone = { ...dead, events: [event('arrest', '2022-02-24'), event('disappearance', '2022-04-24')] };
      expect(planCaseReminders(gone, DEFAULT_REMINDER_POLICY, FAR)).toEqual([]);
      expect(cancelReason(gone, 'custody_ending')).toBe('Disappeared on 24 April 2022');
    });
  });
});
