import { DomainError } from '@vangnet/contracts';

export enum DistributionErrorCode {
  DISTRIBUTION_NOT_FOUND = 'DISTRIBUTION_NOT_FOUND',
  VALID_FROM_IN_PAST = 'VALID_FROM_IN_PAST',
}

export class DistributionError extends DomainError<DistributionErrorCode> {
  /** One 404 for "does not exist" and "not yours": nobody learns what other municipalities hold. */
  static missing(id: string): DistributionError {
    return new DistributionError(DistributionErrorCode.DISTRIBUTION_NOT_FOUND, `no distribution ${id} in your municipalities`, 404);
  }
}
