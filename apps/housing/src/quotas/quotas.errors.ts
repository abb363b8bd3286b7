import { DomainError } from '@vangnet/contracts';

export enum QuotaErrorCode {
  NO_QUOTA = 'NO_QUOTA',
  QUOTA_EXHAUSTED = 'QUOTA_EXHAUSTED',
  QUOTA_BELOW_USED = 'QUOTA_BELOW_USED',
}

export class QuotaError extends DomainError<QuotaErrorCode> {}
