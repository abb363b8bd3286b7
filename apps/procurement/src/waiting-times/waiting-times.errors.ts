import { DomainError } from '@vangnet/contracts';

export enum WaitingTimeErrorCode {
  UNKNOWN_PROVIDER = 'UNKNOWN_PROVIDER',
  MEASURED_IN_FUTURE = 'MEASURED_IN_FUTURE',
}

export class WaitingTimeError extends DomainError<WaitingTimeErrorCode> {}
