import fc from 'fast-check';
import { addDays } from '../common/calendar-day';
import {
  CASE_STAGE_KINDS,
  CaseStageKind,
  deriveStages,
  STAGE_DECISIONS,
  StageDecision,
  StageEvent,
  StageHearing,
  StageInput,
  STATUS_OVERRIDES,
  verdictOf,
} from './case-stages';

let recorded = 0;
const stamp = (): string => `2026-02-01T10:00:00.${String(recorded++).padStart(6, '0')}Z`;
const event = (
  id: string,
  type: string,
  date: string | null,
  fields: Partial<StageEvent> = {},
): StageEvent => ({
  id,
  type,
  date,
  precision: 'day',
  createdAt: stamp(),
  ...fields,
});
const hearing = (
  id: string,
  day: string,
  stage: CaseStageKind | null,
  court: string | null = null,
): StageHearing => ({
  id,
  day,
  stage,
  court,
  createdAt: stamp(),
});
const stagesOf = (input: Partial<StageInput>) =>
  deriveStages({ events: [], hearings: [], charged: false, court: null, override: null, ...input });

// A journalist tried in Toamasina, convicted, then heard on appeal in the capital.
const trialHearing = hearing('h-trial', '2024-09-10', 'first_instance', 'Tribunal of Toamasina');
const conviction = event('conv', 'conviction', '2024-11-05', { appealDeadline: '2024-11-15' });
const sentence = event('sent', 'sentence', '2024-11-05');
const filing = event('filed', 'appeal_filed', '2024-11-12', { court: 'Court of Appeal of Antananarivo' });
const appealRuling = event('ruled', 'appeal_decision', '2025-04-30', { decision: 'sentence_reduced' });

