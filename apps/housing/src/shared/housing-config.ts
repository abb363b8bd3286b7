import { Injectable } from '@nestjs/common';

/**
 * Housing's own settings from the environment (README "Configuration"), read and checked once at
 * start: a bad value stops the service with the variable named.
 */
@Injectable()
export class HousingConfig {
  /** Working days a resident has to answer an offer before it counts as stalled. */
  readonly offerAnswerWorkingDays = wholeNumber('HOUSING_OFFER_ANSWER_WORKING_DAYS', 5, 1, 60);
  /** Working days within which an eviction signal should reach an outcome. */
  readonly evictionTermWorkingDays = wholeNumber('HOUSING_EVICTION_TERM_WORKING_DAYS', 20, 1, 250);
  /** How often planned placement ends are carried out (ms; 0: never, tests run it). */
  readonly jobIntervalMs = wholeNumber('HOUSING_JOB_INTERVAL_MS', 3_600_000, 0, 86_400_000);
}

function wholeNumber(variable: string, fallback: number, min: number, max: number): number {
  const raw = process.env[variable]?.trim();
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${variable} must be a whole number from ${min} to ${max}, not "${raw}"`);
  return n;
}
