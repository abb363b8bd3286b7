import { DomainError } from '@vangnet/contracts';

export enum ObjectionErrorCode {
  OBJECTION_NOT_FOUND = 'OBJECTION_NOT_FOUND',
  DECISION_NOT_FOUND = 'DECISION_NOT_FOUND',
  OBJECTION_ALREADY_DECIDED = 'OBJECTION_ALREADY_DECIDED',
}

export class ObjectionError extends DomainError<ObjectionErrorCode> {
  static missing(): ObjectionError {
    return new ObjectionError(ObjectionErrorCode.OBJECTION_NOT_FOUND, 'no such objection in your municipalities', 404);
  }
}
