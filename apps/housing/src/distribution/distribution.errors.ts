import { DomainError } from '@vangnet/contracts';

export enum DistributionErrorCode {
  NO_DISTRIBUTION_KEY = 'NO_DISTRIBUTION_KEY',
  NOT_IN_REGION = 'NOT_IN_REGION',
  DUPLICATE_SHARE = 'DUPLICATE_SHARE',
  SHARES_INCOMPLETE = 'SHARES_INCOMPLETE',
  SHARES_NOT_WHOLE = 'SHARES_NOT_WHOLE',
}

export class DistributionError extends DomainError<DistributionErrorCode> {}
