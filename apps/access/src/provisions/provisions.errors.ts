import { DomainError } from '@vangnet/contracts';

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
  // The same code a decision gives: the contract does not price the volume's unit.
  UNIT_NOT_CONTRACTED = 'UNIT_NOT_CONTRACTED',
  /** The paying municipality would change: a lineage has one payer (its number is theirs); end it and decide anew. */
  PAYER_CHANGES = 'PAYER_CHANGES',
}

export class ProvisionError extends DomainError<ProvisionErrorCode> {
  static missing(): ProvisionError {
    return new ProvisionError(ProvisionErrorCode.PROVISION_NOT_FOUND, 'no such provision visible to you', 404);
  }
}
