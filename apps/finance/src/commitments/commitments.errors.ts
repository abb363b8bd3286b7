import { DomainError } from '@vangnet/contracts';

export enum CommitmentErrorCode {
  PROVISION_NOT_FOUND = 'PROVISION_NOT_FOUND',
  QUERY_NEEDS_PROVISION_OR_MUNICIPALITY_YEAR = 'QUERY_NEEDS_PROVISION_OR_MUNICIPALITY_YEAR',
}

export class CommitmentError extends DomainError<CommitmentErrorCode> {}
