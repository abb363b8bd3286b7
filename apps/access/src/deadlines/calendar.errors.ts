import { DomainError } from '@vangnet/contracts';

export enum CalendarErrorCode {
  /** The day is already equated with a public holiday by Atw art. 3 lid 1 or lid 2. */
  ALREADY_A_HOLIDAY = 'ALREADY_A_HOLIDAY',
  /** A Saturday or Sunday: a term cannot end on it anyway (Atw art. 1). */
  WEEKEND_DAY = 'WEEKEND_DAY',
  ALREADY_DECREED = 'ALREADY_DECREED',
}

export class CalendarError extends DomainError<CalendarErrorCode> {}