describe('deriveStages', () => {
  it('is under investigation with no entries, charged once a charge sheet or a charge is in', () => {
    expect(stagesOf({}).status).toBe('under_investigation');
    expect(stagesOf({ charged: true }).status).toBe('charged');
    expect(stagesOf({ events: [event('cs', 'charge_sheet', '2024-06-01')] }).status).toBe('charged');
  });

  it('opens the first instance with a trial hearing, and names its court', () => {
    const derived = stagesOf({ hearings: [trialHearing] });
    expect(derived.status).toBe('on_trial');
    expect(derived.current).toMatchObject({
      kind: 'first_instance',
      court: 'Tribunal of Toamasina',
      from: '2024-09-10',
      entryIds: ['h-trial'],
    });
  });

  it('follows a conviction, an appeal and a decision reducing the sentence', () => {
    const convicted = stagesOf({ hearings: [trialHearing], events: [conviction, sentence] });
    expect(convicted.status).toBe('convicted');
    expect(convicted.current).toMatchObject({
      kind: 'first_instance',
      decision: 'convicted',
      decidedOn: '2024-11-05',
    });

    const appealed = stagesOf({ hearings: [trialHearing], events: [conviction, sentence, filing] });
    expect(appealed.status).toBe('on_appeal');
    expect(appealed.current).toMatchObject({
      kind: 'appeal',
      court: 'Court of Appeal of Antananarivo',
      from: '2024-11-12',
      decision: null,
    });
    expect(appealed.appealDeadlines).toEqual([
      {
        entryId: 'conv',
        deadline: '2024-11-15',
        stage: 'first_instance',
        court: 'Tribunal of Toamasina',
        answeredBy: 'filed',
      },
    ]);

    const decided = stagesOf({
      hearings: [trialHearing],
      events: [conviction, sentence, filing, appealRuling],
    });
    expect(decided.status).toBe('convicted');
    expect(decided.stages.map((stage) => [stage.kind, stage.decision])).toEqual([
      ['investigation', null],
      ['first_instance', 'convicted'],
      ['appeal', 'sentence_reduced'],
    ]);
  });

  it('leaves an appeal deadline unanswered until an appeal is filed', () => {
    const derived = stagesOf({ events: [conviction] });
    expect(derived.appealDeadlines).toEqual([
      expect.objectContaining({ entryId: 'conv', deadline: '2024-11-15', answeredBy: null }),
    ]);
  });

  it('puts hearings without a stage in the stage under way on their day', () => {
    const derived = stagesOf({
      hearings: [
        hearing('remand', '2024-06-02', null),
        trialHearing,
        hearing('appeal-1', '2025-02-01', null),
      ],
      events: [conviction, filing],
    });
    expect(derived.stages.map((stage) => stage.entryIds)).toEqual([
      ['remand'],
      ['h-trial', 'conv'],
      ['filed', 'appeal-1'],
    ]);
  });

  it('places a judgment recorded late, undated, before the appeal already under way', () => {
    const derived = stagesOf({
      events: [
        event('late', 'conviction', null, { stage: 'first_instance' }),
        event('filed', 'appeal_filed', '2025-03-03', { court: 'Court of Appeal of Antananarivo' }),
      ],
    });
    expect(derived.stages.map((stage) => stage.kind)).toEqual(['investigation', 'first_instance', 'appeal']);
    expect(derived.status).toBe('on_appeal');
    expect(derived.verdict).toBe('convicted');
  });

  it('opens a new first instance when an appeal orders a retrial, at the court of the first', () => {
    const derived = stagesOf({
      hearings: [trialHearing],
      events: [
        conviction,
        filing,
        event('retrial', 'appeal_decision', '2025-05-02', { decision: 'retrial_ordered' }),
      ],
    });
    expect(derived.status).toBe('on_trial');
    expect(derived.current).toMatchObject({
      kind: 'first_instance',
      court: 'Tribunal of Toamasina',
      from: '2025-05-02',
    });
  });

  it('opens a cassation named by the filing, and an appeal dismissed there leaves the conviction standing', () => {
    const derived = stagesOf({
      events: [
        conviction,
        filing,
        event('upheld', 'appeal_decision', '2025-02-01', { decision: 'upheld' }),
        event('cass', 'appeal_filed', '2025-02-20', { stage: 'cassation', court: 'Supreme Court' }),
      ],
    });
    expect(derived.status).toBe('on_appeal');
    expect(derived.current).toMatchObject({ kind: 'cassation', court: 'Supreme Court' });
    const dismissed = stagesOf({
      events: [
        conviction,
        filing,
        event('upheld', 'appeal_decision', '2025-02-01', { decision: 'dismissed' }),
      ],
    });
    expect(dismissed.status).toBe('convicted');
  });

  it('reads an acquittal overturned on appeal as a conviction, and a case dismissed as closed', () => {
    expect(
      stagesOf({
        events: [
          event('acq', 'acquittal', '2024-01-10'),
          event('pros', 'appeal_filed', '2024-01-20'),
          event('over', 'appeal_decision', '2024-06-01', { decision: 'overturned' }),
        ],
      }).status,
    ).toBe('convicted');
    expect(stagesOf({ events: [event('d', 'court', '2024-03-01', { decision: 'dismissed' })] }).status).toBe(
      'closed',
    );
  });

  it('lets a caseworker say closed or unknown over anything the entries tell', () => {
    expect(stagesOf({ events: [conviction, filing], override: 'closed' }).status).toBe('closed');
  });
});

// ---- Properties ----

const day = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2018-01-01', n));
const stageKind = fc.constantFrom(...CASE_STAGE_KINDS);
const decision = fc.constantFrom(...STAGE_DECISIONS);
const anyEvent = fc.record({
  type: fc.constantFrom(
    'charge_sheet',
    'court',
    'conviction',
    'acquittal',
    'sentence',
    'appeal_filed',
    'appeal_decision',
    'raid',
  ),
  date: fc.option(day, { nil: null }),
  stage: fc.option(stageKind, { nil: null }),
  decision: fc.option(decision, { nil: null }),
  appealDeadline: fc.option(day, { nil: null }),
  court: fc.option(fc.constantFrom('Tribunal A', 'Court B'), { nil: null }),
});
const anyHearing = fc.record({ day, stage: fc.option(stageKind, { nil: null }) });
const anyInput = fc
  .record({
    events: fc.array(anyEvent, { maxLength: 12 }),
    hearings: fc.array(anyHearing, { maxLength: 6 }),
    charged: fc.boolean(),
  })
  .map(({ events, hearings, charged }) => ({
    events: events.map((e, i) => ({
      ...e,
      stage:
        e.type === 'appeal_filed' && e.stage && ['investigation', 'first_instance'].includes(e.stage)
          ? null
          : e.stage,
      id: `e${i}`,
      precision: 'day' as const,
      createdAt: `2026-01-01T00:00:00.${String(i).padStart(6, '0')}Z`,
    })),
    hearings: hearings.map((h, i) => ({
      ...h,
      id: `h${i}`,
      court: null,
      createdAt: `2026-01-01T00:00:01.${String(i).padStart(6, '0')}Z`,
    })),
    charged,
    court: null,
    override: null,
  }));

