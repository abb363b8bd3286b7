import { DomainError } from '@vangnet/contracts';

export enum MatchingErrorCode {
  MATCHING_NOT_FOUND = 'MATCHING_NOT_FOUND',
  VALID_FROM_IN_PAST = 'VALID_FROM_IN_PAST',
}

export class MatchingError extends DomainError<MatchingErrorCode> {
  /** One 404 for "does not exist" and "not yours": nobody learns what other municipalities hold. */
  static missing(id: string): MatchingError {
    return new MatchingError(MatchingErrorCode.MATCHING_NOT_FOUND, `no matching ${id} in your municipalities`, 404);
  }
}
