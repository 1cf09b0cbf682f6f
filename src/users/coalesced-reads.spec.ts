import { CoalescedReads } from './coalesced-reads';

/** A readMany whose reads the test finishes by hand, answering from `rows` as they are at that moment. */
function manualReads(rows: Map<string, string>) {
  const reads: { keys: string[]; finish: () => void; fail: (error: Error) => void }[] = [];
  const readMany = (keys: string[]) =>
    new Promise<Map<string, string>>((resolve, reject) => {
      reads.push({
        keys,
        finish: () =>
          resolve(new Map(keys.filter((k) => rows.has(k)).map((k) => [k, rows.get(k) as string]))),
        fail: reject,
      });
    });
  return { reads, readMany };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesced reads', () => {
  it('reads a lone key at once, by itself', async () => {
    const { reads, readMany } = manualReads(new Map([['a', 'A']]));
    const coalesced = new CoalescedReads(readMany);
    const answer = coalesced.read('a');
    await settled();
    expect(reads.map((read) => read.keys)).toEqual([['a']]);
    reads[0].finish();
    await expect(answer).resolves.toBe('A');
  });

  it('reads the keys asked for during a read together in the next one, each key once', async () => {
    const rows = new Map([
      ['a', 'A'],
      ['b', 'B'],
      ['c', 'C'],
    ]);
    const { reads, readMany } = manualReads(rows);
    const coalesced = new CoalescedReads(readMany);
    const first = coalesced.read('a');
    await settled();
    const waiting = [coalesced.read('b'), coalesced.read('c'), coalesced.read('b'), coalesced.read('nobody')];
    await settled();
    expect(reads).toHaveLength(1);
    reads[0].finish();
    await expect(first).resolves.toBe('A');
    await settled();
    expect(reads.map((read) => read.keys)).toEqual([['a'], ['b', 'c', 'nobody']]);
    reads[1].finish();
    await expect(Promise.all(waiting)).resolves.toEqual(['B', 'C', 'B', undefined]);
  });

  it('never answers a caller from a read that began before it asked', async () => {
    const rows = new Map([['a', 'caseworker']]);
    const { reads, readMany } = manualReads(rows);
    const coalesced = new CoalescedReads(readMany);
    const before = coalesced.read('a');
    await settled();
    // The row changes and the read under way may or may not see it; a caller asking now must.
    rows.set('a', 'viewer');
    const after = coalesced.read('a');
    await settled();
    expect(reads).toHaveLength(1);
    reads[0].finish();
    await before;
    await settled();
    expect(reads).toHaveLength(2);
    reads[1].finish();
    await expect(after).resolves.toBe('viewer');
  });

  it('fails only the callers of a failed read, and goes on reading', async () => {
    const { reads, readMany } = manualReads(new Map([['b', 'B']]));
    const coalesced = new CoalescedReads(readMany);
    const failing = coalesced.read('a');
    await settled();
    const next = coalesced.read('b');
    reads[0].fail(new Error('connection lost'));
    await expect(failing).rejects.toThrow('connection lost');
    await settled();
    reads[1].finish();
    await expect(next).resolves.toBe('B');
  });
});
