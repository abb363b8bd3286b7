import { DomainError } from '@vangnet/contracts';

export enum CrisisCardErrorCode {
  CRISIS_CARD_NOT_FOUND = 'CRISIS_CARD_NOT_FOUND',
  NOT_RESIDENT = 'NOT_RESIDENT',
  NOT_A_MEMBER = 'NOT_A_MEMBER',
}

export class CrisisCardError extends DomainError<CrisisCardErrorCode> {}
