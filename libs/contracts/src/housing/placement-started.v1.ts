import { IsEnum, IsOptional, IsUUID, Matches } from 'class-validator';
import { PSEUDONYM_PATTERN } from '../access/provision-events';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsAgbCode, IsMunicipalityCode } from '../common/identifiers';
import { FacilityType } from './housing-codes';

export const PLACEMENT_STARTED_V1 = 'housing.placement.started.v1';

/**
 * A resident moved into a place. Finance keeps cost per client by housing type from it (with the
 * provision lineage that pays); `facilityMunicipality` against `responsibleMunicipality` is the
 * monitor's mobility. `providerAgb` is the facility's operator, when a provider runs it.
 */
export class PlacementStartedV1 {
  @IsUUID()
  placementId!: string;

  @IsUUID()
  personId!: string;

  @Matches(PSEUDONYM_PATTERN)
  personPseudonym!: string;

  @IsUUID()
  facilityId!: string;

  @IsEnum(FacilityType)
  facilityType!: FacilityType;

  @IsUUID()
  placeId!: string;

  @IsMunicipalityCode()
  facilityMunicipality!: string;

  @IsMunicipalityCode()
  responsibleMunicipality!: string;

  @IsOptional()
  @IsUUID()
  provisionLineageId?: string;

  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;

  @IsIsoDate()
  startDate!: IsoDate;
}
