import { DomainError } from '@vangnet/contracts';

export enum RegistrationErrorCode {
  REGISTRATION_NOT_FOUND = 'REGISTRATION_NOT_FOUND',
  INVESTIGATION_EXISTS = 'INVESTIGATION_EXISTS',
  PERSON_ALREADY_LINKED = 'PERSON_ALREADY_LINKED',
  PERSON_REQUIRED = 'PERSON_REQUIRED',
  ONE_OF_PERSON_ID_OR_BSN = 'ONE_OF_PERSON_ID_OR_BSN',
  DATE_IN_FUTURE = 'DATE_IN_FUTURE',
  BEFORE_REGISTRATION = 'BEFORE_REGISTRATION',
  LIFE_DOMAIN_NOT_FOUND = 'LIFE_DOMAIN_NOT_FOUND',
}

export class RegistrationError extends DomainError<RegistrationErrorCode> {
  static missing(): RegistrationError {
    return new RegistrationError(RegistrationErrorCode.REGISTRATION_NOT_FOUND, 'no such registration in your municipalities', 404);
  }
}
