import { IsEnum, IsUUID, Matches, ValidateIf } from 'class-validator';
import { PSEUDONYM_PATTERN } from '../access/provision-events';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsAgbCode, IsMunicipalityCode, IsOrgId } from '../common/identifiers';

export const EVICTION_SIGNAL_REPORTED_V1 = 'housing.eviction-signal.reported.v1';

export enum EvictionSignalKind {
  ARREARS = 'ARREARS',
  NUISANCE = 'NUISANCE',
  OTHER = 'OTHER',
}

/**
 * A corporation or a provider reported an eviction risk for a tenant housed through the region.
 * The reporter is `corporation` or `providerAgb` (at least one). Partners get it as a webhook.
 */
export class EvictionSignalReportedV1 {
  @IsUUID()
  signalId!: string;

  @ValidateIf((o: EvictionSignalReportedV1) => o.providerAgb === undefined || o.corporation !== undefined)
  @IsOrgId()
  corporation?: string;

  @ValidateIf((o: EvictionSignalReportedV1) => o.corporation === undefined || o.providerAgb !== undefined)
  @IsAgbCode()
  providerAgb?: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsUUID()
  personId!: string;

  @Matches(PSEUDONYM_PATTERN)
  personPseudonym!: string;

  @IsEnum(EvictionSignalKind)
  kind!: EvictionSignalKind;

  @IsIsoDate()
  reportedOn!: IsoDate;
}
