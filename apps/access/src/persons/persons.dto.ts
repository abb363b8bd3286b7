import { IsBsn, IsIsoDate, IsMunicipalityCode, IsoDate } from '@vangnet/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';

export enum HouseholdRole {
  APPLICANT = 'APPLICANT',
  PARTNER = 'PARTNER',
  CHILD = 'CHILD',
  PARENT = 'PARENT',
  OTHER_MEMBER = 'OTHER_MEMBER',
}

export class CreatePersonRequest {
  @IsBsn()
  bsn!: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  givenName?: string;

  @IsString()
  @Length(1, 200)
  familyName!: string;

  @IsOptional()
  @IsIsoDate()
  birthDate?: IsoDate;

  /** Where the person is registered in the BRP; absent for someone without a registration. */
  @IsOptional()
  @IsMunicipalityCode()
  brpMunicipality?: string;

  /** Municipality of origin (gemeente van herkomst), for protected housing. */
  @IsOptional()
  @IsMunicipalityCode()
  originMunicipality?: string;

  @IsOptional()
  @IsBoolean()
  safetyFlag?: boolean;

  /** The tenant recording the person (one of the caller's municipalities). */
  @IsMunicipalityCode()
  municipality!: string;
}

export class UpdatePersonRequest {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  givenName?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  familyName?: string;

  @IsOptional()
  @IsIsoDate()
  birthDate?: IsoDate;

  @IsOptional()
  @IsMunicipalityCode()
  brpMunicipality?: string;

  @IsOptional()
  @IsMunicipalityCode()
  originMunicipality?: string;

  @IsOptional()
  @IsBoolean()
  safetyFlag?: boolean;

  /** The day the change takes effect (defaults to today). */
  @IsOptional()
  @IsIsoDate()
  changedAt?: IsoDate;
}

export class PersonQuery {
  @IsBsn()
  bsn!: string;
}

export class HouseholdMemberInput {
  @IsUUID()
  personId!: string;

  @IsEnum(HouseholdRole)
  role!: HouseholdRole;
}

export class CreateHouseholdRequest {
  @IsMunicipalityCode()
  municipality!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => HouseholdMemberInput)
  members!: HouseholdMemberInput[];
}

export interface PersonView {
  id: string;
  bsn: string;
  givenName: string | null;
  familyName: string;
  birthDate: IsoDate | null;
  brpMunicipality: string | null;
  originMunicipality: string | null;
  safetyFlag: boolean;
  municipalities: string[];
  households: Array<{ householdId: string; role: HouseholdRole }>;
  version: number;
}

export interface HouseholdView {
  id: string;
  municipality: string;
  members: Array<{ personId: string; role: HouseholdRole }>;
  version: number;
}
