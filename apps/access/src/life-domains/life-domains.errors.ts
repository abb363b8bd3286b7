import { DomainError } from '@vangnet/contracts';

export enum LifeDomainErrorCode {
  INVALID_CODE = 'INVALID_CODE',
  NOTHING_TO_CHANGE = 'NOTHING_TO_CHANGE',
  CONCURRENT_CHANGE = 'CONCURRENT_CHANGE',
}

export class LifeDomainError extends DomainError<LifeDomainErrorCode> {}
