import fc from 'fast-check';
import { uapaRow } from '../../test/factories/statutory-limits';
import { VISIBILITIES, Visibility } from '../common/entry';
import { mayRead, Reader } from '../common/readers';
import { caseAgenda } from './case-agenda';
import { PlanCase, PlanCharge } from './plan-case';
import { caseLimits, detentionOf } from './plan-detention';
import { planCaseReminders } from './reminder-plan';
import { caseAsReadBy, reminderVisibility, statutoryVisibility } from './reminder-visibility';
import { DEFAULT_REMINDER_POLICY } from './reminder-policy';

// Who may read a reminder, and what a reader's own view of a case derives: only from what they may read.

const FAR = new Date('2100-01-01T00:00:00Z');
const READERS: Reader[] = ['external', { role: 'viewer' }, { role: 'caseworker' }, { role: 'admin' }];

const uapa = uapaRow({ description: 'Charge sheet due' });

let charges = 0;
const charge = (visibility: Visibility, law = 'Unlawful Activities (Prevention) Act 1967'): PlanCharge => ({
  id: `charge-${++charges}`,
  law,
  section: '18',
  status: 'alleged',
  maximumPenalty: null,
  visibility,
});

/** A detained case with a hearing, a custody order and charges of the given visibilities. */
const kase = (visibilities: { hearing: Visibility; order: Visibility; charges: Visibility[] }): PlanCase => ({
  id: 'case-1',
  timezone: 'Asia/Kolkata',
  country: 'IN',
  detentionStatus: 'in_custody',
  arrestedOn: '2099-01-01',
  arrestedOnPrecision: 'day',
  // The custody facts come from the events: the arrest is one, public like the case.
  events: [
    {
      id: 'arrest',
      type: 'arrest',
      date: '2099-01-01',
      precision: 'day',
      createdAt: '2099-01-01T00:00:00.000Z',
      visibility: 'public',
    },
  ],
  // The day the order is made: it is the order in force, so its end is reminded.
  today: '2099-01-02',
  hearings: [
    {
      id: 'h1',
      scheduledLocal: '2099-02-01T10:30:00',
      timeKnown: true,
      status: 'scheduled',
      outcome: null,
      court: 'NIA Special Court',
      visibility: visibilities.hearing,
    },
  ],
  custodyOrders: [
    {
      id: 'o1',
      kind: 'judicial',
      orderedOn: '2099-01-02',
      days: 30,
      until: null,
      createdAt: new Date(0),
      visibility: visibilities.order,
    },
  ],
  charges: visibilities.charges.map((v) => charge(v)),
  limits: [uapa],
});

const visibility = fc.constantFrom(...VISIBILITIES);
const aCase = fc
  .record({ hearing: visibility, order: visibility, charges: fc.array(visibility, { maxLength: 3 }) })
  .map(kase);

describe('statutoryVisibility', () => {
  const of = (charges: PlanCharge[]): Visibility | null => {
    const plan = { ...kase({ hearing: 'public', order: 'public', charges: [] }), charges };
    const state = caseLimits(plan).states[0];
    return state ? statutoryVisibility(plan, state, detentionOf(plan)) : null;
  };

  it('is the least restrictive of the charges that put the case in scope: any one of them tells', () => {
    expect(of([charge('confidential'), charge('internal')])).toBe('internal');
    expect(of([charge('confidential')])).toBe('confidential');
    expect(of([charge('public', 'Indian Penal Code'), charge('confidential')])).toBe('confidential');
    expect(of([{ ...charge('public'), status: 'dropped' }])).toBeNull();
  });

  it('is never more open than a custody order, which may set the basis the limit is scoped by', () => {
    const plan = kase({ hearing: 'public', order: 'confidential', charges: ['public'] });
    expect(statutoryVisibility(plan, caseLimits(plan).states[0], detentionOf(plan))).toBe('confidential');
  });
});

