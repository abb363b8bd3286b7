import { DomainError } from '@vangnet/contracts';

export enum FacilitiesErrorCode {
  FACILITIES_NOT_FOUND = 'FACILITIES_NOT_FOUND',
  VALID_FROM_IN_PAST = 'VALID_FROM_IN_PAST',
}

export class FacilitiesError extends DomainError<FacilitiesErrorCode> {
  /** One 404 for "does not exist" and "not yours": nobody learns what other municipalities hold. */
  static missing(id: string): FacilitiesError {
    return new FacilitiesError(FacilitiesErrorCode.FACILITIES_NOT_FOUND, `no facilities ${id} in your municipalities`, 404);
  }
}
