import { DomainError } from '@vangnet/contracts';

export enum ContractErrorCode {
  CONTRACT_NOT_FOUND = 'CONTRACT_NOT_FOUND',
  CONTRACT_REFERENCE_EXISTS = 'CONTRACT_REFERENCE_EXISTS',
  /** Another contract already covers this provider × municipality × product in (part of) the period. */
  CONTRACT_OVERLAP = 'CONTRACT_OVERLAP',
  UNKNOWN_PROVIDER = 'UNKNOWN_PROVIDER',
  UNKNOWN_ROUND = 'UNKNOWN_ROUND',
  LOT_NOT_IN_ROUND = 'LOT_NOT_IN_ROUND',
  MUNICIPALITY_NOT_IN_ROUND = 'MUNICIPALITY_NOT_IN_ROUND',
  OPTION_NOT_AFTER_TERM = 'OPTION_NOT_AFTER_TERM',
  DEADLINE_AFTER_TERM_END = 'DEADLINE_AFTER_TERM_END',
  DEADLINE_BEFORE_TERM_START = 'DEADLINE_BEFORE_TERM_START',
  DUPLICATE_PRODUCT = 'DUPLICATE_PRODUCT',
  TARIFF_YEAR_OUTSIDE_TERM = 'TARIFF_YEAR_OUTSIDE_TERM',
  DUPLICATE_TARIFF_YEAR = 'DUPLICATE_TARIFF_YEAR',
  SUBCONTRACTOR_IS_MAIN = 'SUBCONTRACTOR_IS_MAIN',
  /** A tariff in force (its year's part of the term has started) cannot change. */
  TARIFF_PERIOD_STARTED = 'TARIFF_PERIOD_STARTED',
  PRODUCT_NOT_IN_CONTRACT = 'PRODUCT_NOT_IN_CONTRACT',
  CONTRACT_NOT_DRAFT = 'CONTRACT_NOT_DRAFT',
  CONTRACT_IS_DRAFT = 'CONTRACT_IS_DRAFT',
  CONTRACT_ENDED = 'CONTRACT_ENDED',
  OPTION_NOT_FOUND = 'OPTION_NOT_FOUND',
  OPTION_ALREADY_DECIDED = 'OPTION_ALREADY_DECIDED',
  OPTION_OUT_OF_ORDER = 'OPTION_OUT_OF_ORDER',
  OPTION_DEADLINE_PASSED = 'OPTION_DEADLINE_PASSED',
  END_DATE_IN_PAST = 'END_DATE_IN_PAST',
  END_DATE_OUTSIDE_TERM = 'END_DATE_OUTSIDE_TERM',
}

export class ContractError extends DomainError<ContractErrorCode> {
  static missing(id: string): ContractError {
    return new ContractError(ContractErrorCode.CONTRACT_NOT_FOUND, `contract ${id} does not exist`, 404);
  }

  static field(code: ContractErrorCode, name: string, reason: string, status = 422): ContractError {
    return new ContractError(code, reason, status, [{ name, code, reason }]);
  }
}
