import { IsAgbCode, IsCents, IsMunicipalityCode, IsYear } from '@vangnet/contracts';
import { IsOptional } from 'class-validator';

export class CeilingParams {
  @IsAgbCode()
  agb!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsYear()
  year!: number;
}

export class PutCeilingRequest {
  /** The spend ceiling (bestedingsruimte) in eurocents. */
  @IsCents()
  ceilingCents!: number;
}

export class CeilingListQuery {
  @IsOptional()
  @IsYear()
  year?: number;

  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;

  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

export interface CeilingView {
  providerAgb: string;
  municipality: string;
  year: number;
  /** Null while spend is known but no ceiling was set. */
  ceilingCents: number | null;
  spendCents: number;
  spendSequence: number | null;
  /** Spend as basis points of the ceiling (10000 = 100 %). */
  usedBasisPoints: number | null;
  thresholdsReached: Array<{ thresholdPercent: number; spendCents: number; ceilingCents: number; reachedAt: Date }>;
  version: number | null;
}
