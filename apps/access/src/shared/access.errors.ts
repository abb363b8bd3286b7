import { DomainError } from '@vangnet/contracts';

/** Codes every access feature uses (feature codes live in each feature's errors file). */
export enum AccessErrorCode {
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
  ONE_OF_PERSON_ID_OR_BSN = 'ONE_OF_PERSON_ID_OR_BSN',
  BEFORE_REGISTRATION = 'BEFORE_REGISTRATION',
  BEFORE_APPLICATION = 'BEFORE_APPLICATION',
  BEFORE_DECISION = 'BEFORE_DECISION',
  BEFORE_OBJECTION = 'BEFORE_OBJECTION',
  // The same codes the validation pipe gives, for rules its decorators cannot express.
  REQUIRED = 'REQUIRED',
  INVALID_FORMAT = 'INVALID_FORMAT',
  END_BEFORE_START = 'END_BEFORE_START',
  INVALID_CURSOR = 'INVALID_CURSOR',
}

export class AccessError extends DomainError<AccessErrorCode> {}
