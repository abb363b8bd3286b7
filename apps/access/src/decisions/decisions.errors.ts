import { DomainError } from '@vangnet/contracts';

export enum DecisionErrorCode {
  DECISION_NOT_FOUND = 'DECISION_NOT_FOUND',
  APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
  APPLICATION_ALREADY_DECIDED = 'APPLICATION_ALREADY_DECIDED',
  UNIT_NOT_CONTRACTED = 'UNIT_NOT_CONTRACTED',
}

export class DecisionError extends DomainError<DecisionErrorCode> {
  static missing(): DecisionError {
    return new DecisionError(DecisionErrorCode.DECISION_NOT_FOUND, 'no such decision in your municipalities', 404);
  }
}
