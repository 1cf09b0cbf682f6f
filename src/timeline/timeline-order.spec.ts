import fc from 'fast-check';
import { compareTimelineEntries, TimelineOrderKey } from './timeline-order';

const key = (
  id: string,
  date: string | null,
  precision: TimelineOrderKey['precision'] = 'day',
  createdAt = '2026-01-15T09:00:00.000000Z',
): TimelineOrderKey => ({ id, date, precision, createdAt });

const sorted = (keys: TimelineOrderKey[]) => [...keys].sort(compareTimelineEntries).map((k) => k.id);

const arbitraryKey = fc.record({
  date: fc.option(
    fc
      .date({
        min: new Date('2015-01-01T00:00:00Z'),
        max: new Date('2016-01-01T00:00:00Z'),
        noInvalidDate: true,
      })
      .map((d) => d.toISOString().slice(0, 10)),
    { nil: null },
  ),
  precision: fc.constantFrom('day' as const, 'month' as const, 'year' as const),
  createdAt: fc.integer({ min: 0, max: 5 }).map((micro) => `2026-01-15T09:00:00.00000${micro}Z`),
  id: fc.uuid(),
  type: fc.constantFrom('arrest', 'detention', 'release', 'bail_denied', 'raid'),
});

describe('timeline order', () => {
  it('orders by date first', () => {
    expect(sorted([key('b', '2022-01-24'), key('a', '2021-11-22'), key('c', '2022-05-13')])).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('puts an imprecise opening of custody at the start of its period: year, month, then day', () => {
    const arrest = (id: string, precision: TimelineOrderKey['precision']) => ({
      ...key(id, '2021-11-01', precision),
      type: 'arrest',
    });
    expect(sorted([arrest('day', 'day'), arrest('year', 'year'), arrest('month', 'month')])).toEqual([
      'year',
      'month',
      'day',
    ]);
  });

  it('puts every other imprecise entry at the end of its period, where it cannot contradict the story', () => {
    // "In May 2022" a bail refusal, after the 3 May arrest; a release "in 2016" after a September 2016 arrest.
    expect(
      sorted([
        { ...key('bail-denied', '2022-05-01', 'month'), type: 'bail_denied' },
        { ...key('arrest', '2022-05-03'), type: 'arrest' },
        { ...key('last-day', '2022-05-31'), type: 'statement' },
      ]),
    ).toEqual(['arrest', 'last-day', 'bail-denied']);
    expect(
      sorted([
        { ...key('released', '2016-01-01', 'year'), type: 'release' },
        { ...key('arrested', '2016-09-01', 'month'), type: 'arrest' },
        { ...key('charge-2016', '2016-01-01', 'year') },
      ]),
    ).toEqual(['arrested', 'charge-2016', 'released']);
  });

  it('puts a less precise entry within its own period, not after everything more precise', () => {
    expect(sorted([key('oct-2020', '2020-10-01', 'month'), key('sep-15', '2016-09-15')])).toEqual([
      'sep-15',
      'oct-2020',
    ]);
  });

  it('then orders by creation, then by id', () => {
    expect(
      sorted([
        key('b', '2021-11-22', 'day', '2026-01-15T09:00:00.000002Z'),
        key('a', '2021-11-22', 'day', '2026-01-15T09:00:00.000001Z'),
        key('d', '2021-11-22', 'day', '2026-01-15T09:00:00.000003Z'),
        key('c', '2021-11-22', 'day', '2026-01-15T09:00:00.000003Z'),
      ]),
    ).toEqual(['a', 'b', 'c', 'd']);
  });

  it('puts undated entries last, in creation order', () => {
    expect(
      sorted([
        key('undated-2', null, 'day', '2026-01-15T09:00:00.000002Z'),
        key('dated', '2099-01-01'),
        key('undated-1', null, 'day', '2026-01-15T09:00:00.000001Z'),
      ]),
    ).toEqual(['dated', 'undated-1', 'undated-2']);
  });

  it('is a total order: antisymmetric, transitive and 0 only for the same key', () => {
    fc.assert(
      fc.property(arbitraryKey, arbitraryKey, arbitraryKey, (a, b, c) => {
        expect(Math.sign(compareTimelineEntries(a, b))).toBe(-Math.sign(compareTimelineEntries(b, a)));
        expect(compareTimelineEntries(a, a)).toBe(0);
        if (compareTimelineEntries(a, b) === 0) {
          expect(a).toEqual(b);
        }
        if (compareTimelineEntries(a, b) <= 0 && compareTimelineEntries(b, c) <= 0) {
          expect(compareTimelineEntries(a, c)).toBeLessThanOrEqual(0);
        }
      }),
    );
  });

  it('sorts the same whatever order the entries arrive in', () => {
    const keysAndShuffle = fc
      .uniqueArray(arbitraryKey, { selector: (k) => k.id, maxLength: 20 })
      .chain((keys) =>
        fc.tuple(
          fc.constant(keys),
          fc.shuffledSubarray(keys, { minLength: keys.length, maxLength: keys.length }),
        ),
      );
    fc.assert(
      fc.property(keysAndShuffle, ([keys, shuffled]) => {
        expect(sorted(shuffled)).toEqual(sorted(keys));
      }),
    );
  });
});
