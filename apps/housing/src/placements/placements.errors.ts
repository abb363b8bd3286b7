import { DomainError } from '@vangnet/contracts';

export enum PlacementsErrorCode {
  PLACEMENTS_NOT_FOUND = 'PLACEMENTS_NOT_FOUND',
  VALID_FROM_IN_PAST = 'VALID_FROM_IN_PAST',
}

export class PlacementsError extends DomainError<PlacementsErrorCode> {
  /** One 404 for "does not exist" and "not yours": nobody learns what other municipalities hold. */
  static missing(id: string): PlacementsError {
    return new PlacementsError(PlacementsErrorCode.PLACEMENTS_NOT_FOUND, `no placements ${id} in your municipalities`, 404);
  }
}
