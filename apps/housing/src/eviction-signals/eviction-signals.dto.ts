import { EvictionSignalKind, EvictionSignalOutcome, IsMunicipalityCode, IsoDate } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { IsEnum, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';

/**
 * A corporation names its tenancy (`nominationId`, the lease it signed through the region); a
 * provider a resident of its facility (`placementId`). The description is the reporter's own
 * words about the arrears or nuisance: no diagnosis.
 */
export class ReportSignalRequest {
  @IsOptional()
  @IsUUID()
  nominationId?: string;

  @IsOptional()
  @IsUUID()
  placementId?: string;

  @IsEnum(EvictionSignalKind)
  kind!: EvictionSignalKind;

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  description?: string;
}

export class CloseSignalRequest {
  @IsEnum(EvictionSignalOutcome)
  outcome!: EvictionSignalOutcome;

  @IsOptional()
  @IsString()
  @Length(1, 1000)
  note?: string;
}

export class SignalListQuery extends PageQuery {
  @IsOptional()
  @IsIn(['OPEN', 'CLOSED'])
  status?: 'OPEN' | 'CLOSED';

  /** `true`: open signals past their term. */
  @IsOptional()
  @IsIn(['true', 'false'])
  overdue?: 'true' | 'false';

  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

/** What the reporter sees of its own signal: a corporation its nomination, a provider its placement. */
export interface ReporterSignalView {
  id: string;
  kind: EvictionSignalKind;
  description: string | null;
  nominationId?: string | null;
  placementId?: string | null;
  reportedOn: IsoDate;
  dueOn: IsoDate;
  overdue: boolean;
  status: 'OPEN' | 'CLOSED';
  outcome: EvictionSignalOutcome | null;
  closedOn: IsoDate | null;
  version: number;
}

export interface SignalView extends ReporterSignalView {
  nominationId: string | null;
  placementId: string | null;
  corporation: string | null;
  providerAgb: string | null;
  municipality: string;
  personId: string;
  personPseudonym: string;
  closeNote: string | null;
}
