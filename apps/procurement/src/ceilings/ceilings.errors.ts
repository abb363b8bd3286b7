import { DomainError } from '@vangnet/contracts';

export enum CeilingErrorCode {
  CEILING_NOT_FOUND = 'CEILING_NOT_FOUND',
  UNKNOWN_PROVIDER = 'UNKNOWN_PROVIDER',
}

export class CeilingError extends DomainError<CeilingErrorCode> {
  static missing(k: { providerAgb: string; municipality: string; year: number }): CeilingError {
    return new CeilingError(CeilingErrorCode.CEILING_NOT_FOUND, `no ceiling or spend for ${k.providerAgb} × ${k.municipality} × ${k.year}`, 404);
  }
}
