import { DomainError } from '@vangnet/contracts';

export enum PrioritySchemesErrorCode {
  PRIORITY_SCHEMES_NOT_FOUND = 'PRIORITY_SCHEMES_NOT_FOUND',
  VALID_FROM_IN_PAST = 'VALID_FROM_IN_PAST',
}

export class PrioritySchemesError extends DomainError<PrioritySchemesErrorCode> {
  /** One 404 for "does not exist" and "not yours": nobody learns what other municipalities hold. */
  static missing(id: string): PrioritySchemesError {
    return new PrioritySchemesError(PrioritySchemesErrorCode.PRIORITY_SCHEMES_NOT_FOUND, `no priority schemes ${id} in your municipalities`, 404);
  }
}
