import { Injectable } from '@nestjs/common';

/** What a worker counts since it started; its heartbeat carries them to the api's /metrics. */
export interface WorkerCounterValues {
  reconcileRuns: number;
  jobsRestored: number;
}

@Injectable()
export class WorkerCounters {
  private readonly values: WorkerCounterValues = { reconcileRuns: 0, jobsRestored: 0 };

  /** A reconcile run that held the lock, and the jobs it put back into the queue. */
  reconciled(jobsRestored: number): void {
    this.values.reconcileRuns += 1;
    this.values.jobsRestored += jobsRestored;
  }

  snapshot(): WorkerCounterValues {
    return { ...this.values };
  }
}
