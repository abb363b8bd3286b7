import { DomainError } from '@vangnet/contracts';

export enum CeilingErrorCode {
  CEILING_NOT_FOUND = 'CEILING_NOT_FOUND',
  UNKNOWN_PROVIDER = 'UNKNOWN_PROVIDER',
}

export class CeilingError extends DomainError<CeilingErrorCode> {}
