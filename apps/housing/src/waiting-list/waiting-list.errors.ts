import { DomainError } from '@vangnet/contracts';

export enum WaitingListErrorCode {
  WAITING_LIST_NOT_FOUND = 'WAITING_LIST_NOT_FOUND',
  VALID_FROM_IN_PAST = 'VALID_FROM_IN_PAST',
}

export class WaitingListError extends DomainError<WaitingListErrorCode> {
  /** One 404 for "does not exist" and "not yours": nobody learns what other municipalities hold. */
  static missing(id: string): WaitingListError {
    return new WaitingListError(WaitingListErrorCode.WAITING_LIST_NOT_FOUND, `no waiting list ${id} in your municipalities`, 404);
  }
}
