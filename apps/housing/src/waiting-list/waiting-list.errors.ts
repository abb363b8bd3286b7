import { DomainError } from '@vangnet/contracts';

export enum WaitingListErrorCode {
  ENTRY_NOT_FOUND = 'ENTRY_NOT_FOUND',
  ENTRY_EXISTS = 'ENTRY_EXISTS',
  ENTRY_CLOSED = 'ENTRY_CLOSED',
  ENTRY_NOT_WAITING = 'ENTRY_NOT_WAITING',
  PSEUDONYM_MISMATCH = 'PSEUDONYM_MISMATCH',
  WAITING_SINCE_IN_FUTURE = 'WAITING_SINCE_IN_FUTURE',
  LEFT_ON_IN_FUTURE = 'LEFT_ON_IN_FUTURE',
  LEFT_BEFORE_ENTERED = 'LEFT_BEFORE_ENTERED',
  NOT_IN_REGION = 'NOT_IN_REGION',
  NOT_ON_THE_LIST = 'NOT_ON_THE_LIST',
}

export class WaitingListError extends DomainError<WaitingListErrorCode> {
  static missing(id: string): WaitingListError {
    return new WaitingListError(WaitingListErrorCode.ENTRY_NOT_FOUND, `no waiting-list entry ${id} among yours`, 404);
  }
}
