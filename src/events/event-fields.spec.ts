import fc from 'fast-check';
import { LASTING_TYPES } from '../cases/detention-history';
import { eventFieldProblems } from './event-fields';

const TODAY = '2026-12-06';

describe('eventFieldProblems', () => {
  it('takes each type with its own fields', () => {
    expect(
      eventFieldProblems({ type: 'arrest', occurredOn: '2022-05-03', custodyBasis: 'police' }, TODAY),
    ).toEqual([]);
    expect(
      eventFieldProblems(
        {
          type: 'bail_granted',
          occurredOn: '2022-05-13',
          bailConditions: ['surety'],
          bailConditionsNote: 'x',
        },
        TODAY,
      ),
    ).toEqual([]);
    expect(
      eventFieldProblems(
        {
          type: 'sentence',
          occurredOn: '2023-01-01',
          sentenceTerm: 'P15Y',
          sentenceStartsOn: null,
          creditForCustody: false,
        },
        TODAY,
      ),
    ).toEqual([]);
    for (const type of LASTING_TYPES) {
      expect(eventFieldProblems({ type, occurredOn: '2024-03-01', endedOn: '2024-03-31' }, TODAY)).toEqual(
        [],
      );
    }
  });

  it('names each field a type does not carry', () => {
    expect(
      eventFieldProblems(
        { type: 'statement', occurredOn: '2022-01-01', custodyBasis: 'judicial', creditForCustody: true },
        TODAY,
      ),
    ).toEqual([
      {
        field: 'custodyBasis',
        problem: 'applies only to arrest, detention and bail_revoked events, not to statement',
      },
      { field: 'creditForCustody', problem: 'applies only to sentence events, not to statement' },
    ]);
  });

  it('refuses a sentence without a term, and ends that are in the future or before the start', () => {
    expect(
      eventFieldProblems({ type: 'sentence', occurredOn: '2023-01-01' }, TODAY).map((p) => p.field),
    ).toEqual(['sentenceTerm']);
    expect(
      eventFieldProblems({ type: 'hunger_strike', occurredOn: '2024-03-01', endedOn: '2024-02-28' }, TODAY),
    ).toEqual([{ field: 'endedOn', problem: 'must not be before the day it began, 1 March 2024' }]);
  });

  it('refuses exactly the dates after today, and never an undated event', () => {
    fc.assert(
      fc.property(
        fc.date({
          min: new Date('2000-01-01T00:00:00Z'),
          max: new Date('2040-01-01T00:00:00Z'),
          noInvalidDate: true,
        }),
        (instant) => {
          const day = instant.toISOString().slice(0, 10);
          const problems = eventFieldProblems({ type: 'arrest', occurredOn: day }, TODAY);
          expect(problems.length > 0).toBe(day > TODAY);
        },
      ),
    );
    expect(eventFieldProblems({ type: 'death_in_custody', occurredOn: null }, TODAY)).toEqual([]);
  });
});
