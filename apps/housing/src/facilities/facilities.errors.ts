import { DomainError } from '@vangnet/contracts';

export enum FacilityErrorCode {
  FACILITY_NOT_FOUND = 'FACILITY_NOT_FOUND',
  PLACE_NOT_FOUND = 'PLACE_NOT_FOUND',
  NOT_IN_REGION = 'NOT_IN_REGION',
  CAPACITY_BELOW_OCCUPANCY = 'CAPACITY_BELOW_OCCUPANCY',
  PLACE_NOT_FREE = 'PLACE_NOT_FREE',
  PLACE_IN_USE = 'PLACE_IN_USE',
}

export class FacilityError extends DomainError<FacilityErrorCode> {
  static missing(id: string): FacilityError {
    return new FacilityError(FacilityErrorCode.FACILITY_NOT_FOUND, `no facility ${id} among yours`, 404);
  }

  static missingPlace(id: string): FacilityError {
    return new FacilityError(FacilityErrorCode.PLACE_NOT_FOUND, `no place ${id} among yours`, 404);
  }
}
