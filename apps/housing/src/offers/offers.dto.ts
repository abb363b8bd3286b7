import { FacilityType, IsIsoDate, IsMunicipalityCode, IsoDate } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { IsBoolean, IsIn, IsOptional, IsString, IsUUID, Length, ValidateIf } from 'class-validator';
import { OfferStatus } from './offers.entity';

export class CreateOfferRequest {
  @IsUUID()
  placeId!: string;

  @IsUUID()
  entryId!: string;
}

/** The resident's answer, as the placement officer records it. */
export class AnswerOfferRequest {
  @IsBoolean()
  accepted!: boolean;

  /** Why the resident declined (required then). */
  @ValidateIf((o: AnswerOfferRequest) => o.accepted === false || o.reason !== undefined)
  @IsString()
  @Length(1, 500)
  reason?: string;

  /** Today when absent. */
  @IsOptional()
  @IsIsoDate()
  answeredOn?: IsoDate;
}

export class WithdrawOfferRequest {
  @IsString()
  @Length(1, 500)
  reason!: string;
}

export class OfferListQuery extends PageQuery {
  @IsOptional()
  @IsIn(['OPEN', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'PLACED'])
  status?: OfferStatus;

  /** `true`: only open offers past their last day to answer. */
  @IsOptional()
  @IsIn(['true', 'false'])
  stalled?: 'true' | 'false';

  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @IsOptional()
  @IsUUID()
  entryId?: string;
}

export interface OfferView {
  id: string;
  placeId: string;
  entryId: string;
  municipality: string;
  facilityMunicipality: string;
  facilityType: FacilityType;
  status: OfferStatus;
  offeredOn: IsoDate;
  answerDue: IsoDate;
  /** Open and past its last day to answer (working days, README "Offers"). */
  stalled: boolean;
  workingDaysOverdue: number;
  answeredOn: IsoDate | null;
  reason: string | null;
  version: number;
}
