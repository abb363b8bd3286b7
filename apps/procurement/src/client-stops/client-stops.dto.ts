import { IsAgbCode, IsIsoDate, IsMunicipalityCode, IsoDate, Period } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { RequiredNested } from '../shared/validation';

export class CreateClientStopRequest {
  @IsAgbCode()
  providerAgb!: string;

  /** The paying (responsible) municipality the stop applies to. */
  @IsMunicipalityCode()
  municipality!: string;

  @IsString()
  @Length(1, 2000)
  reason!: string;

  /** From `start` (today or later) to `end` (inclusive; open when absent) no new assignments. */
  @RequiredNested(() => Period)
  period!: Period;
}

export class LiftQuery {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;
}

export class ClientStopListQuery extends PageQuery {
  @IsOptional()
  @IsAgbCode()
  providerAgb?: string;

  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  /** Only stops that block on this date. */
  @IsOptional()
  @IsIsoDate()
  activeOn?: IsoDate;
}

export interface ClientStopView {
  id: string;
  providerAgb: string;
  municipality: string;
  reason: string;
  period: { start: IsoDate; end?: IsoDate };
  setBy: string;
  setAt: string;
  liftedOn?: IsoDate;
  liftReason?: string;
  liftedBy?: string;
}
