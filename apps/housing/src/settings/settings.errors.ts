import { DomainError } from '@vangnet/contracts';

export enum SettingsErrorCode {
  SETTINGS_NOT_FOUND = 'SETTINGS_NOT_FOUND',
  VALID_FROM_IN_PAST = 'VALID_FROM_IN_PAST',
}

export class SettingsError extends DomainError<SettingsErrorCode> {
  /** One 404 for "does not exist" and "not yours": nobody learns what other municipalities hold. */
  static missing(id: string): SettingsError {
    return new SettingsError(SettingsErrorCode.SETTINGS_NOT_FOUND, `no settings ${id} in your municipalities`, 404);
  }
}
