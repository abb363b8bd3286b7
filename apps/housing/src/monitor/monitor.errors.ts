import { DomainError } from '@vangnet/contracts';

export enum MonitorErrorCode {
  MONITOR_NOT_FOUND = 'MONITOR_NOT_FOUND',
  VALID_FROM_IN_PAST = 'VALID_FROM_IN_PAST',
}

export class MonitorError extends DomainError<MonitorErrorCode> {
  /** One 404 for "does not exist" and "not yours": nobody learns what other municipalities hold. */
  static missing(id: string): MonitorError {
    return new MonitorError(MonitorErrorCode.MONITOR_NOT_FOUND, `no monitor ${id} in your municipalities`, 404);
  }
}
