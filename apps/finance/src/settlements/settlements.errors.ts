import { DomainError } from '@vangnet/contracts';

export enum SettlementErrorCode {
  /** A statement names both sides: who owes (`from`) and who is owed (`to`). */
  SETTLEMENT_NEEDS_BOTH = 'SETTLEMENT_NEEDS_BOTH',
}

export class SettlementError extends DomainError<SettlementErrorCode> {}
