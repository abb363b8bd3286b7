import { DomainError } from '@vangnet/contracts';

export enum ClientStopErrorCode {
  CLIENT_STOP_NOT_FOUND = 'CLIENT_STOP_NOT_FOUND',
  CLIENT_STOP_OVERLAP = 'CLIENT_STOP_OVERLAP',
  STOP_START_IN_PAST = 'STOP_START_IN_PAST',
  UNKNOWN_PROVIDER = 'UNKNOWN_PROVIDER',
}

export class ClientStopError extends DomainError<ClientStopErrorCode> {
  static missing(id: string): ClientStopError {
    return new ClientStopError(ClientStopErrorCode.CLIENT_STOP_NOT_FOUND, `client stop ${id} does not exist`, 404);
  }
}
