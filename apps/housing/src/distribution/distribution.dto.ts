import { FacilityType, IsCents, IsMunicipalityCode, IsoDate, IsYear, NestedList } from '@vangnet/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { DistributionReport } from './distribution.rules';

export class ShareInput {
  @IsMunicipalityCode()
  municipality!: string;

  /** The municipality's share in basis points (1 % = 100); the shares add up to 10000. */
  @IsInt()
  @Min(0)
  @Max(10_000)
  basisPoints!: number;
}

export class PutDistributionKeyRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @NestedList(() => ShareInput)
  shares!: ShareInput[];

  /** What a municipality owes per place it falls short, per year (eurocents). */
  @IsCents()
  compensationPerPlaceYearCents!: number;

  /** The facility types the key covers; every type when absent or empty. */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(FacilityType, { each: true })
  facilityTypes?: FacilityType[];

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  concentrationThresholdBasisPoints?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  concentrationMinimumPlaces?: number;
}

export class YearParam {
  @Type(() => Number)
  @IsYear()
  year!: number;
}

export class DistributionQuery {
  @IsOptional()
  @Type(() => Number)
  @IsYear()
  year?: number;
}

export interface DistributionKeyView {
  year: number;
  shares: Array<{ municipality: string; basisPoints: number }>;
  compensationPerPlaceYearCents: number;
  facilityTypes: FacilityType[];
  concentrationThresholdBasisPoints: number;
  concentrationMinimumPlaces: number;
  version: number;
}

export interface DistributionView extends DistributionReport {
  year: number;
  /** Places are counted as the facilities' capacity on this day. */
  measuredOn: IsoDate;
  key: DistributionKeyView;
}
