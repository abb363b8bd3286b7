import { IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { IsAgbCode, IsMunicipalityCode } from '../common/identifiers';
import { IsCents } from '../common/money';

export const SPEND_REPORTED_V1 = 'finance.spend.reported.v1';
export const BUDGET_EXHAUSTION_ALERT_V1 = 'finance.budget.exhaustion-alert.v1';

/**
 * Cumulative approved spend (net of approved credits) for a provider × responsible municipality ×
 * year. `sequence` rises by one per report for that key; a consumer ignores a lower one.
 */
export class SpendReportedV1 {
  @IsAgbCode()
  providerAgb!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsInt()
  year!: number;

  @IsCents({ min: null })
  spendCents!: number;

  @IsInt()
  @Min(1)
  sequence!: number;
}

export class BudgetExhaustionAlertV1 {
  @IsMunicipalityCode()
  municipality!: string;

  @IsInt()
  year!: number;

  @IsUUID()
  budgetLineId!: string;

  @IsInt()
  @Min(0)
  @Max(10_000)
  percent!: number;

  @IsOptional()
  @IsCents()
  budgetCents?: number;

  @IsOptional()
  @IsCents({ min: null })
  committedCents?: number;

  @IsOptional()
  @IsCents({ min: null })
  realisedCents?: number;

  /** The threshold this alert is for (each fires once per budget line); `percent` is the use measured. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000)
  thresholdPercent?: number;

  /** The forecast to year end the percentage was measured on (realised months + commitments for the rest). */
  @IsOptional()
  @IsCents({ min: null })
  forecastCents?: number;
}
