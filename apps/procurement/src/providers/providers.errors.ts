import { DomainError } from '@vangnet/contracts';

export enum ProviderErrorCode {
  PROVIDER_NOT_FOUND = 'PROVIDER_NOT_FOUND',
  PROVIDER_EXISTS = 'PROVIDER_EXISTS',
  /** A request names an AGB code that is not registered here. */
  UNKNOWN_PROVIDER = 'UNKNOWN_PROVIDER',
}

export class ProviderError extends DomainError<ProviderErrorCode> {
  static missing(agb: string): ProviderError {
    return new ProviderError(ProviderErrorCode.PROVIDER_NOT_FOUND, `provider ${agb} is not registered`, 404);
  }

  /** A 422 naming the field that holds the unregistered AGB code. */
  static unknown(field: string, agb: string): ProviderError {
    const reason = `provider ${agb} is not registered`;
    return new ProviderError(ProviderErrorCode.UNKNOWN_PROVIDER, reason, 422, [{ name: field, code: ProviderErrorCode.UNKNOWN_PROVIDER, reason }]);
  }
}
