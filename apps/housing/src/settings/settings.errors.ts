import { DomainError } from '@vangnet/contracts';

export enum SettingsErrorCode {
  MAPPING_NOT_FOUND = 'MAPPING_NOT_FOUND',
  REFERENCE_STAY_NOT_FOUND = 'REFERENCE_STAY_NOT_FOUND',
}

export class SettingsError extends DomainError<SettingsErrorCode> {}
