import { DomainError } from '@vangnet/contracts';

export enum SubsidyErrorCode {
  SUBSIDY_NOT_FOUND = 'SUBSIDY_NOT_FOUND',
  /** An event whose instalments do not add up to the amount, or repeat a number. */
  INSTALMENTS_DO_NOT_ADD_UP = 'INSTALMENTS_DO_NOT_ADD_UP',
  DUPLICATE_INSTALMENT = 'DUPLICATE_INSTALMENT',
}

export class SubsidyError extends DomainError<SubsidyErrorCode> {}
