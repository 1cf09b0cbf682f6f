import { Logger } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ReminderSendStore, SendInput } from './reminder-send-store';
import { SendOutcome } from './reminder-send-policy';

// How sends are batched: the sends asked for in one turn of the event loop (the worker's jobs
// arrive in bursts) share one connection and their lock, read and unlock statements; each
// reminder is then sent on its own (SendOne, the sender's policy).

export interface SendOptions {
  finalAttempt: boolean;
}

/** Sends one reminder whose lock the batch holds, read for sending (undefined: the row is gone). */
export type SendOne = (
  manager: EntityManager,
  input: SendInput | undefined,
  options: SendOptions,
) => Promise<SendOutcome>;

interface SendRequest {
  reminderId: string;
  options: SendOptions;
  resolve: (outcome: SendOutcome) => void;
  reject: (error: unknown) => void;
}

/** Job data comes from Redis: anything else than a row id is not looked up. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class ReminderSendBatches {
  private waiting: SendRequest[] = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly store: ReminderSendStore,
    private readonly sendOne: SendOne,
    private readonly logger: Logger,
  ) {}

  /** Resolves with what became of the reminder, once the batch it joins has sent it. */
  send(reminderId: string, options: SendOptions): Promise<SendOutcome> {
    return new Promise<SendOutcome>((resolve, reject) => {
      this.waiting.push({ reminderId, options, resolve, reject });
      if (this.waiting.length === 1) {
        setImmediate(() => void this.sendBatch(this.waiting.splice(0)));
      }
    });
  }

  private async sendBatch(requests: SendRequest[]): Promise<void> {
    const pending = new Set(requests);
    const settle = (request: SendRequest, outcome: SendOutcome) => {
      pending.delete(request);
      request.resolve(outcome);
    };
    const runner = this.dataSource.createQueryRunner();
    try {
      await runner.connect();
      // One send per reminder: a second request for it in the batch is told another is under way.
      const first = new Map<string, SendRequest>();
      for (const request of requests) {
        if (!UUID.test(request.reminderId)) {
          settle(request, 'missing');
        } else if (first.has(request.reminderId)) {
          settle(request, 'busy');
        } else {
          first.set(request.reminderId, request);
        }
      }
      const locked = await this.store.lock(runner.manager, [...first.keys()]);
      for (const [id, request] of first) {
        if (!locked.includes(id)) {
          settle(request, 'busy');
        }
      }
      try {
        const due = await this.store.readDue(runner.manager, locked);
        const sent: string[] = [];
        await Promise.all(
          locked.map(async (id) => {
            const request = first.get(id) as SendRequest;
            try {
              // Their own statements go through the pool: a connection runs one statement at a time,
              // and nothing after the read needs the session that holds the locks.
              const outcome = await this.sendOne(this.dataSource.manager, due.get(id), request.options);
              if (outcome === 'sent') {
                sent.push(id);
              }
              settle(request, outcome);
            } catch (error) {
              pending.delete(request);
              request.reject(error);
            }
          }),
        );
        // One line per batch: a line per email was a measurable share of the worker's time.
        if (sent.length) {
          this.logger.log(`Sent reminder${sent.length > 1 ? 's' : ''} ${sent.join(', ')}`);
        }
      } finally {
        await this.store.unlock(runner.manager, locked);
      }
    } catch (error) {
      pending.forEach((request) => request.reject(error));
    } finally {
      await runner.release();
    }
  }
}
