import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { IsCents, IsMunicipalityCode, IsYear, NestedList } from '@vangnet/contracts';
import { BudgetDomain } from '../budgets/budgets.rules';

export class CreateFundRequest {
  /** The municipality that holds the fund (usually the central municipality). */
  @IsMunicipalityCode()
  ownerMunicipality!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  @IsYear()
  year!: number;

  @IsOptional()
  @IsEnum(BudgetDomain)
  domain?: BudgetDomain;

  @IsCents()
  totalCents!: number;
}

export class KeyWeightInput {
  @IsMunicipalityCode()
  municipality!: string;

  /** A non-negative integer: inhabitants, clients, or a share in basis points. */
  @IsInt()
  @Min(0)
  @Max(Number.MAX_SAFE_INTEGER)
  weight!: number;
}

export class DistributionRequest {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(400)
  @NestedList(() => KeyWeightInput)
  weights!: KeyWeightInput[];

  /** What the weights are (e.g. "inhabitants 1 January 2026, CBS"). */
  @IsOptional()
  @IsString()
  @Length(1, 500)
  basis?: string;
}

export class DistributionQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2_147_483_647)
  version?: number;
}
