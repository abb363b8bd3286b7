import { DomainError } from '@vangnet/contracts';

export enum RegistrationErrorCode {
  REGISTRATION_NOT_FOUND = 'REGISTRATION_NOT_FOUND',
  INVESTIGATION_EXISTS = 'INVESTIGATION_EXISTS',
  PERSON_ALREADY_LINKED = 'PERSON_ALREADY_LINKED',
  CATEGORY_NOT_IN_LAW = 'CATEGORY_NOT_IN_LAW',
}

export class RegistrationError extends DomainError<RegistrationErrorCode> {
  static missing(): RegistrationError {
    return new RegistrationError(RegistrationErrorCode.REGISTRATION_NOT_FOUND, 'no such registration in your municipalities', 404);
  }
}
