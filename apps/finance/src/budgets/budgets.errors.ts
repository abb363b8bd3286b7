import { DomainError } from '@vangnet/contracts';

export enum BudgetErrorCode {
  BUDGET_NOT_FOUND = 'BUDGET_NOT_FOUND',
  BUDGET_EXISTS = 'BUDGET_EXISTS',
  CATEGORY_NOT_IN_DOMAIN = 'CATEGORY_NOT_IN_DOMAIN',
}

export class BudgetError extends DomainError<BudgetErrorCode> {}
