import { DomainError } from '@vangnet/contracts';

export enum NominationErrorCode {
  NOMINATION_NOT_FOUND = 'NOMINATION_NOT_FOUND',
  CONSENT_REQUIRED = 'CONSENT_REQUIRED',
  NOT_READY_YET = 'NOT_READY_YET',
  NOMINATION_OPEN = 'NOMINATION_OPEN',
  READINESS_CLOSED = 'READINESS_CLOSED',
  NO_RUNNING_PLACEMENT = 'NO_RUNNING_PLACEMENT',
  NOMINATION_ANSWERED = 'NOMINATION_ANSWERED',
  NOT_ACCEPTED = 'NOT_ACCEPTED',
  LEASE_BEFORE_NOMINATION = 'LEASE_BEFORE_NOMINATION',
  SIGNED_IN_FUTURE = 'SIGNED_IN_FUTURE',
}

export class NominationError extends DomainError<NominationErrorCode> {
  static missing(id: string): NominationError {
    return new NominationError(NominationErrorCode.NOMINATION_NOT_FOUND, `no nomination ${id} among yours`, 404);
  }
}
