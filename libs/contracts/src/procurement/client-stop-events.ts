import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsAgbCode, IsMunicipalityCode } from '../common/identifiers';
import { Nested, Period } from '../common/value-objects';

export const CLIENT_STOP_SET_V1 = 'procurement.client-stop.set.v1';
export const CLIENT_STOP_LIFTED_V1 = 'procurement.client-stop.lifted.v1';

/** No new assignments for this provider and municipality in the period (crisis care excepted). */
export class ClientStopSetV1 {
  @IsUUID()
  stopId!: string;

  @IsAgbCode()
  providerAgb!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsString()
  @MaxLength(2000)
  reason!: string;

  @Nested(() => Period)
  period!: Period;
}

export class ClientStopLiftedV1 {
  @IsUUID()
  stopId!: string;

  @IsAgbCode()
  providerAgb!: string;

  @IsMunicipalityCode()
  municipality!: string;

  @IsIsoDate()
  liftedOn!: IsoDate;

  @IsOptional()
  @IsString()
  reason?: string;
}
