import { DomainError } from '@vangnet/contracts';

export enum ReferralErrorCode {
  REFERRAL_NOT_FOUND = 'REFERRAL_NOT_FOUND',
  REFERRAL_CLOSED = 'REFERRAL_CLOSED',
  AT_IN_FUTURE = 'AT_IN_FUTURE',
  BEFORE_LAST_STATUS = 'BEFORE_LAST_STATUS',
}

export class ReferralError extends DomainError<ReferralErrorCode> {}
