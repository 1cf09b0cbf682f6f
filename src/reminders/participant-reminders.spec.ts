import { PlanCase } from './plan-case';
import { DETENTION_KINDS } from './reminder-kinds';
import { DEFAULT_REMINDER_POLICY } from './reminder-policy';
import { coAccusedOfKey, planPersonReminders } from './participant-reminders';

const LINA = '6f1c0a52-3d4e-4b7a-9c11-2f5e8d7a4b10';

// Held since 1 June 2026 on an order running to 10 July, with a hearing on 20 July.
const held: PlanCase = {
  id: 'case-1',
  timezone: 'Asia/Beirut',
  country: 'LB',
  detentionStatus: 'in_custody',
  arrestedOn: '2026-06-01',
  arrestedOnPrecision: 'day',
  hearings: [
    {
      id: 'hearing-1',
      scheduledLocal: '2026-07-20T09:30:00',
      timeKnown: true,
      status: 'scheduled',
      outcome: null,
      court: 'Military Court, Beirut',
      visibility: 'public',
    },
  ],
  custodyOrders: [
    {
      id: 'order-1',
      kind: 'pre_trial',
      orderedOn: '2026-06-10',
      days: 30,
      until: null,
      createdAt: new Date('2026-06-10T08:00:00Z'),
      visibility: 'public',
    },
  ],
  charges: [],
  limits: [],
  events: [
    {
      id: 'arrest-1',
      type: 'arrest',
      date: '2026-06-01',
      precision: 'day',
      createdAt: '2026-06-01T08:00:00.000000Z',
      visibility: 'public',
    },
  ],
  today: '2026-06-20',
};
const UNTIL = new Date('2027-01-01T00:00:00Z');

describe('planPersonReminders', () => {
  it('plans everything for the case’s own defender, with the keys a case of one has', () => {
    const planned = planPersonReminders(held, DEFAULT_REMINDER_POLICY, UNTIL, null);
    expect(planned.map((one) => one.kind)).toEqual(
      expect.arrayContaining(['hearing_upcoming', 'custody_ending']),
    );
    expect(planned.every((one) => coAccusedOfKey(one.dedupeKey) === null)).toBe(true);
  });

  it('plans only a co-accused’s detention reminders, each keyed as theirs', () => {
    const planned = planPersonReminders(held, DEFAULT_REMINDER_POLICY, UNTIL, LINA);
    expect(planned.length).toBeGreaterThan(0);
    expect(planned.every((one) => DETENTION_KINDS.includes(one.kind))).toBe(true);
    expect(planned.map((one) => one.kind)).toContain('custody_ending');
    expect(planned.every((one) => coAccusedOfKey(one.dedupeKey) === LINA)).toBe(true);
    const mine = new Set(
      planPersonReminders(held, DEFAULT_REMINDER_POLICY, UNTIL, null).map((one) => one.dedupeKey),
    );
    expect(planned.some((one) => mine.has(one.dedupeKey))).toBe(false);
  });

  it('reminds a co-accused of the deadline to appeal their own conviction, not of a shared one', () => {
    const conviction = (id: string, participantId: string | null) => ({
      id,
      type: 'conviction',
      date: '2026-09-01',
      precision: 'day' as const,
      createdAt: '2026-09-01T08:00:00.000000Z',
      visibility: 'public' as const,
      appealDeadline: '2026-09-30',
      participantId,
    });
    const own = { ...held, events: [...held.events, conviction('lina-convicted', LINA)] };
    const planned = planPersonReminders(own, DEFAULT_REMINDER_POLICY, UNTIL, LINA);
    expect(planned.filter((one) => one.kind === 'appeal_deadline').map((one) => one.offset)).toEqual([
      'P7D',
      'P1D',
    ]);
    const shared = { ...held, events: [...held.events, conviction('both-convicted', null)] };
    expect(
      planPersonReminders(shared, DEFAULT_REMINDER_POLICY, UNTIL, LINA).some(
        (one) => one.kind === 'appeal_deadline',
      ),
    ).toBe(false);
    expect(
      planPersonReminders(shared, DEFAULT_REMINDER_POLICY, UNTIL, null).filter(
        (one) => one.kind === 'appeal_deadline',
      ),
    ).toHaveLength(2);
  });

  it('reads no co-accused from a key without one', () => {
    expect(coAccusedOfKey('milestone:case-1:D30:2026-07-01')).toBeNull();
    expect(coAccusedOfKey(`milestone:case-1:D30:2026-07-01@p:${LINA}`)).toBe(LINA);
  });
});
