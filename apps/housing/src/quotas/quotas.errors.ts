import { DomainError } from '@vangnet/contracts';

export enum QuotasErrorCode {
  QUOTAS_NOT_FOUND = 'QUOTAS_NOT_FOUND',
  VALID_FROM_IN_PAST = 'VALID_FROM_IN_PAST',
}

export class QuotasError extends DomainError<QuotasErrorCode> {
  /** One 404 for "does not exist" and "not yours": nobody learns what other municipalities hold. */
  static missing(id: string): QuotasError {
    return new QuotasError(QuotasErrorCode.QUOTAS_NOT_FOUND, `no quotas ${id} in your municipalities`, 404);
  }
}
