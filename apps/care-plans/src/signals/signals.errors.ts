import { DomainError } from '@vangnet/contracts';

export enum SignalErrorCode {
  SIGNAL_NOT_FOUND = 'SIGNAL_NOT_FOUND',
  SIGNAL_CLOSED = 'SIGNAL_CLOSED',
  NOT_A_RESIDENT = 'NOT_A_RESIDENT',
  OUTFLOW_ALREADY_READY = 'OUTFLOW_ALREADY_READY',
}

export class SignalError extends DomainError<SignalErrorCode> {}
