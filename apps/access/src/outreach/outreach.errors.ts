import { DomainError } from '@vangnet/contracts';

export enum OutreachErrorCode {
  OUTREACH_TASK_NOT_FOUND = 'OUTREACH_TASK_NOT_FOUND',
  OUTREACH_TASK_CLOSED = 'OUTREACH_TASK_CLOSED',
}

export class OutreachError extends DomainError<OutreachErrorCode> {
  static missing(): OutreachError {
    return new OutreachError(OutreachErrorCode.OUTREACH_TASK_NOT_FOUND, 'no such outreach task in your municipalities', 404);
  }
}
