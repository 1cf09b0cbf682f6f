import fc from 'fast-check';
import { DateTime, Duration } from 'luxon';
import {
  caseAgenda,
  custodyOrderEnd,
  currentCustodyOrder,
  DAY_REMINDER_HOUR,
  detentionMilestones,
  nextDigestAt,
  PlanCase,
  PlanHearing,
  planCaseReminders,
  statutoryLimitStates,
  subjectOfReminder,
} from './reminder-plan';
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

const baseCase = (overrides: Partial<PlanCase> = {}): PlanCase => ({
  id: 'case-1',
  timezone: 'Asia/Kolkata',
  country: 'IN',
  detentionStatus: 'in_custody',
  arrestedOn: null,
  arrestedOnPrecision: 'day',
  hearings: [],
  custodyOrders: [],
  charges: [],
  limits: [],
  ...overrides,
});

const hearing = (overrides: Partial<PlanHearing> = {}): PlanHearing => ({
  id: 'hearing-1',
  scheduledLocal: '2022-07-06T10:30:00',
  timeKnown: true,
  status: 'scheduled',
  outcome: null,
  court: 'NIA Special Court, New Delhi',
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
  const order = { id: 'o1', kind: 'judicial', createdAt: new Date(0) };

  it('ends on ordered-on + days, or the stated date, and the earlier when they disagree', () => {
    expect(custodyOrderEnd({ orderedOn: '2021-12-04', days: 20, until: null })).toEqual({
      end: '2021-12-24',
      disagrees: false,
    });
    expect(custodyOrderEnd({ orderedOn: '2021-12-25', days: 30, until: '2022-01-21' })).toEqual({
      end: '2022-01-21',
      disagrees: true,
    });
    expect(custodyOrderEnd({ orderedOn: '2021-12-25', days: null, until: '2022-01-21' }).end).toBe(
      '2022-01-21',
    );
    expect(custodyOrderEnd({ orderedOn: '2021-12-25', days: null, until: null }).end).toBeNull();
  });

  it('reminds before the end of the order in force only, at 09:00 local', () => {
    const kase = baseCase({
      custodyOrders: [
        { ...order, id: 'old', orderedOn: '2021-12-04', days: 20, until: null },
        { ...order, id: 'new', orderedOn: '2021-12-25', days: 30, until: null },
      ],
    });
    expect(currentCustodyOrder(kase.custodyOrders)?.id).toBe('new');
    const plan = planCaseReminders(kase, noMilestones, FAR).filter((r) => r.kind === 'custody_ending');
    expect(plan.map((r) => [r.dedupeKey, r.dueAt.toISOString()])).toEqual([
      ['custody:new:P3D:2022-01-24', '2022-01-21T03:30:00.000Z'],
      ['custody:new:P1D:2022-01-24', '2022-01-23T03:30:00.000Z'],
    ]);
  });

  it('plans no custody, milestone or statutory reminders once the defender is released', () => {
    const kase = baseCase({
      detentionStatus: 'released',
      arrestedOn: '2021-11-22',
      custodyOrders: [{ ...order, orderedOn: '2021-12-04', days: 20, until: null }],
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
  // A case with something of every kind: hearings, a custody order, a limit and a known arrest.
  const richCase = (times: { text: string }[], zone: string): PlanCase =>
    baseCase({
      timezone: zone,
      arrestedOn: '2020-02-29',
      hearings: times.map((t, i) => hearing({ id: `h${i}`, scheduledLocal: t.text })),
      custodyOrders: [
        { id: 'o', kind: 'judicial', orderedOn: '2021-01-01', days: 30, until: null, createdAt: new Date(0) },
      ],
      charges: [{ law: 'Unlawful Activities (Prevention) Act 1967', section: '18', status: 'alleged' }],
      limits: [
        {
          id: 'uapa',
          country: 'IN',
          lawPattern: 'Unlawful Activities',
          reference: 'UAPA s.43D(2)',
          description: 'Charge sheet due',
          days: 90,
          extendedDays: 180,
        },
      ],
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
  const uapa = {
    id: 'uapa',
    country: 'IN',
    lawPattern: 'Unlawful Activities (Prevention) Act',
    reference: 'UAPA s.43D(2)',
    description: 'Charge sheet due within 90 days of arrest; a court may extend to 180',
    days: 90,
    extendedDays: 180,
  };
  const khurram = baseCase({
    arrestedOn: '2021-11-22',
    charges: [{ law: 'Unlawful Activities (Prevention) Act 1967', section: '18B', status: 'alleged' }],
    limits: [uapa, { ...uapa, id: 'elsewhere', country: 'BY' }],
  });

  it('shows the limits that apply to the charges with the days left', () => {
    expect(statutoryLimitStates(khurram, '2022-01-01')).toEqual([
      expect.objectContaining({
        limitId: 'uapa',
        deadline: '2022-02-20',
        daysLeft: 50,
        extendedDeadline: '2022-05-21',
        extendedDaysLeft: 140,
        status: 'running',
      }),
    ]);
    const filed = { ...khurram, charges: [{ ...khurram.charges[0], status: 'in_charge_sheet' }] };
    expect(statutoryLimitStates(filed, '2022-06-01')[0].status).toBe('met');
    expect(statutoryLimitStates(khurram, '2022-06-01')[0].status).toBe('passed');
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
