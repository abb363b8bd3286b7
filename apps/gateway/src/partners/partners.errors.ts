import { DomainError } from '@vangnet/contracts';

export enum PartnerErrorCode {
  INVALID_ORG = 'INVALID_ORG',
  UNKNOWN_SCOPE = 'UNKNOWN_SCOPE',
  SCOPE_NOT_FOR_KIND = 'SCOPE_NOT_FOR_KIND',
  NOT_A_MEMBER = 'NOT_A_MEMBER',
  ACCESS_TEAM_ONLY_FOR_ORG = 'ACCESS_TEAM_ONLY_FOR_ORG',
  PARTNER_EXISTS = 'PARTNER_EXISTS',
  PARTNER_NOT_FOUND = 'PARTNER_NOT_FOUND',
  NOTHING_TO_CHANGE = 'NOTHING_TO_CHANGE',
  PARTNER_INACTIVE = 'PARTNER_INACTIVE',
  CLIENT_NOT_FOUND = 'CLIENT_NOT_FOUND',
}

export class PartnerError extends DomainError<PartnerErrorCode> {
  static missing(org: string): PartnerError {
    return new PartnerError(PartnerErrorCode.PARTNER_NOT_FOUND, `no partner ${org} is registered`, 404);
  }
}
