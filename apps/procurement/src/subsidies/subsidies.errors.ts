import { DomainError } from '@vangnet/contracts';

export enum SubsidyErrorCode {
  SUBSIDY_NOT_FOUND = 'SUBSIDY_NOT_FOUND',
  SUBSIDY_REFERENCE_EXISTS = 'SUBSIDY_REFERENCE_EXISTS',
  UNKNOWN_PROVIDER = 'UNKNOWN_PROVIDER',
  INSTALMENTS_SUM_MISMATCH = 'INSTALMENTS_SUM_MISMATCH',
}

export class SubsidyError extends DomainError<SubsidyErrorCode> {
  static missing(id: string): SubsidyError {
    return new SubsidyError(SubsidyErrorCode.SUBSIDY_NOT_FOUND, `subsidy ${id} does not exist`, 404);
  }

  static referenceTaken(reference: string | undefined): SubsidyError {
    return new SubsidyError(SubsidyErrorCode.SUBSIDY_REFERENCE_EXISTS, `a subsidy with reference ${reference} exists`, 409, [
      { name: 'reference', code: SubsidyErrorCode.SUBSIDY_REFERENCE_EXISTS, reason: 'the reference is taken' },
    ]);
  }
}
