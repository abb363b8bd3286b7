import { FacilityType, IsAgbCode, IsMunicipalityCode, IsOrgId, PlaceFeature } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { ArrayUnique, IsArray, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Max, Min, ValidateIf } from 'class-validator';
import { PlaceStatus } from './facilities.entity';

export class CreateFacilityRequest {
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsEnum(FacilityType)
  type!: FacilityType;

  @IsMunicipalityCode()
  municipality!: string;

  @IsString()
  @Length(1, 100)
  neighbourhood!: string;

  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;

  /** The owning corporation's id, as in its CORP: claim. */
  @IsOptional()
  @IsOrgId()
  ownerCorporation?: string;

  @IsInt()
  @Min(0)
  @Max(1000)
  capacity!: number;

  /** What each of its places offers. */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(PlaceFeature, { each: true })
  features?: PlaceFeature[];
}

/** Only the fields given change; null clears the provider or owner. */
export class UpdateFacilityRequest {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @IsString()
  @Length(1, 100)
  neighbourhood?: string;

  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsAgbCode()
  providerAgb?: string | null;

  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsOrgId()
  ownerCorporation?: string | null;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(1000)
  capacity?: number;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(PlaceFeature, { each: true })
  features?: PlaceFeature[];
}

export class FacilityListQuery extends PageQuery {
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @IsOptional()
  @IsEnum(FacilityType)
  type?: FacilityType;

  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;
}

export class PlaceListQuery extends PageQuery {
  @IsOptional()
  @IsUUID()
  facilityId?: string;

  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @IsOptional()
  @IsEnum(FacilityType)
  facilityType?: FacilityType;

  @IsOptional()
  @IsIn(['FREE', 'RESERVED', 'OCCUPIED', 'BLOCKED'])
  status?: PlaceStatus;
}

export class UpdatePlaceRequest {
  @IsOptional()
  @IsString()
  @Length(1, 50)
  label?: string;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(PlaceFeature, { each: true })
  features?: PlaceFeature[];
}

/** A provider or placement officer reports a place blocked (repairs, a closed room) or free again. */
export class PlaceStatusRequest {
  @IsIn(['BLOCKED', 'FREE'])
  status!: 'BLOCKED' | 'FREE';

  @ValidateIf((o: PlaceStatusRequest) => o.status === 'BLOCKED' || o.reason !== undefined)
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export interface Occupancy {
  free: number;
  reserved: number;
  occupied: number;
  blocked: number;
}

export interface FacilityView {
  id: string;
  name: string;
  type: FacilityType;
  municipality: string;
  neighbourhood: string;
  providerAgb: string | null;
  ownerCorporation: string | null;
  capacity: number;
  features: PlaceFeature[];
  occupancy: Occupancy;
  version: number;
}

export interface PlaceView {
  id: string;
  facilityId: string;
  facilityName: string;
  facilityType: FacilityType;
  municipality: string;
  neighbourhood: string;
  providerAgb: string | null;
  label: string;
  status: PlaceStatus;
  features: PlaceFeature[];
  blockedReason: string | null;
  version: number;
}

export interface FacilityDetailView extends FacilityView {
  places: PlaceView[];
}
