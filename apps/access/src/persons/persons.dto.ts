import { HouseholdRole, IsBsn, IsIsoDate, IsMunicipalityCode, IsoDate, Nested, NestedList } from '@vangnet/contracts';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Length } from 'class-validator';

// The household roles are the wire values of access.household.changed.v1.
export { HouseholdRole };

/** Where a young person stays (Jeugdwet art. 1.1 "woonplaats" 2°). */
export enum StayKind {
  YOUTH_CARE_PROVIDER = 'YOUTH_CARE_PROVIDER',
  FOSTER_PARENT = 'FOSTER_PARENT',
  SHELTER = 'SHELTER',
  PROTECTED_HOUSING = 'PROTECTED_HOUSING',
  /** Justitiële jeugdinrichting. */
  YOUTH_CUSTODIAL_INSTITUTION = 'YOUTH_CUSTODIAL_INSTITUTION',
}

export class StayInput {
  @IsEnum(StayKind)
  kind!: StayKind;

  /** The first day of the first of the consecutive stays. */
  @IsIsoDate()
  since!: IsoDate;

  /** The BRP municipality immediately before the first of those stays. */
  @IsOptional()
  @IsMunicipalityCode()
  brpMunicipalityBefore?: string;
}

export class InstitutionResidenceInput {
  /** The municipality of the residential address immediately before the stay in the institution. */
  @IsOptional()
  @IsMunicipalityCode()
  municipalityBefore?: string;
}

/**
 * What the responsible municipality depends on beyond the BRP municipality (DOMAIN.md
 * "Responsible municipality"); every field optional, each named after the rule that reads it.
 */
export class ResidenceFacts {
  /** Wet BRP art. 2.26: the BRP address carries an annotation (address in investigation). */
  @IsOptional()
  @IsBoolean()
  brpAddressInInvestigation?: boolean;

  /** Jeugdwet art. 1.1 woonplaats 2°: a current stay (the first of consecutive ones). */
  @IsOptional()
  @Nested(() => StayInput)
  stay?: StayInput;

  /** Jeugdwet art. 1.1 woonplaats 3°: where the mother was registered at the birth. */
  @IsOptional()
  @IsMunicipalityCode()
  motherMunicipalityAtBirth?: string;

  /** Jeugdwet art. 1.1 woonplaats, last: where the young person actually stays. */
  @IsOptional()
  @IsMunicipalityCode()
  actualStayMunicipality?: string;

  /** Bill 36288, Wmo art. 1.2.1a lid 1 b: a residential address at a designated institution. */
  @IsOptional()
  @Nested(() => InstitutionResidenceInput)
  institutionResidence?: InstitutionResidenceInput;

  /** Bill 36288, Wmo art. 1.2.1a lid 1 c: coming from youth care with a stay, the municipality responsible under the Jeugdwet. */
  @IsOptional()
  @IsMunicipalityCode()
  youthCareWithStayMunicipality?: string;

  /** Bill 36288, Wmo art. 1.2.1a lid 1 d: without a residential address, the municipality of the last one. */
  @IsOptional()
  @IsMunicipalityCode()
  lastResidentialMunicipality?: string;
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

  /** The facts the responsible municipality depends on beyond the BRP municipality (replaced whole on update). */
  @IsOptional()
  @Nested(() => ResidenceFacts)
  residence?: ResidenceFacts;

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

  /** The facts the responsible municipality depends on beyond the BRP municipality (replaced whole on update). */
  @IsOptional()
  @Nested(() => ResidenceFacts)
  residence?: ResidenceFacts;

  /** The day the change takes effect (defaults to today). */
  @IsOptional()
  @IsIsoDate()
  changedAt?: IsoDate;

  /** Whose record to change, for a caller acting for several municipalities that know the person. */
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

/** @deprecated the `?bsn=` form puts a BSN in the URL (and so in logs); use {@link PersonSearchRequest}. */
export class PersonQuery {
  @IsBsn()
  bsn!: string;
}

/** `POST /v1/persons/search`: the BSN in the body, never in the URL. */
export class PersonSearchRequest {
  @IsBsn()
  bsn!: string;

  /** Whose record to answer with, for a caller acting for several municipalities (default: its own organisation's, else the first). */
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

/** `GET /v1/persons/:id?municipality=`: whose record, for a caller acting for several municipalities. */
export class PersonRecordQuery {
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
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
  @NestedList(() => HouseholdMemberInput)
  members!: HouseholdMemberInput[];
}

/** A person as one of the caller's municipalities knows them (ADR 0051). */
export interface PersonView {
  id: string;
  bsn: string;
  /** Whose record this is: one of the caller's municipalities. */
  municipality: string;
  givenName: string | null;
  /** Null for a person known only by BSN (from a provider's message); fill it in with PATCH. */
  familyName: string | null;
  birthDate: IsoDate | null;
  brpMunicipality: string | null;
  originMunicipality: string | null;
  residence: ResidenceFacts | null;
  /** This municipality's own safety flag. */
  safetyFlag: boolean;
  /** Some municipality of the region flagged the person: no outbound partner messages (never which one, or why). */
  outboundBlocked: boolean;
  /** Only the households of the caller's municipalities. */
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
