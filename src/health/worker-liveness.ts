// How often a worker says it is alive, and how long without a word before it counts as gone: four
// missed beats, so one slow database write does not raise the alarm.
export const HEARTBEAT_EVERY_MS = 30_000;
export const WORKER_SEEN_WITHIN_MS = 120_000;

/** Whether a worker whose last heartbeat was at `lastSeen` counts as alive at `now`. */
export const workerSeen = (lastSeen: Date | null, now: Date): boolean =>
  lastSeen !== null && now.getTime() - lastSeen.getTime() <= WORKER_SEEN_WITHIN_MS;
