import { Injectable } from '@nestjs/common';
import { amsterdamDate, isIsoDate, IsoDate } from '@vangnet/contracts';

/**
 * Business dates: today in Europe/Amsterdam, or the date VANGNET_TODAY fixes (tests, demos).
 * Never the database's CURRENT_DATE (the server runs in UTC). Tests may `set()` it.
 */
@Injectable()
export class Clock {
  private fixed: IsoDate | undefined = Clock.fromEnv();
  private offsetMs = 0;

  private static fromEnv(): IsoDate | undefined {
    const v = process.env.VANGNET_TODAY;
    if (!v) return undefined;
    if (!isIsoDate(v)) throw new Error(`VANGNET_TODAY must be a date YYYY-MM-DD, not "${v}"`);
    return v;
  }

  today(): IsoDate {
    return this.fixed ?? amsterdamDate(new Date());
  }

  /** The current instant, moved by `advance()` (retry schedules in tests). */
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Move `now()` forward by `ms` (tests of time-based schedules: webhook retries); today() is not affected. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`cannot move the clock by ${ms} ms`);
    this.offsetMs += ms;
  }

  /** Fix today's date (or unfix it with undefined). */
  set(date: IsoDate | undefined): void {
    if (date !== undefined && !isIsoDate(date)) throw new RangeError(`not a date: ${date}`);
    this.fixed = date;
  }
}
