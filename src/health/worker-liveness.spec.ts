import fc from 'fast-check';
import { WORKER_SEEN_WITHIN_MS, workerSeen } from './worker-liveness';

describe('workerSeen', () => {
  const now = new Date('2026-03-01T12:00:00Z');

  it('is false when no worker ever wrote a heartbeat', () => {
    expect(workerSeen(null, now)).toBe(false);
  });

  it('is true up to two minutes after the last heartbeat, inclusive, and false after', () => {
    expect(workerSeen(new Date(now.getTime() - WORKER_SEEN_WITHIN_MS), now)).toBe(true);
    expect(workerSeen(new Date(now.getTime() - WORKER_SEEN_WITHIN_MS - 1), now)).toBe(false);
    expect(WORKER_SEEN_WITHIN_MS).toBe(120_000);
  });

  it('depends only on the time since the last heartbeat', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.integer({ min: -60_000, max: 10 * 60_000 }),
        (seen, ago) => workerSeen(seen, new Date(seen.getTime() + ago)) === ago <= WORKER_SEEN_WITHIN_MS,
      ),
    );
  });
});
