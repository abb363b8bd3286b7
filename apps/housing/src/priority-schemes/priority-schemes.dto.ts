import { IsIsoDate, IsMunicipalityCode, IsoDate, NestedList } from '@vangnet/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsEnum, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { FactorWeight, PriorityFactor } from './ranking.rules';

/** A published tie-break seed: printable ASCII, no spaces. */
export const SEED_PATTERN = /^[\x21-\x7e]{8,128}$/;

export class FactorWeightInput {
  @IsEnum(PriorityFactor)
  factor!: PriorityFactor;

  /** Points per unit of the factor's value: a number with at most two decimals. */
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 })
  @Min(-10_000)
  @Max(10_000)
  weight!: number;

  /** ORIGIN_MUNICIPALITY only; the region's members when absent. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsMunicipalityCode({ each: true })
  municipalities?: string[];
}

/** Factors with their weights and a tie-break seed: what a scheme version ranks by, stored or tried. */
export class SchemeWeights {
  /** The tie-break seed (printable ASCII, no spaces); when absent, a new scheme draws one and a what-if takes the scheme in force's. */
  @IsOptional()
  @Matches(SEED_PATTERN, { message: 'seed must be 8 to 128 printable ASCII characters without spaces' })
  seed?: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @NestedList(() => FactorWeightInput)
  factors!: FactorWeightInput[];
}

export class CreatePrioritySchemeRequest extends SchemeWeights {
  @IsString()
  @Length(1, 200)
  name!: string;
}

export class ActivatePrioritySchemeRequest {
  /** Today or later: a scheme never applies retroactively. */
  @IsIsoDate()
  activeFrom!: IsoDate;
}

export interface PrioritySchemeView {
  id: string;
  version: number;
  name: string;
  seed: string;
  factors: FactorWeight[];
  status: 'DRAFT' | 'ACTIVE';
  activeFrom: IsoDate | null;
  /** The scheme the waiting list is ranked by today. */
  inForce: boolean;
  createdAt: string;
  activatedAt: string | null;
}
