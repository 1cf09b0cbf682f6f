import { Queue } from 'bullmq';

export interface FinishedJob {
  state: 'completed' | 'failed';
  /** What the processor returned (a SendOutcome) when it completed. */
  returnvalue: unknown;
  failedReason: string | undefined;
  attemptsMade: number;
}

/**
 * Resolves once the reminder job with this id has run to its end (completed, or failed with no
 * attempt left): after that nothing more can come of it, so a test may assert that nothing did.
 */
export async function waitForJobEnd(queue: Queue, jobId: string, timeoutMs = 20_000): Promise<FinishedJob> {
  const started = Date.now();
  for (;;) {
    const state = await queue.getJobState(jobId);
    if (state === 'completed' || state === 'failed') {
      const job = await queue.getJob(jobId);
      return {
        state,
        returnvalue: job?.returnvalue,
        failedReason: job?.failedReason,
        attemptsMade: job?.attemptsMade ?? 0,
      };
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`Job ${jobId} still ${state} after ${timeoutMs} ms`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
