import { Type } from 'class-transformer';
import { IsIsoDate, IsMunicipalityCode, IsOrg, IsoDate, LIFE_DOMAIN_CODE_PATTERN } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsEnum, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, Max, Min } from 'class-validator';
import { ConsentMethod, ParticipantRole, PlanSection, PlanStatus } from './plans.rules';

/** A municipal coordinator opens the household's plan and names who coordinates it. */
export class OpenPlanRequest {
  @IsUUID()
  householdId!: string;

  /** The coordinating organisation: a municipality (GM0546) or a provider (AGB:12345678). */
  @IsOrg()
  coordinatorOrg!: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  coordinatorTeam?: string;

  /** Today unless given (not after today). */
  @IsOptional()
  @IsIsoDate()
  openedOn?: IsoDate;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24)
  reviewIntervalMonths?: number;
}

/** The coordinator sets priorities (the order of the life domains) and the review rhythm. */
export class UpdatePlanRequest {
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(50)
  @ArrayUnique()
  @Matches(LIFE_DOMAIN_CODE_PATTERN, { each: true })
  priorities?: string[];

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(24)
  reviewIntervalMonths?: number;

  @IsOptional()
  @IsIsoDate()
  nextReviewOn?: IsoDate;
}

export class PlanListQuery extends PageQuery {
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @IsOptional()
  @IsUUID()
  householdId?: string;

  @IsOptional()
  @IsIn(['OPEN', 'CLOSED'])
  status?: PlanStatus;
}

export class AddParticipantRequest {
  @IsEnum(ParticipantRole)
  role!: ParticipantRole;

  @IsOptional()
  @IsOrg()
  org?: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  team?: string;

  @IsString()
  @Length(1, 200)
  label!: string;

  /** For a resident: the household member. */
  @IsOptional()
  @IsUUID()
  personId?: string;

  @IsOptional()
  @IsIsoDate()
  joinedOn?: IsoDate;
}

export class LeaveRequest {
  /** The last day they take part (today unless given). */
  @IsOptional()
  @IsIsoDate()
  leftOn?: IsoDate;
}

/** Consent given or narrowed: the whole scope in force from `givenOn`. */
export class ConsentRequest {
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsEnum(PlanSection, { each: true })
  sections!: PlanSection[];

  @IsArray()
  @ArrayMaxSize(100)
  @ArrayUnique()
  @Matches(LIFE_DOMAIN_CODE_PATTERN, { each: true })
  domains!: string[];

  @IsIsoDate()
  givenOn!: IsoDate;

  @IsEnum(ConsentMethod)
  method!: ConsentMethod;

  /** The resident's (or legal representative's) participant id, on whose instruction it is recorded. */
  @IsUUID()
  instructedBy!: string;
}

export class WithdrawConsentQuery {
  @IsOptional()
  @IsIsoDate()
  withdrawnOn?: IsoDate;

  @IsEnum(ConsentMethod)
  method!: ConsentMethod;

  @IsUUID()
  instructedBy!: string;
}

export class HandoverRequest {
  @IsOrg()
  toOrg!: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  toTeam?: string;

  @IsIsoDate()
  on!: IsoDate;

  /** In a meeting with the resident (warme overdracht). */
  @Type(() => Boolean)
  @IsBoolean()
  inPerson!: boolean;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export interface PlanSummaryView {
  id: string;
  householdId: string;
  municipality: string;
  coordinator: { org: string; team: string | null };
  openedOn: IsoDate;
  nextReviewOn: IsoDate;
  status: PlanStatus;
  version: number;
}

export interface ConsentView {
  id: string;
  sections: string[];
  domains: string[];
  givenOn: IsoDate;
  method: ConsentMethod;
  instructedBy: string;
  recordedBy: string;
  withdrawnOn: IsoDate | null;
  withdrawalMethod: string | null;
  recordedAt: string;
}

export interface ParticipantView {
  id: string;
  role: ParticipantRole;
  org: string | null;
  team: string | null;
  label: string;
  personId: string | null;
  joinedOn: IsoDate;
  leftOn: IsoDate | null;
  /** The consent in force today (null: nothing shared); for the coordinator's view only. */
  consent?: ConsentView | null;
}

export interface HandoverView {
  id: string;
  fromOrg: string;
  fromTeam: string | null;
  toOrg: string;
  toTeam: string | null;
  on: IsoDate;
  inPerson: boolean;
  note: string | null;
}
