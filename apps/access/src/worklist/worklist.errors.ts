import { DomainError } from '@vangnet/contracts';

export enum WorklistErrorCode {
  TASK_NOT_FOUND = 'TASK_NOT_FOUND',
  TASK_CLOSED = 'TASK_CLOSED',
  REQUEST_NOT_FOUND = 'REQUEST_NOT_FOUND',
  LINEAGE_NOT_FOR_REQUEST = 'LINEAGE_NOT_FOR_REQUEST',
}

export class WorklistError extends DomainError<WorklistErrorCode> {
  static missing(): WorklistError {
    return new WorklistError(WorklistErrorCode.TASK_NOT_FOUND, 'no such task in your municipalities', 404);
  }
}
