import { DomainError } from '@vangnet/contracts';

export enum OfferErrorCode {
  OFFER_NOT_FOUND = 'OFFER_NOT_FOUND',
  PLACE_ALREADY_OFFERED = 'PLACE_ALREADY_OFFERED',
  PLACE_NOT_FREE = 'PLACE_NOT_FREE',
  ENTRY_ALREADY_OFFERED = 'ENTRY_ALREADY_OFFERED',
  ENTRY_NOT_WAITING = 'ENTRY_NOT_WAITING',
  PLACE_DOES_NOT_FIT = 'PLACE_DOES_NOT_FIT',
  OFFER_NOT_OPEN = 'OFFER_NOT_OPEN',
  ANSWERED_BEFORE_OFFERED = 'ANSWERED_BEFORE_OFFERED',
  ANSWERED_IN_FUTURE = 'ANSWERED_IN_FUTURE',
}

export class OfferError extends DomainError<OfferErrorCode> {
  static missing(id: string): OfferError {
    return new OfferError(OfferErrorCode.OFFER_NOT_FOUND, `no offer ${id} among yours`, 404);
  }
}
