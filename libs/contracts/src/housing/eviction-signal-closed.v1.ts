import { IsEnum, IsOptional, IsUUID } from 'class-validator';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsAgbCode, IsMunicipalityCode, IsOrgId } from '../common/identifiers';

export const EVICTION_SIGNAL_CLOSED_V1 = 'housing.eviction-signal.closed.v1';

/** How an eviction signal ended (issue 14). */
export enum EvictionSignalOutcome {
  ARRANGEMENT_MADE = 'ARRANGEMENT_MADE',
  SUPPORT_STARTED = 'SUPPORT_STARTED',
  EVICTION_PREVENTED = 'EVICTION_PREVENTED',
  EVICTED = 'EVICTED',
}

/**
 * An eviction signal was followed to its outcome. The reporter and municipality repeat the
 * signal's, so a webhook subscriber can filter by organisation without holding state.
 */
export class EvictionSignalClosedV1 {
  @IsUUID()
  signalId!: string;

  @IsEnum(EvictionSignalOutcome)
  outcome!: EvictionSignalOutcome;

  @IsIsoDate()
  closedOn!: IsoDate;

  @IsOptional()
  @IsOrgId()
  corporation?: string;

  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;

  @IsMunicipalityCode()
  municipality!: string;
}
