import { DomainError } from '@vangnet/contracts';

export enum PaymentErrorCode {
  BATCH_NOT_FOUND = 'BATCH_NOT_FOUND',
  NOTHING_TO_PAY = 'NOTHING_TO_PAY',
  DECLARATION_NOT_PAYABLE = 'DECLARATION_NOT_PAYABLE',
  /** Maker-checker: the controller who prepared a batch may not decide it. */
  SAME_CONTROLLER = 'SAME_CONTROLLER',
  BATCH_ALREADY_DECIDED = 'BATCH_ALREADY_DECIDED',
}

export class PaymentError extends DomainError<PaymentErrorCode> {}
