import { HouseholdRole, IsBsn, IsIsoDate, IsMunicipalityCode, IsoDate } from '@vangnet/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';

// The household roles are the wire values of access.household.changed.v1.
export { HouseholdRole };

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

  /** The first day of the membership (defaults to today). */
  @IsOptional()
  @IsIsoDate()
  from?: IsoDate;
}

/** A change of one membership: another role, or the last day (inclusive) once the person left. */
export class HouseholdMemberChange {
  @IsOptional()
  @IsEnum(HouseholdRole)
  role?: HouseholdRole;

  @IsOptional()
  @IsIsoDate()
  to?: IsoDate;
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
  /** Null for a person known only by BSN (from a provider's message); fill it in with PATCH. */
  familyName: string | null;
  birthDate: IsoDate | null;
  brpMunicipality: string | null;
  originMunicipality: string | null;
  safetyFlag: boolean;
  municipalities: string[];
  households: Array<{ householdId: string; role: HouseholdRole }>;
  version: number;
}

export interface HouseholdMemberView {
  personId: string;
  role: HouseholdRole;
  from: IsoDate;
  /** The last day (inclusive), once the person left. */
  to: IsoDate | null;
}

export interface HouseholdView {
  id: string;
  municipality: string;
  members: HouseholdMemberView[];
  version: number;
}
