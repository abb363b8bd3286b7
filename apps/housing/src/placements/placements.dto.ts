import { FacilityType, IsBsn, IsIsoDate, IsMunicipalityCode, IsoDate, PlacementDestination, PSEUDONYM_PATTERN } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { IsEnum, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

/**
 * Three ways in: from an accepted offer (`offerId`); an emergency-shelter entry placed directly
 * (`entryId` + `placeId`); or a crisis placement of someone not yet on any list (`personId` with
 * `bsn` or `personPseudonym`, `municipality` + `placeId`).
 */
export class CreatePlacementRequest {
  @IsOptional()
  @IsUUID()
  offerId?: string;

  @IsOptional()
  @IsUUID()
  entryId?: string;

  @IsOptional()
  @IsUUID()
  placeId?: string;

  @IsOptional()
  @IsUUID()
  personId?: string;

  @IsOptional()
  @IsBsn()
  bsn?: string;

  @IsOptional()
  @Matches(PSEUDONYM_PATTERN, { message: 'personPseudonym must be the 64 hexadecimal characters access gives' })
  personPseudonym?: string;

  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @IsOptional()
  @IsMunicipalityCode()
  responsibleMunicipality?: string;

  @IsOptional()
  @IsMunicipalityCode()
  originMunicipality?: string;

  @IsOptional()
  @IsUUID()
  provisionLineageId?: string;

  /** The first night in the place: today or earlier. */
  @IsIsoDate()
  startDate!: IsoDate;
}

export class EndPlacementRequest {
  /** The last night in the place (inclusive): on or after the start, not after today. */
  @IsIsoDate()
  endDate!: IsoDate;

  @IsEnum(PlacementDestination)
  destination!: PlacementDestination;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  note?: string;
}

export class PlacementListQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @IsOptional()
  @IsUUID()
  personId?: string;

  /** `true`: running placements only; `false`: ended ones. */
  @IsOptional()
  @IsIn(['true', 'false'])
  running?: 'true' | 'false';

  /** `true`: running placements beyond their type's reference stay. */
  @IsOptional()
  @IsIn(['true', 'false'])
  overstay?: 'true' | 'false';
}

export interface PlacementView {
  id: string;
  placeId: string;
  facilityId: string;
  facilityType: FacilityType;
  facilityMunicipality: string;
  providerAgb: string | null;
  entryId: string | null;
  offerId: string | null;
  personId: string;
  personPseudonym: string;
  municipality: string;
  responsibleMunicipality: string;
  originMunicipality: string | null;
  provisionLineageId: string | null;
  /** When the provision that pays for it ended (access.provision.ended), if it did. */
  provisionEndedOn: IsoDate | null;
  direct: boolean;
  startDate: IsoDate;
  endDate: IsoDate | null;
  destination: PlacementDestination | null;
  plannedEnd: IsoDate | null;
  stayDays: number;
  referenceStayDays: number | null;
  overstayDays: number;
  overstay: boolean;
  version: number;
}
