import { DomainError } from '@vangnet/contracts';

export enum ResponsibilityErrorCode {
  RULE_SET_RETROACTIVE = 'RULE_SET_RETROACTIVE',
  RULE_SET_EXISTS = 'RULE_SET_EXISTS',
  CATEGORY_IN_BOTH = 'CATEGORY_IN_BOTH',
}

export class ResponsibilityError extends DomainError<ResponsibilityErrorCode> {}
