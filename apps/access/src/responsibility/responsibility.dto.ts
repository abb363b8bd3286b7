import { IsIsoDate, IsMunicipalityCode, IsoDate, ProductCategory } from '@vangnet/contracts';
import { ArrayMaxSize, IsArray, IsEnum, IsInt, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import { ResponsibilityRegime } from './responsibility.rules';

export class RuleSetRequest {
  /** The first day the rule set applies (after today: rule sets are never changed retroactively). */
  @IsIsoDate()
  validFrom!: IsoDate;

  @IsEnum(ResponsibilityRegime)
  regime!: ResponsibilityRegime;

  @IsMunicipalityCode()
  centralMunicipality!: string;

  /** ORIGIN: months the municipality of origin pays for a new client. */
  @IsInt()
  @Min(0)
  @Max(240)
  originPeriodMonths!: number;

  /** Who pays under the national safety net; absent: the deciding municipality. */
  @IsOptional()
  @IsMunicipalityCode()
  safetyNetMunicipality?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(ProductCategory, { each: true })
  protectedHousingCategories?: ProductCategory[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsEnum(ProductCategory, { each: true })
  shelterCategories?: ProductCategory[];

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export interface RuleSetView {
  id: string;
  validFrom: IsoDate;
  regime: ResponsibilityRegime;
  centralMunicipality: string;
  originPeriodMonths: number;
  safetyNetMunicipality: string | null;
  protectedHousingCategories: string[];
  shelterCategories: string[];
  note: string | null;
  createdBy: string;
}
