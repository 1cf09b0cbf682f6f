import fc from 'fast-check';
import { VISIBILITIES, Visibility } from '../common/entry';
import { mayRead, Reader } from '../common/readers';
import {
  caseAgenda,
  caseAsReadBy,
  limitVisibility,
  PlanCase,
  PlanCharge,
  planCaseReminders,
  PlanStatutoryLimit,
  reminderVisibility,
  statutoryLimitStates,
} from './reminder-plan';
import { DEFAULT_REMINDER_POLICY } from './reminder-policy';

// Who may read a reminder, and what a reader's own view of a case derives: only from what they may read.

const FAR = new Date('2100-01-01T00:00:00Z');
const READERS: Reader[] = ['external', { role: 'viewer' }, { role: 'caseworker' }, { role: 'admin' }];

const uapa: PlanStatutoryLimit = {
  id: 'uapa',
  country: 'IN',
  lawPattern: 'Unlawful Activities',
  reference: 'UAPA s.43D(2)',
  description: 'Charge sheet due',
  days: 90,
  extendedDays: 180,
};

const charge = (visibility: Visibility, law = 'Unlawful Activities (Prevention) Act 1967'): PlanCharge => ({
  law,
  section: '18',
  status: 'alleged',
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

describe('limitVisibility', () => {
  it('is the least restrictive of the charges that invoke the limit: any one of them tells', () => {
    expect(limitVisibility(uapa, 'IN', [charge('confidential'), charge('internal')])).toBe('internal');
    expect(limitVisibility(uapa, 'IN', [charge('confidential')])).toBe('confidential');
    expect(limitVisibility(uapa, 'IN', [charge('public', 'Indian Penal Code'), charge('confidential')])).toBe(
      'confidential',
    );
    expect(limitVisibility(uapa, 'IN', [{ ...charge('public'), status: 'dropped' }])).toBeNull();
    expect(limitVisibility(uapa, 'BY', [charge('public')])).toBeNull();
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
        const applies = statutoryLimitStates(own, '2099-01-15').length > 0;
        expect(applies).toBe(plan.charges.some((c) => mayRead(reader, c.visibility)));
      }),
    );
  });

  it('tells a viewer whose only charge is confidential of no limit at all', () => {
    const plan = kase({ hearing: 'public', order: 'public', charges: ['confidential'] });
    expect(statutoryLimitStates(plan, '2099-01-15')).toHaveLength(1);
    expect(statutoryLimitStates(caseAsReadBy(plan, { role: 'viewer' }), '2099-01-15')).toEqual([]);
  });
});
