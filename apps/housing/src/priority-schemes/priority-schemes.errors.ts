import { DomainError } from '@vangnet/contracts';

export enum PrioritySchemeErrorCode {
  PRIORITY_SCHEME_NOT_FOUND = 'PRIORITY_SCHEME_NOT_FOUND',
  DUPLICATE_FACTOR = 'DUPLICATE_FACTOR',
  MUNICIPALITIES_ONLY_FOR_ORIGIN = 'MUNICIPALITIES_ONLY_FOR_ORIGIN',
  NO_WEIGHT = 'NO_WEIGHT',
  ALREADY_ACTIVE = 'ALREADY_ACTIVE',
  ACTIVE_FROM_IN_PAST = 'ACTIVE_FROM_IN_PAST',
  ACTIVE_FROM_TAKEN = 'ACTIVE_FROM_TAKEN',
}

export class PrioritySchemeError extends DomainError<PrioritySchemeErrorCode> {
  static missing(id: string): PrioritySchemeError {
    return new PrioritySchemeError(PrioritySchemeErrorCode.PRIORITY_SCHEME_NOT_FOUND, `no priority scheme ${id}`, 404);
  }
}
