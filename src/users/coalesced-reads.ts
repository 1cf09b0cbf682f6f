// Reads that many requests make at once (the user each request acts as), made in as few statements
// as freshness allows: while one read is under way, the keys asked for meanwhile wait and are read
// together by the next one. A caller's answer always comes from a read that began after it asked,
// so it is exactly as fresh as a read of its own; under load there is one statement per round trip
// instead of one per request.

export type ReadMany<V> = (keys: string[]) => Promise<Map<string, V>>;

interface Batch<V> {
  keys: Set<string>;
  found: Promise<Map<string, V>>;
  settle: (read: Promise<Map<string, V>>) => void;
}

export class CoalescedReads<V> {
  private reading = false;
  private waiting?: Batch<V>;

  constructor(private readonly readMany: ReadMany<V>) {}

  async read(key: string): Promise<V | undefined> {
    const batch = (this.waiting ??= newBatch<V>());
    batch.keys.add(key);
    if (!this.reading) {
      this.startWaiting();
    }
    return (await batch.found).get(key);
  }

  private startWaiting(): void {
    const batch = this.waiting;
    if (!batch) {
      return;
    }
    this.waiting = undefined;
    this.reading = true;
    // Started a microtask later, so callers in the same turn of the event loop join this read.
    const read = Promise.resolve().then(() => this.readMany([...batch.keys]));
    batch.settle(read);
    void read
      .catch(() => undefined) // the batch's callers get the error
      .finally(() => {
        this.reading = false;
        this.startWaiting();
      });
  }
}

function newBatch<V>(): Batch<V> {
  let settle!: (read: Promise<Map<string, V>>) => void;
  const found = new Promise<Map<string, V>>((resolve) => {
    settle = resolve;
  });
  return { keys: new Set(), found, settle };
}
