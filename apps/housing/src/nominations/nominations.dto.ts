import { IsIsoDate, IsMunicipalityCode, IsOrgId, IsoDate, Nested, NominationScheme, PlaceFeature } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { HomeAddress, NominationStatus } from './nominations.entity';
import { CorporationResident } from './nominations.rules';

export class CreateNominationRequest {
  @IsUUID()
  readinessId!: string;

  /** The corporation's id, as in its CORP: claim. */
  @IsOrgId()
  corporation!: string;

  /** The municipality whose quota (or urgency scheme) it falls under. */
  @IsMunicipalityCode()
  municipality!: string;

  @IsEnum(NominationScheme)
  scheme!: NominationScheme;
}

export class HomeAddressInput implements HomeAddress {
  @IsString()
  @Length(1, 80)
  street!: string;

  @IsInt()
  @Min(1)
  @Max(99_999)
  houseNumber!: number;

  @IsOptional()
  @Matches(/^[A-Za-z]$/)
  houseLetter?: string;

  @IsOptional()
  @IsString()
  @Length(1, 4)
  houseNumberAddition?: string;

  @Matches(/^[1-9][0-9]{3} ?[A-Z]{2}$/, { message: 'postcode must be a Dutch postcode like 2311 AB' })
  postcode!: string;

  @IsString()
  @Length(1, 80)
  city!: string;
}

/** The corporation's answer: a home with its lease start, or no with a reason. */
export class AnswerNominationRequest {
  @IsBoolean()
  accepted!: boolean;

  @ValidateIf((o: AnswerNominationRequest) => o.accepted === true || o.leaseStart !== undefined)
  @IsIsoDate()
  leaseStart?: IsoDate;

  @ValidateIf((o: AnswerNominationRequest) => o.accepted === true || o.address !== undefined)
  @Nested(() => HomeAddressInput)
  address?: HomeAddressInput;

  @ValidateIf((o: AnswerNominationRequest) => o.accepted === false || o.reason !== undefined)
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class LeaseSignedRequest {
  /** Today when absent. */
  @IsOptional()
  @IsIsoDate()
  signedOn?: IsoDate;
}

export class NominationListQuery extends PageQuery {
  @IsOptional()
  @IsIn(['NOMINATED', 'ACCEPTED', 'DECLINED', 'LEASE_SIGNED'])
  status?: NominationStatus;

  @IsOptional()
  @IsOrgId()
  corporation?: string;

  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

/** What a corporation sees: its nomination and the resident's name, household size and needs. */
export interface CorporationNominationView {
  id: string;
  corporation: string;
  municipality: string;
  scheme: NominationScheme;
  quotaYear: number;
  status: NominationStatus;
  nominatedOn: IsoDate;
  resident: CorporationResident;
  answeredOn: IsoDate | null;
  leaseStart: IsoDate | null;
  address: HomeAddress | null;
  declineReason: string | null;
  leaseSignedOn: IsoDate | null;
  version: number;
}

/** What a placement officer sees (the name stays in access). */
export interface NominationView extends Omit<CorporationNominationView, 'resident'> {
  readinessId: string;
  placementId: string;
  personId: string;
  personPseudonym: string;
  responsibleMunicipality: string;
  householdSize: number;
  needs: PlaceFeature[];
}
