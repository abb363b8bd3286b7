import { DomainError } from '@vangnet/contracts';

export enum ResponsibilityErrorCode {
  RULE_SET_RETROACTIVE = 'RULE_SET_RETROACTIVE',
  RULE_SET_EXISTS = 'RULE_SET_EXISTS',
  /** The new rule set's period overlaps one of its scope that is already stored. */
  RULE_SET_OVERLAPS = 'RULE_SET_OVERLAPS',
  REGIME_NOT_IN_SCOPE = 'REGIME_NOT_IN_SCOPE',
  CATEGORY_IN_BOTH = 'CATEGORY_IN_BOTH',
  END_BEFORE_START = 'END_BEFORE_START',
  NOT_A_REGION_MUNICIPALITY = 'NOT_A_REGION_MUNICIPALITY',
}

export class ResponsibilityError extends DomainError<ResponsibilityErrorCode> {}
