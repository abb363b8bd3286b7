import { IsIsoDate, IsMunicipalityCode, IsoDate, PlaceFeature } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { ArrayUnique, IsArray, IsEnum, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { ReadinessStatus } from './outflow.entity';

/** A placement officer marks a placed resident ready for independent housing. */
export class CreateReadinessRequest {
  @IsUUID()
  placementId!: string;

  @IsIsoDate()
  readyFrom!: IsoDate;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsEnum(PlaceFeature, { each: true })
  needs?: PlaceFeature[];
}

export class ConsentRequest {
  /** The day the resident consented (today or earlier). */
  @IsIsoDate()
  givenOn!: IsoDate;
}

export class WithdrawConsentRequest {
  @IsOptional()
  @IsIsoDate()
  withdrawnOn?: IsoDate;
}

export class WithdrawReadinessRequest {
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class ReadinessListQuery extends PageQuery {
  @IsOptional()
  @IsIn(['READY', 'NOMINATED', 'HOUSED', 'WITHDRAWN'])
  status?: ReadinessStatus;

  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

export interface ReadinessView {
  id: string;
  personId: string;
  personPseudonym: string;
  municipality: string;
  readyFrom: IsoDate;
  needs: PlaceFeature[];
  source: 'CARE_PLAN' | 'OFFICER';
  planId: string | null;
  consent: { givenOn: IsoDate; withdrawnOn: IsoDate | null; valid: boolean } | null;
  status: ReadinessStatus;
  version: number;
}
