import { Injectable } from '@nestjs/common';

/**
 * The one place "now" is read. Inject it wherever the current time matters, so tests can move time
 * (see SettableClock) instead of sleeping.
 */
@Injectable()
export class Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock for tests: starts at a given instant and moves only when told to. */
export class SettableClock extends Clock {
  constructor(private current: Date) {
    super();
  }

  override now(): Date {
    return new Date(this.current.getTime());
  }

  set(instant: Date | string): void {
    this.current = new Date(instant);
  }

  advance(milliseconds: number): void {
    this.current = new Date(this.current.getTime() + milliseconds);
  }
}
