import { DomainError } from '@vangnet/contracts';

export enum EvictionSignalsErrorCode {
  EVICTION_SIGNALS_NOT_FOUND = 'EVICTION_SIGNALS_NOT_FOUND',
  VALID_FROM_IN_PAST = 'VALID_FROM_IN_PAST',
}

export class EvictionSignalsError extends DomainError<EvictionSignalsErrorCode> {
  /** One 404 for "does not exist" and "not yours": nobody learns what other municipalities hold. */
  static missing(id: string): EvictionSignalsError {
    return new EvictionSignalsError(EvictionSignalsErrorCode.EVICTION_SIGNALS_NOT_FOUND, `no eviction signals ${id} in your municipalities`, 404);
  }
}