describe('reminderVisibility', () => {
  it('is the visibility of the entry each planned reminder is about', () => {
    fc.assert(
      fc.property(aCase, (plan) => {
        for (const planned of planCaseReminders(plan, DEFAULT_REMINDER_POLICY, FAR)) {
          expect(planned.visibility).toBe(reminderVisibility(plan, planned));
        }
      }),
    );
    const plan = kase({ hearing: 'confidential', order: 'internal', charges: ['internal', 'confidential'] });
    const of = (kind: string) =>
      planCaseReminders(plan, DEFAULT_REMINDER_POLICY, FAR).find((p) => p.kind === kind)?.visibility;
    expect([
      of('hearing_upcoming'),
      of('outcome_missing'),
      of('custody_ending'),
      of('statutory_limit'),
      of('detention_milestone'),
    ]).toEqual(['confidential', 'confidential', 'internal', 'internal', 'public']);
  });

  it('never opens a custody-order reminder wider than the arrest that says the person is held', () => {
    for (const arrest of VISIBILITIES) {
      const plan = kase({ hearing: 'public', order: 'public', charges: [] });
      plan.events = plan.events.map((event) => ({ ...event, visibility: arrest }));
      const custody = planCaseReminders(plan, DEFAULT_REMINDER_POLICY, FAR).filter((p) =>
        ['custody_ending', 'no_custody_order'].includes(p.kind),
      );
      expect(custody.map((p) => p.kind)).toEqual(
        expect.arrayContaining(['custody_ending', 'no_custody_order']),
      );
      for (const planned of custody) {
        expect([planned.kind, planned.visibility]).toEqual([planned.kind, arrest]);
        expect(reminderVisibility(plan, planned)).toBe(arrest);
      }
    }
  });

  it('is null when the entry is gone, so that a stored value is kept', () => {
    const plan = kase({ hearing: 'public', order: 'public', charges: [] });
    expect(reminderVisibility(plan, { kind: 'hearing_upcoming', subjectId: 'gone' })).toBeNull();
    expect(reminderVisibility(plan, { kind: 'statutory_limit', subjectId: 'uapa' })).toBeNull();
  });
});

describe('caseAsReadBy', () => {
  it("derives a reader's agenda and statutory limits only from entries they may read", () => {
    fc.assert(
      fc.property(aCase, fc.constantFrom(...READERS), (plan, reader) => {
        const own = caseAsReadBy(plan, reader);
        for (const item of caseAgenda(own, DEFAULT_REMINDER_POLICY, FAR)) {
          expect(mayRead(reader, item.visibility)).toBe(true);
        }
        const applies = caseLimits({ ...own, today: '2099-01-15' }).states.length > 0;
        expect(applies).toBe(plan.charges.some((c) => mayRead(reader, c.visibility)));
      }),
    );
  });

  it('tells a viewer whose only charge is confidential of no limit at all', () => {
    const plan = kase({ hearing: 'public', order: 'public', charges: ['confidential'] });
    expect(caseLimits(plan).states).toHaveLength(1);
    expect(caseLimits(caseAsReadBy(plan, { role: 'viewer' })).states).toEqual([]);
  });
});

