import { resolveChoices } from './import-choices';
import { parseChronology } from './import-parser';
import { KnownPerson } from './import-people';

// Whom in the case an imported entry is saved for, once the case has co-accused.

const NURA: KnownPerson = { id: 'nura', names: ['Nura Osman'] };
const BASHIR: KnownPerson = { id: 'bashir', names: ['Bashir Idris'] };
const TEXT = [
  'On 4 April 2024, police detained Nura Osman and Bashir Idris outside the union hall.',
  '',
  'On 9 April 2024, Bashir Idris was released on bail.',
  '',
  'On 12 April 2024, the court refused bail.',
].join('\n');

const read = (coAccusedIds: string[], lines: { line: number; personId: string }[] = []) => {
  const options = { people: [NURA, BASHIR], defenderId: 'nura', today: '2026-01-01', coAccusedIds };
  const { entries, problems } = resolveChoices(
    parseChronology(TEXT, options),
    'nura',
    { lines },
    [],
    coAccusedIds,
  );
  return { problems, entries: entries.map((e) => [e.type, e.participantId, e.keep.skip]) };
};

describe('imported entries in a case with co-accused', () => {
  it('gives an entry about a co-accused to them, one naming both or nobody to everyone', () => {
    expect(read(['bashir'])).toEqual({
      problems: [],
      entries: [
        ['detention', null, false],
        ['bail_granted', 'bashir', false],
        ['bail_denied', null, false],
      ],
    });
  });

  it('leaves an entry about someone outside the case out, as before', () => {
    expect(read([]).entries).toEqual([
      ['detention', null, false],
      ['bail_granted', null, true],
      ['bail_denied', null, false],
    ]);
  });

  it('saves an entry for the person the caseworker chose', () => {
    expect(read(['bashir'], [{ line: 5, personId: 'nura' }]).entries[2]).toEqual([
      'bail_denied',
      'nura',
      false,
    ]);
  });
});
