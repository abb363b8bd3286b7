import { DomainError } from '@vangnet/contracts';

export enum PersonErrorCode {
  PERSON_NOT_FOUND = 'PERSON_NOT_FOUND',
  PERSON_ALREADY_EXISTS = 'PERSON_ALREADY_EXISTS',
  HOUSEHOLD_NOT_FOUND = 'HOUSEHOLD_NOT_FOUND',
  ALREADY_A_MEMBER = 'ALREADY_A_MEMBER',
  DUPLICATE_MEMBER = 'DUPLICATE_MEMBER',
  NOTHING_TO_CHANGE = 'NOTHING_TO_CHANGE',
  NOT_A_MEMBER = 'NOT_A_MEMBER',
  /** The person is known by BSN only (no family name yet): no identity to give. */
  IDENTITY_INCOMPLETE = 'IDENTITY_INCOMPLETE',
}

export class PersonError extends DomainError<PersonErrorCode> {
  static missing(field?: string): PersonError {
    return field
      ? new PersonError(PersonErrorCode.PERSON_NOT_FOUND, 'no such person in your municipalities', 422, [
          { name: field, code: PersonErrorCode.PERSON_NOT_FOUND, reason: `${field} names no person you may see` },
        ])
      : new PersonError(PersonErrorCode.PERSON_NOT_FOUND, 'no such person in your municipalities', 404);
  }
}
