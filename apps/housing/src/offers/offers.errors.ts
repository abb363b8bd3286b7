import { DomainError } from '@vangnet/contracts';

export enum OffersErrorCode {
  OFFERS_NOT_FOUND = 'OFFERS_NOT_FOUND',
  VALID_FROM_IN_PAST = 'VALID_FROM_IN_PAST',
}

export class OffersError extends DomainError<OffersErrorCode> {
  /** One 404 for "does not exist" and "not yours": nobody learns what other municipalities hold. */
  static missing(id: string): OffersError {
    return new OffersError(OffersErrorCode.OFFERS_NOT_FOUND, `no offers ${id} in your municipalities`, 404);
  }
}
