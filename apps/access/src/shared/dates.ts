import { DomainError, IsoDate } from '@vangnet/contracts';
import { AccessErrorCode } from './access.errors';

const BEFORE = {
  registration: AccessErrorCode.BEFORE_REGISTRATION,
  application: AccessErrorCode.BEFORE_APPLICATION,
  decision: AccessErrorCode.BEFORE_DECISION,
  objection: AccessErrorCode.BEFORE_OBJECTION,
} as const;

/** A date a person states (received, completed, decided) cannot lie after today. */
export function notAfterToday(date: IsoDate, today: IsoDate, field: string): IsoDate {
  if (date > today) throw DomainError.invalidField(AccessErrorCode.DATE_IN_FUTURE, field, `${field} ${date} lies after today (${today})`);
  return date;
}

/** `date` must be on or after `earliest` (what it follows), else a 422 naming the field. */
export function notBefore(date: IsoDate, earliest: IsoDate, field: string, what: keyof typeof BEFORE): IsoDate {
  if (date < earliest) throw DomainError.invalidField(BEFORE[what], field, `${field} ${date} lies before the ${what} (${earliest})`, 422);
  return date;
}
