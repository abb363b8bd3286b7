import { DomainError } from '@vangnet/contracts';

export enum FundErrorCode {
  FUND_NOT_FOUND = 'FUND_NOT_FOUND',
  KEY_NOT_FOUND = 'KEY_NOT_FOUND',
  DUPLICATE_MUNICIPALITY = 'DUPLICATE_MUNICIPALITY',
  ALL_WEIGHTS_ZERO = 'ALL_WEIGHTS_ZERO',
}

export class FundError extends DomainError<FundErrorCode> {}
