import { Inject, Injectable } from '@nestjs/common';
import { createHmac } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/config.module';
import {
  accountKey,
  FailureWindow,
  SIGN_IN_LIMITS,
  signInCounters,
  waitMs,
  windowCutoff,
} from './sign-in-limiter';

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

  /** Milliseconds until this attempt may be made; 0 when it may be made now. */
  async waitMs(email: string, address: string | undefined, now: number): Promise<number> {
    const counters = signInCounters(email, address).map((counter) => ({
      ...counter,
      key: this.hash(counter.key),
    }));
    const rows: Array<{ key: string; failures: number; started_at: Date }> = await this.dataSource.query(
      `SELECT key, failures, started_at FROM sign_in_failures WHERE key = ANY($1) AND started_at > $2`,
      [counters.map((counter) => counter.key), new Date(windowCutoff(now))],
    );
    const windows: FailureWindow[] = rows.map((row) => ({
      key: row.key,
      failures: row.failures,
      startedAt: row.started_at.getTime(),
    }));
    return waitMs(counters, windows, now);
  }

  /**
   * Counts a failure against the account and the address in one statement: concurrent failures from
   * several processes each add one, and a window that has passed starts again from this failure.
   */
  async recordFailure(email: string, address: string | undefined, now: number): Promise<void> {
    // Sorted, so concurrent statements lock the rows in one order.
    const keys = signInCounters(email, address)
      .map((counter) => this.hash(counter.key))
      .sort();
    const cutoff = new Date(windowCutoff(now));
    await this.dataSource.query(
      `WITH pruned AS (DELETE FROM sign_in_failures WHERE started_at <= $3 AND key <> ALL($1))
       INSERT INTO sign_in_failures AS f (key, failures, started_at)
       SELECT key, 1, $2 FROM unnest($1::text[]) AS key
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN f.started_at > $3 THEN f.failures + 1 ELSE 1 END,
         started_at = CASE WHEN f.started_at > $3 THEN f.started_at ELSE $2 END`,
      [keys, new Date(now), cutoff],
    );
  }

  /** A correct password clears the account's count (not the address's: one success must not reset a spray). */
  async recordSuccess(email: string, now: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM sign_in_failures WHERE key = $1 OR started_at <= $2`, [
      this.hash(accountKey(email)),
      new Date(windowCutoff(now, SIGN_IN_LIMITS)),
    ]);
  }

  private hash(key: string): string {
    return createHmac('sha256', this.hmacKey).update(key).digest('hex');
  }
}
