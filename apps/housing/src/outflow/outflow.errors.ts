import { DomainError } from '@vangnet/contracts';

export enum OutflowErrorCode {
  OUTFLOW_NOT_FOUND = 'OUTFLOW_NOT_FOUND',
  VALID_FROM_IN_PAST = 'VALID_FROM_IN_PAST',
}

export class OutflowError extends DomainError<OutflowErrorCode> {
  /** One 404 for "does not exist" and "not yours": nobody learns what other municipalities hold. */
  static missing(id: string): OutflowError {
    return new OutflowError(OutflowErrorCode.OUTFLOW_NOT_FOUND, `no outflow ${id} in your municipalities`, 404);
  }
}