describe('deriveStages, for any entries', () => {
  it('starts with the investigation and puts every stage-bearing entry in exactly one stage', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const derived = deriveStages(input);
        expect(derived.stages[0].kind).toBe('investigation');
        const placed = derived.stages.flatMap((stage) => stage.entryIds).sort();
        const expected = [
          ...input.hearings.map((h) => h.id),
          ...input.events.filter((e) => !['charge_sheet', 'raid'].includes(e.type)).map((e) => e.id),
        ].sort();
        expect(placed).toEqual(expected);
      }),
    );
  });

  it('does not depend on the order the entries are given in', () => {
    fc.assert(
      fc.property(anyInput, fc.infiniteStream(fc.integer()), (input, noise) => {
        const shuffled = {
          ...input,
          events: [...input.events].sort(() => (noise.next().value % 2 === 0 ? -1 : 1)),
          hearings: [...input.hearings].reverse(),
        };
        expect(deriveStages(shuffled)).toEqual(deriveStages(input));
      }),
    );
  });

  it('is on appeal exactly when the last stage is an appeal or cassation not yet decided', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const { status, current } = deriveStages(input);
        expect(status === 'on_appeal').toBe(
          ['appeal', 'cassation'].includes(current.kind) && current.decision === null,
        );
        expect(status === 'on_trial').toBe(
          ['first_instance', 'other'].includes(current.kind) && current.decision === null,
        );
      }),
    );
  });

  it('is on appeal after a dated appeal filing that no later entry follows', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const last = input.events.reduce((max, e) => (e.date && e.date > max ? e.date : max), '2018-01-01');
        const lastHearing = input.hearings.reduce((max, h) => (h.day > max ? h.day : max), last);
        const filedOn = addDays(lastHearing, 1);
        // Undated entries stand after everything, so they are left out here.
        const dated = { ...input, events: input.events.filter((e) => e.date !== null) };
        const derived = deriveStages({
          ...dated,
          events: [
            ...dated.events,
            { id: 'filing', type: 'appeal_filed', date: filedOn, precision: 'day', createdAt: 'z' },
          ],
        });
        expect(derived.status).toBe('on_appeal');
        expect(derived.current.openedBy === 'filing' || derived.current.entryIds.includes('filing')).toBe(
          true,
        );
      }),
    );
  });

  it('answers an appeal deadline exactly when an appeal is filed after its decision', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const derived = deriveStages(input);
        for (const deadline of derived.appealDeadlines) {
          const decided = input.events.find((e) => e.id === deadline.entryId);
          const filings = input.events.filter((e) => e.type === 'appeal_filed');
          if (deadline.answeredBy !== null) {
            const filing = filings.find((e) => e.id === deadline.answeredBy);
            expect(filing).toBeDefined();
            // Undated entries stand after everything.
            expect((filing?.date ?? '9999') >= (decided?.date ?? '9999')).toBe(true);
          } else if (decided?.date) {
            expect(filings.some((e) => e.date === null || e.date > (decided.date as string))).toBe(false);
          }
        }
      }),
    );
  });

  it('lets an override win over any entries', () => {
    fc.assert(
      fc.property(anyInput, fc.constantFrom(...STATUS_OVERRIDES), (input, override) => {
        expect(deriveStages({ ...input, override }).status).toBe(override);
      }),
    );
  });

  it('reads two reversals as none', () => {
    fc.assert(
      fc.property(fc.constantFrom<StageDecision>('convicted', 'acquitted'), (first) => {
        const stages = [
          { kind: 'first_instance' as const, decision: first },
          { kind: 'appeal' as const, decision: 'overturned' as const },
          { kind: 'cassation' as const, decision: 'overturned' as const },
        ];
        expect(verdictOf(stages)).toBe(first);
      }),
    );
  });
});
