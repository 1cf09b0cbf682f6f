import fc from 'fast-check';
import { DetentionCustodyOrder, DetentionEvent, deriveDetention } from './detention-history';
import { concerns, deriveParticipants, participantInput } from './participants';

type Owned<T> = T & { participantId: string | null };

let recorded = 0;
const event = (
  id: string,
  type: string,
  date: string,
  participantId: string | null,
): Owned<DetentionEvent> => ({
  id,
  type,
  date,
  precision: 'day',
  createdAt: `2026-03-01T08:00:00.${String(recorded++).padStart(6, '0')}Z`,
  participantId,
});
const order = (id: string, orderedOn: string, days: number, participantId: string | null) =>
  ({
    id,
    kind: 'judicial',
    orderedOn,
    days,
    until: null,
    createdAt: `2026-03-01T08:00:00.${String(recorded++).padStart(6, '0')}Z`,
    participantId,
  }) satisfies Owned<DetentionCustodyOrder>;

const NADIA = 'nadia';
const TOMAS = 'tomas';

describe('participants', () => {
  describe('a shared arrest, then one of the two is bailed', () => {
    const input = {
      events: [
        event('taken', 'arrest', '2025-09-10', null),
        event('searched', 'raid', '2025-09-10', null),
        event('bailed', 'bail_granted', '2025-10-01', TOMAS),
      ],
      custodyOrders: [order('remand', '2025-10-01', 30, NADIA)],
    };
    const stories = deriveParticipants(input, [NADIA, TOMAS], '2025-10-20');

    it('keeps the one not bailed in custody, with her own order and clock', () => {
      const nadia = stories.get(NADIA);
      expect(nadia?.detentionStatus).toBe('in_custody');
      expect(nadia?.daysInCustody).toBe(40);
      expect(nadia?.currentOrder?.id).toBe('remand');
    });

    it('puts the bailed one on bail from his own bail entry, with only the days before it', () => {
      const tomas = stories.get(TOMAS);
      expect(tomas?.detentionStatus).toBe('on_bail');
      expect(tomas?.daysInCustody).toBe(21);
      expect(tomas?.currentOrder).toBeNull();
      expect(tomas?.currentBail?.entryId).toBe('bailed');
    });
  });

  it('reads an entry with no participant as everyone’s and an owned one as its owner’s alone', () => {
    expect(concerns({ participantId: null }, NADIA)).toBe(true);
    expect(concerns({}, NADIA)).toBe(true);
    expect(concerns({ participantId: NADIA }, NADIA)).toBe(true);
    expect(concerns({ participantId: TOMAS }, NADIA)).toBe(false);
  });

  const day = fc
    .integer({ min: 0, max: 900 })
    .map((offset) => new Date(Date.UTC(2023, 0, 1 + offset)).toISOString().slice(0, 10));
  const owner = fc.constantFrom<string | null>(null, NADIA, TOMAS);
  const type = fc.constantFrom('arrest', 'detention', 'bail_granted', 'release', 'bail_revoked', 'raid');
  const entries = fc
    .array(fc.tuple(type, day, owner), { maxLength: 12 })
    .map((rows) => rows.map(([kind, date, who], index) => event(`e${index}`, kind, date, who)));
  const orders = fc
    .array(fc.tuple(day, fc.integer({ min: 1, max: 90 }), owner), { maxLength: 4 })
    .map((rows) => rows.map(([date, days, who], index) => order(`o${index}`, date, days, who)));

  it('folds each participant from their own and the shared entries only (property)', () => {
    fc.assert(
      fc.property(entries, orders, (events, custodyOrders) => {
        const stories = deriveParticipants({ events, custodyOrders }, [NADIA, TOMAS], '2025-12-31');
        const byHand = deriveDetention(
          {
            events: events.filter((entry) => entry.participantId !== TOMAS),
            custodyOrders: custodyOrders.filter((entry) => entry.participantId !== TOMAS),
          },
          '2025-12-31',
        );
        expect(stories.get(NADIA)).toEqual(byHand);
      }),
    );
  });

  it('leaves a participant’s history unchanged by anything the other one owns (property)', () => {
    fc.assert(
      fc.property(entries, entries, orders, (events, extra, custodyOrders) => {
        const theirs = extra.map((entry) => ({ ...entry, id: `t-${entry.id}`, participantId: TOMAS }));
        const before = deriveDetention(participantInput({ events, custodyOrders }, NADIA), '2025-12-31');
        const after = deriveDetention(
          participantInput({ events: [...events, ...theirs], custodyOrders }, NADIA),
          '2025-12-31',
        );
        expect(after).toEqual(before);
      }),
    );
  });

  it('gives every participant the case’s own history when every entry is shared (property)', () => {
    fc.assert(
      fc.property(entries, orders, (events, custodyOrders) => {
        const shared = {
          events: events.map((entry) => ({ ...entry, participantId: null })),
          custodyOrders: custodyOrders.map((entry) => ({ ...entry, participantId: null })),
        };
        const whole = deriveDetention(shared, '2025-12-31');
        for (const history of deriveParticipants(shared, [NADIA, TOMAS], '2025-12-31').values()) {
          expect(history).toEqual(whole);
        }
      }),
    );
  });
});