describe('reminders derived from the detention history', () => {
  const DERIVED = ['detention_milestone', 'statutory_limit', 'sentence_ending', 'release_overdue'];
  const RANK: Record<Visibility, number> = { public: 0, internal: 1, confidential: 2 };
  const STORY_TYPES = ['arrest', 'bail_granted', 'bail_revoked', 'release', 'sentence'] as const;
  const dayAfter = (day: string, n: number): string =>
    new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

  /** A detained story: an arrest, then bail, re-arrests, releases and sentences, each of any visibility. */
  const story = fc
    .record({
      arrest: visibility,
      steps: fc.array(
        fc.record({
          type: fc.constantFrom(...STORY_TYPES),
          gap: fc.integer({ min: 1, max: 90 }),
          visibility,
          credit: fc.boolean(),
        }),
        { maxLength: 5 },
      ),
      charges: visibility,
    })
    .map(({ arrest, steps, charges }): PlanCase => {
      let day = '2099-01-01';
      const events: PlanCase['events'] = [
        {
          id: 'e0',
          type: 'arrest',
          date: day,
          precision: 'day',
          createdAt: '2099-01-01T00:00:00.000Z',
          visibility: arrest,
        },
      ];
      steps.forEach((step, i) => {
        day = dayAfter(day, step.gap);
        events.push({
          id: `e${i + 1}`,
          type: step.type,
          date: day,
          precision: 'day',
          createdAt: `${day}T00:00:00.000Z`,
          visibility: step.visibility,
          ...(step.type === 'sentence' ? { sentenceTerm: 'P1Y', creditForCustody: step.credit } : {}),
        });
      });
      return {
        ...kase({ hearing: 'public', order: 'public', charges: [charges] }),
        hearings: [],
        custodyOrders: [],
        events,
        today: dayAfter(day, 5),
      };
    });
  const until = new Date('2104-01-01T00:00:00Z');

  it('are never more open than any event their date or their existence depends on', () => {
    fc.assert(
      fc.property(story, (plan) => {
        const planned = planCaseReminders(plan, DEFAULT_REMINDER_POLICY, until).filter((p) =>
          DERIVED.includes(p.kind),
        );
        for (const event of plan.events) {
          const without = { ...plan, events: plan.events.filter((e) => e !== event) };
          const replanned = new Map(
            planCaseReminders(without, DEFAULT_REMINDER_POLICY, until).map((p) => [p.dedupeKey, p]),
          );
          // A reader who may read the reminder but not this event must learn nothing from the event.
          for (const reminder of planned.filter((p) => RANK[event.visibility] > RANK[p.visibility])) {
            const same = replanned.get(reminder.dedupeKey);
            expect({ key: reminder.dedupeKey, dueAt: same?.dueAt, details: same?.details }).toEqual({
              key: reminder.dedupeKey,
              dueAt: reminder.dueAt,
              details: reminder.details,
            });
          }
        }
        for (const reminder of planned) {
          expect(reminderVisibility(plan, reminder)).toBe(reminder.visibility);
        }
      }),
    );
  });

  const arrestedConfidentially = (): PlanCase => {
    const plan = kase({ hearing: 'public', order: 'public', charges: ['public'] });
    return { ...plan, events: plan.events.map((e) => ({ ...e, visibility: 'confidential' as const })) };
  };

  it('a confidential arrest makes the milestones and the statutory deadlines confidential', () => {
    const plan = arrestedConfidentially();
    const planned = planCaseReminders(plan, DEFAULT_REMINDER_POLICY, FAR);
    const of = (kind: string) => [
      ...new Set(planned.filter((p) => p.kind === kind).map((p) => p.visibility)),
    ];
    expect(of('detention_milestone')).toEqual(['confidential']);
    expect(of('statutory_limit')).toEqual(['confidential']);
    expect(reminderVisibility(plan, { kind: 'detention_milestone', subjectId: null })).toBe('confidential');
    expect(reminderVisibility(plan, { kind: 'statutory_limit', subjectId: 'uapa' })).toBe('confidential');
  });

  it('tells a reader who may not read the arrest no statutory deadline counted from it', () => {
    const plan = arrestedConfidentially();
    expect(caseLimits({ ...plan, today: '2099-01-15' }).states[0]).toMatchObject({
      dueOn: '2099-04-01',
      state: 'running',
    });
    // Without the arrest they hold no custody to count from, so no limit applies in their view.
    for (const reader of ['external', { role: 'viewer' }] as Reader[]) {
      expect(caseLimits({ ...caseAsReadBy(plan, reader), today: '2099-01-15' }).states).toEqual([]);
    }
  });

  it('a sentence credited from a confidential arrest is as confidential as the arrest', () => {
    const plan = arrestedConfidentially();
    const sentenced: PlanCase = {
      ...plan,
      events: [
        ...plan.events,
        {
          id: 'sentence',
          type: 'sentence',
          date: '2099-01-02',
          precision: 'day',
          createdAt: '2099-01-02T00:00:00.000Z',
          visibility: 'public',
          sentenceTerm: 'P1Y',
          creditForCustody: true,
        },
      ],
    };
    const planned = planCaseReminders(sentenced, DEFAULT_REMINDER_POLICY, FAR).filter((p) =>
      ['sentence_ending', 'release_overdue'].includes(p.kind),
    );
    expect(planned.length).toBeGreaterThan(0);
    for (const reminder of planned) {
      expect(reminder.details.startsOn).toBe('2099-01-01');
      expect(reminder.visibility).toBe('confidential');
      expect(reminderVisibility(sentenced, reminder)).toBe('confidential');
    }
  });
});
