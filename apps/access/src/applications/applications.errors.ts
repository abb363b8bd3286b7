import { DomainError } from '@vangnet/contracts';

export enum ApplicationErrorCode {
  APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
  APPLICATION_NOT_OPEN = 'APPLICATION_NOT_OPEN',
  REGISTRATION_NOT_FOUND = 'REGISTRATION_NOT_FOUND',
  REGISTRATION_PERSON_MISMATCH = 'REGISTRATION_PERSON_MISMATCH',
  HOUSEHOLD_NOT_FOUND = 'HOUSEHOLD_NOT_FOUND',
  CATEGORY_NOT_IN_LAW = 'CATEGORY_NOT_IN_LAW',
  SUSPENSION_OPEN = 'SUSPENSION_OPEN',
  SUSPENSION_NOT_FOUND = 'SUSPENSION_NOT_FOUND',
  SUSPENSION_ENDED = 'SUSPENSION_ENDED',
  SUSPENSIONS_OVERLAP = 'SUSPENSIONS_OVERLAP',
  /** The decision term had ended when the information was asked for. */
  TERM_ENDED = 'TERM_ENDED',
  /** Awb 4:14: the term can be extended once. */
  EXTENSION_ALREADY_GIVEN = 'EXTENSION_ALREADY_GIVEN',
  /** Awb 4:14 lid 3: the notice must be given before the term ends. */
  EXTENSION_TOO_LATE = 'EXTENSION_TOO_LATE',
  NEW_DATE_NOT_LATER = 'NEW_DATE_NOT_LATER',
}

export class ApplicationError extends DomainError<ApplicationErrorCode> {
  static missing(): ApplicationError {
    return new ApplicationError(ApplicationErrorCode.APPLICATION_NOT_FOUND, 'no such application in your municipalities', 404);
  }
}
