import { DomainError } from '@vangnet/contracts';

export enum DecisionErrorCode {
  DECISION_NOT_FOUND = 'DECISION_NOT_FOUND',
  APPLICATION_NOT_FOUND = 'APPLICATION_NOT_FOUND',
  APPLICATION_ALREADY_DECIDED = 'APPLICATION_ALREADY_DECIDED',
  UNIT_NOT_CONTRACTED = 'UNIT_NOT_CONTRACTED',
  /** Another municipality is responsible and has recorded no mandate for the deciding one. */
  NOT_RESPONSIBLE = 'NOT_RESPONSIBLE',
  /** Wmo 2.3.3 is the Wmo's. */
  URGENT_WMO_ONLY = 'URGENT_WMO_ONLY',
  /** An urgent decision grants something temporary: each granted provision ends. */
  TEMPORARY_NEEDS_END = 'TEMPORARY_NEEDS_END',
  URGENT_GRANTS_NOTHING = 'URGENT_GRANTS_NOTHING',
}

export class DecisionError extends DomainError<DecisionErrorCode> {
  static missing(): DecisionError {
    return new DecisionError(DecisionErrorCode.DECISION_NOT_FOUND, 'no such decision in your municipalities', 404);
  }
}
