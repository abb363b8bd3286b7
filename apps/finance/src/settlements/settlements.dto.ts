import { IsOptional, Matches } from 'class-validator';
import { IsMunicipalityCode } from '@vangnet/contracts';
import { SETTLEMENT_PERIOD_PATTERN } from './settlements.rules';

export class SettlementQuery {
  /** The municipality that owes: responsible for the care another municipality paid. */
  @IsOptional()
  @IsMunicipalityCode()
  from?: string;

  /** The municipality that paid the providers and is owed. */
  @IsOptional()
  @IsMunicipalityCode()
  to?: string;

  /** `2026`, `2026-Q2` or `2026-03` (by the month the care was delivered). */
  @Matches(SETTLEMENT_PERIOD_PATTERN, { message: 'period must be a year (2026), a quarter (2026-Q2) or a month (2026-03)' })
  period!: string;
}
