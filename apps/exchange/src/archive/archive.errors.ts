import { DomainError } from '@vangnet/contracts';

export enum ArchiveErrorCode {
  MESSAGE_NOT_FOUND = 'MESSAGE_NOT_FOUND',
}

export class ArchiveError extends DomainError<ArchiveErrorCode> {
  static missing(id: string): ArchiveError {
    return new ArchiveError(ArchiveErrorCode.MESSAGE_NOT_FOUND, `no message ${id} among yours`, 404);
  }
}
