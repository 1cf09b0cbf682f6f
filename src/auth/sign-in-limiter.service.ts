import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import {
  FailureWindow,
  limitsUsedUp,
  LockedBy,
  signInCounters,
  waitMs,
  windowCutoff,
} from './sign-in-limiter';

/** An attempt counted by the limiter: refused while waitMs > 0; its password found right, succeeded() undoes its count. */
export interface SignInAttempt {
  waitMs: number;
  /** The limits this attempt uses up if its password is wrong (for the audit row of that failure). */
  usedUp: LockedBy[];
  succeeded(): Promise<void>;
}

/**
 * The sign-in limiter's counts, in PostgreSQL so that every api process sees the same ones and a
 * restart forgets nothing. Counters are stored under an HMAC of their key: the table never holds an
 * address, or an email (which is sometimes a password typed in the wrong field), in clear.
 */
@Injectable()
export class SignInLimiter {
  private readonly hmacKey: Buffer;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.hmacKey = createHmac('sha256', config.jwtSecret).update('vigil:sign-in-failures').digest();
  }

  /**
   * Counts a sign-in attempt against its account and address before its password is checked, so
   * that attempts made at the same moment, in any process, each see the others. One too many is
   * refused and counts nothing; a window that has passed starts again from this attempt.
   */
  async attempt(email: string, address: string | undefined, now: number): Promise<SignInAttempt> {
    const counters = signInCounters(email, address).map((counter) => ({
      ...counter,
      key: this.hash(counter.key),
    }));
    // Sorted, so concurrent attempts lock the rows in one order.
    const keys = counters.map((counter) => counter.key).sort();
    const cutoff = new Date(windowCutoff(now));
    const runner = this.dataSource.createQueryRunner();
    let windows: FailureWindow[];
    let wait: number;
    await runner.connect();
    try {
      await runner.startTransaction();
      const rows: Array<{ key: string; failures: number; started_at: Date }> = await runner.query(
        `INSERT INTO sign_in_failures AS f (key, failures, started_at)
         SELECT key, 1, $2 FROM unnest($1::text[]) AS key
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN f.started_at > $3 THEN f.failures + 1 ELSE 1 END,
           started_at = CASE WHEN f.started_at > $3 THEN f.started_at ELSE $2 END
         RETURNING key, failures, started_at`,
        [keys, new Date(now), cutoff],
      );
      windows = rows.map((row) => ({
        key: row.key,
        failures: row.failures,
        startedAt: row.started_at.getTime(),
      }));
      wait = waitMs(counters, windows, now);
      await (wait > 0 ? runner.rollbackTransaction() : runner.commitTransaction());
    } catch (error) {
      if (runner.isTransactionActive) {
        await runner.rollbackTransaction();
      }
      throw error;
    } finally {
      await runner.release();
    }
    // Passed windows go on their own, apart from the locks above.
    await this.dataSource.query('DELETE FROM sign_in_failures WHERE started_at <= $1', [cutoff]);
    const [account, addressCounter] = counters;
    const addressWindow = windows.find((window) => window.key === addressCounter?.key);
    return {
      waitMs: wait,
      usedUp: limitsUsedUp(counters, windows),
      // A correct password clears the account's count, and takes back this attempt from the
      // address's (not the address's earlier failures: one success must not reset a spray).
      succeeded: async () => {
        await this.dataSource.query(
          `WITH cleared AS (DELETE FROM sign_in_failures WHERE key = $1)
           UPDATE sign_in_failures SET failures = failures - 1
            WHERE key = $2 AND started_at = $3 AND failures > 0`,
          [account.key, addressWindow?.key ?? null, addressWindow ? new Date(addressWindow.startedAt) : null],
        );
      },
    };
  }

  private hash(key: string): string {
    return createHmac('sha256', this.hmacKey).update(key).digest('hex');
  }
}
