import { englishLeftovers } from '../../test/support/english-leftovers';
import { deriveDetention } from '../cases/detention-history';
import type { DetentionCustodyOrder, DetentionEvent, DetentionFlag } from '../cases/detention-model';
import { flagInWords } from './flag-words';

const event = (id: string, type: string, date: string | null): DetentionEvent => ({
  id,
  type,
  date,
  precision: 'day',
  createdAt: `2022-01-01T00:00:00.00${id.length}Z`,
});
const order = (
  id: string,
  orderedOn: string,
  days: number,
  until: string | null = null,
): DetentionCustodyOrder => ({
  id,
  kind: 'judicial',
  orderedOn,
  days,
  until,
  createdAt: '2022-01-01T00:00:00.000Z',
});

// Every kind of flag, as the detention history raises it.
const flags: DetentionFlag[] = [
  ...deriveDetention(
    {
      events: [event('a', 'arrest', '2021-11-22')],
      // 30 days from 25 December run to 24 January, but the court wrote 21 January; the last
      // order ended on 21 February, and none followed.
      custodyOrders: [order('o1', '2021-12-25', 30, '2022-01-21'), order('o2', '2022-02-01', 20)],
      charges: [{ id: 'c', broughtOn: '2021-11-06' }],
      hearings: [{ id: 'h', day: '2021-11-10' }],
    },
    '2022-03-01',
  ).flags,
  ...deriveDetention(
    {
      events: [event('a', 'arrest', '2021-11-22'), event('rr', 'release', '2021-12-20')],
      custodyOrders: [order('o3', '2022-01-05', 10)],
    },
    '2022-04-01',
  ).flags,
  ...deriveDetention(
    {
      events: [
        event('a', 'arrest', '2022-02-24'),
        event('ddd', 'death_in_custody', '2022-04-24'),
        event('eeee', 'detention', '2022-06-02'),
        event('fffff', 'detention', null),
      ],
      custodyOrders: [],
    },
    '2022-07-01',
  ).flags,
];

describe('detention flags in the reader’s words', () => {
  it('raises every kind of flag for these words to say', () => {
    expect(new Set(flags.map((flag) => flag.kind))).toEqual(
      new Set([
        'end-date-mismatch',
        'dated-before-arrest',
        'dated-after-release',
        'no-order-in-force',
        'dated-after-death',
      ]),
    );
  });

  it('says in English what the API says', () => {
    for (const flag of flags) {
      expect(flagInWords(flag, 'en')).toBe(flag.message);
    }
  });

  it.each(['fr', 'ar'] as const)('says each in %s, with no English left', (language) => {
    const words = flags.map((flag) => flagInWords(flag, language));
    expect(englishLeftovers(words, language)).toEqual([]);
  });

  it('names what is dated before the arrest, and the arrest, in French', () => {
    const charge = flags.find((flag) => flag.kind === 'dated-before-arrest' && flag.entity === 'charge');
    expect(flagInWords(charge!, 'fr')).toBe(
      'L’accusation du 6 novembre 2021 est antérieure à l’arrestation du 22 novembre 2021.',
    );
  });
});
