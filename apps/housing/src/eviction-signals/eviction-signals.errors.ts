import { DomainError } from '@vangnet/contracts';

export enum EvictionSignalErrorCode {
  SIGNAL_NOT_FOUND = 'SIGNAL_NOT_FOUND',
  SIGNAL_SUBJECT = 'SIGNAL_SUBJECT',
  NOT_A_TENANCY = 'NOT_A_TENANCY',
  PLACEMENT_ENDED = 'PLACEMENT_ENDED',
  SIGNAL_CLOSED = 'SIGNAL_CLOSED',
}

export class EvictionSignalError extends DomainError<EvictionSignalErrorCode> {
  static missing(id: string): EvictionSignalError {
    return new EvictionSignalError(EvictionSignalErrorCode.SIGNAL_NOT_FOUND, `no eviction signal ${id} among yours`, 404);
  }
}
