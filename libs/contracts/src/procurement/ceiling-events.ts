import { IsIn, IsInt } from 'class-validator';
import { IsAgbCode, IsMunicipalityCode } from '../common/identifiers';
import { IsCents } from '../common/money';

export const CEILING_THRESHOLD_REACHED_V1 = 'procurement.ceiling.threshold-reached.v1';

export const CEILING_THRESHOLDS = [70, 90, 100] as const;
export type CeilingThreshold = (typeof CEILING_THRESHOLDS)[number];

/** Spend reached 70, 90 or 100 % of a provider's ceiling for a municipality and year (once each). */
export class CeilingThresholdReachedV1 {
  @IsAgbCode()
  providerAgb!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsInt()
  year!: number;

  @IsIn(CEILING_THRESHOLDS as unknown as number[])
  thresholdPercent!: CeilingThreshold;

  @IsCents()
  spendCents!: number;

  @IsCents()
  ceilingCents!: number;
}
