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

export enum ProvisionErrorCode {
  PROVISION_NOT_FOUND = 'PROVISION_NOT_FOUND',
  PROVISION_ENDED = 'PROVISION_ENDED',
  PROVISION_ALREADY_ENDED = 'PROVISION_ALREADY_ENDED',
  NOTHING_TO_CHANGE = 'NOTHING_TO_CHANGE',
  VALID_FROM_BEFORE_LATEST_VERSION = 'VALID_FROM_BEFORE_LATEST_VERSION',
  VALID_FROM_AFTER_PERIOD_END = 'VALID_FROM_AFTER_PERIOD_END',
  END_BEFORE_START = 'END_BEFORE_START',
  END_BEFORE_LATEST_VERSION = 'END_BEFORE_LATEST_VERSION',
  END_AFTER_PERIOD_END = 'END_AFTER_PERIOD_END',
  CONCURRENT_CHANGE = 'CONCURRENT_CHANGE',
  NOT_YOUR_AGB = 'NOT_YOUR_AGB',
}

export class ProvisionError extends DomainError<ProvisionErrorCode> {
  static missing(): ProvisionError {
    return new ProvisionError(ProvisionErrorCode.PROVISION_NOT_FOUND, 'no such provision visible to you', 404);
  }
}
