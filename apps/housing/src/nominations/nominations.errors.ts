import { DomainError } from '@vangnet/contracts';

export enum NominationsErrorCode {
  NOMINATIONS_NOT_FOUND = 'NOMINATIONS_NOT_FOUND',
  VALID_FROM_IN_PAST = 'VALID_FROM_IN_PAST',
}

export class NominationsError extends DomainError<NominationsErrorCode> {
  /** One 404 for "does not exist" and "not yours": nobody learns what other municipalities hold. */
  static missing(id: string): NominationsError {
    return new NominationsError(NominationsErrorCode.NOMINATIONS_NOT_FOUND, `no nominations ${id} in your municipalities`, 404);
  }
}
