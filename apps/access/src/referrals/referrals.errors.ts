import { DomainError } from '@vangnet/contracts';

export enum ReferralErrorCode {
  REFERRAL_NOT_FOUND = 'REFERRAL_NOT_FOUND',
  REFERRAL_CLOSED = 'REFERRAL_CLOSED',
  AT_IN_FUTURE = 'AT_IN_FUTURE',
}

export class ReferralError extends DomainError<ReferralErrorCode> {}
