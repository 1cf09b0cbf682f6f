import fc from 'fast-check';
import { VISIBILITIES } from './entry';
import { leastRestrictive, mayRead, mostRestrictive, readableBy, Reader } from './readers';

const READERS: Reader[] = ['external', { role: 'viewer' }, { role: 'caseworker' }, { role: 'admin' }];

describe('mayRead', () => {
  it('gives external addresses public entries only, viewers no confidential ones, caseworkers and admins all', () => {
    expect(READERS.map((reader) => readableBy(reader))).toEqual([
      ['public'],
      ['public', 'internal'],
      ['public', 'internal', 'confidential'],
      ['public', 'internal', 'confidential'],
    ]);
  });

  it('is monotonic: a reader who may read something more restricted may read everything less restricted', () => {
    for (const reader of READERS) {
      const readable = VISIBILITIES.map((visibility) => mayRead(reader, visibility));
      expect(readable).toEqual([...readable].sort((a, b) => Number(b) - Number(a)));
    }
  });
});

describe('mostRestrictive / leastRestrictive', () => {
  const visibilities = fc.array(fc.constantFrom(...VISIBILITIES), { minLength: 1 });

  it('a reader may read the most restrictive of a set exactly when they may read all of it', () => {
    fc.assert(
      fc.property(visibilities, fc.constantFrom(...READERS), (set, reader) => {
        expect(mayRead(reader, mostRestrictive(set))).toBe(set.every((v) => mayRead(reader, v)));
      }),
    );
  });

  it('a reader may read the least restrictive of a set exactly when they may read any of it', () => {
    fc.assert(
      fc.property(visibilities, fc.constantFrom(...READERS), (set, reader) => {
        expect(mayRead(reader, leastRestrictive(set))).toBe(set.some((v) => mayRead(reader, v)));
      }),
    );
  });
});
