import { DomainError } from '@vangnet/contracts';

export enum OutflowErrorCode {
  READINESS_NOT_FOUND = 'READINESS_NOT_FOUND',
  READINESS_EXISTS = 'READINESS_EXISTS',
  READINESS_CLOSED = 'READINESS_CLOSED',
  NO_RUNNING_PLACEMENT = 'NO_RUNNING_PLACEMENT',
  CONSENT_IN_FUTURE = 'CONSENT_IN_FUTURE',
  NO_CONSENT = 'NO_CONSENT',
}

export class OutflowError extends DomainError<OutflowErrorCode> {
  static missing(id: string): OutflowError {
    return new OutflowError(OutflowErrorCode.READINESS_NOT_FOUND, `no outflow readiness ${id} among yours`, 404);
  }
}
