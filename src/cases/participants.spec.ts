import fc from 'fast-check';
import { deriveStages, StageDecision, StageEvent } from './case-stages';
import { DetentionCustodyOrder, DetentionEvent, deriveDetention } from './detention-history';
import {
  concerns,
  deriveParticipants,
  deriveParticipantStages,
  OwnedStageInput,
  participantInput,
  participantStageInput,
} from './participants';

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

describe('each participant’s stages', () => {
  const stageEvent = (
    id: string,
    type: string,
    date: string,
    participantId: string | null,
    fields: Partial<StageEvent> = {},
  ): Owned<StageEvent> => ({
    id,
    type,
    date,
    precision: 'day',
    createdAt: `2026-03-01T08:00:00.${String(recorded++).padStart(6, '0')}Z`,
    participantId,
    ...fields,
  });
  const caseOf = (
    events: Owned<StageEvent>[],
    filedCharges: { participantId: string | null }[] = [],
  ): OwnedStageInput => ({
    events,
    hearings: [
      {
        id: 'trial',
        day: '2025-11-03',
        createdAt: '2025-10-01T08:00:00Z',
        stage: 'first_instance',
        court: null,
      },
    ],
    filedCharges,
    court: 'Cairo Criminal Court',
    override: null,
  });

  describe('tried together, then only one of the two is convicted', () => {
    const input = caseOf([
      stageEvent('sheet', 'charge_sheet', '2025-10-01', null),
      stageEvent('convicted', 'conviction', '2025-12-01', TOMAS, { appealDeadline: '2025-12-11' }),
      stageEvent('sentenced', 'sentence', '2025-12-01', TOMAS),
    ]);
    const stories = deriveParticipantStages(input, [NADIA, TOMAS]);

    it('convicts the one the judgment names', () => {
      const tomas = stories.get(TOMAS);
      expect(tomas?.status).toBe('convicted');
      expect(tomas?.verdict).toBe('convicted');
      expect(tomas?.appealDeadlines.map((deadline) => deadline.entryId)).toEqual(['convicted']);
    });

    it('leaves the other on trial, with no verdict nor deadline of his', () => {
      const nadia = stories.get(NADIA);
      expect(nadia?.status).toBe('on_trial');
      expect(nadia?.verdict).toBeNull();
      expect(nadia?.current.kind).toBe('first_instance');
      expect(nadia?.appealDeadlines).toEqual([]);
    });
  });

  it('applies a shared judgment to everyone', () => {
    const stories = deriveParticipantStages(caseOf([stageEvent('both', 'acquittal', '2025-12-01', null)]), [
      NADIA,
      TOMAS,
    ]);
    expect(stories.get(NADIA)?.status).toBe('acquitted');
    expect(stories.get(TOMAS)?.status).toBe('acquitted');
  });

  it('lets an appeal decision about one person overturn only their conviction', () => {
    const stories = deriveParticipantStages(
      caseOf([
        stageEvent('both', 'conviction', '2025-12-01', null),
        stageEvent('appealed', 'appeal_filed', '2025-12-05', null),
        stageEvent('freed', 'appeal_decision', '2026-02-01', TOMAS, { decision: 'overturned' }),
      ]),
      [NADIA, TOMAS],
    );
    expect(stories.get(TOMAS)?.status).toBe('acquitted');
    expect(stories.get(NADIA)?.status).toBe('on_appeal');
  });

  it('reads a charge sheet as charging those it concerns only', () => {
    const input = { ...caseOf([], [{ participantId: TOMAS }]), hearings: [] };
    expect(deriveStages(participantStageInput(input, TOMAS)).status).toBe('charged');
    expect(deriveStages(participantStageInput(input, NADIA)).status).toBe('under_investigation');
  });

  it('keeps the case’s override (closed, unknown) for everyone', () => {
    const stories = deriveParticipantStages(
      { ...caseOf([stageEvent('convicted', 'conviction', '2025-12-01', TOMAS)]), override: 'closed' },
      [NADIA, TOMAS],
    );
    expect([...stories.values()].map((stages) => stages.status)).toEqual(['closed', 'closed']);
  });

  const owner = fc.constantFrom<string | null>(null, NADIA, TOMAS);
  const stageType = fc.constantFrom(
    'charge_sheet',
    'court',
    'conviction',
    'acquittal',
    'sentence',
    'appeal_filed',
    'appeal_decision',
  );
  const decision = fc.constantFrom<StageDecision | null>(
    null,
    'upheld',
    'overturned',
    'dismissed',
    'retrial_ordered',
  );
  const day = fc
    .integer({ min: 0, max: 700 })
    .map((offset) => new Date(Date.UTC(2024, 0, 1 + offset)).toISOString().slice(0, 10));
  const stageEntries = fc
    .array(fc.tuple(stageType, day, owner, decision), { maxLength: 10 })
    .map((rows) =>
      rows.map(([type, date, who, decided], index) =>
        stageEvent(`s${index}`, type, date, who, type === 'appeal_decision' ? { decision: decided } : {}),
      ),
    );

  it('folds each participant from their own and the shared entries only (property)', () => {
    fc.assert(
      fc.property(stageEntries, fc.array(owner, { maxLength: 3 }), (events, chargedFor) => {
        const input = caseOf(
          events,
          chargedFor.map((participantId) => ({ participantId })),
        );
        const byHand = deriveStages({
          events: events.filter((entry) => entry.participantId !== TOMAS),
          hearings: input.hearings,
          charged: chargedFor.some((who) => who !== TOMAS),
          court: input.court,
          override: null,
        });
        expect(deriveParticipantStages(input, [NADIA]).get(NADIA)).toEqual(byHand);
      }),
    );
  });

  it('leaves a participant’s status unchanged by any judgment the other one owns (property)', () => {
    fc.assert(
      fc.property(stageEntries, stageEntries, (events, extra) => {
        const theirs = extra.map((entry) => ({ ...entry, id: `t-${entry.id}`, participantId: TOMAS }));
        const before = deriveStages(participantStageInput(caseOf(events), NADIA));
        const after = deriveStages(participantStageInput(caseOf([...events, ...theirs]), NADIA));
        expect(after).toEqual(before);
      }),
    );
  });
});
