import { IsArray, IsBoolean, IsEnum, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { Law, ProductCategory } from '../codes/product-category';
import { IsIsoDate, IsoDate } from '../common/dates';
import { IsMunicipalityCode } from '../common/identifiers';
import { PSEUDONYM_PATTERN } from './provision-events';

export const REGISTRATION_RECEIVED_V1 = 'access.registration.received.v1';
export const INVESTIGATION_COMPLETED_V1 = 'access.investigation.completed.v1';
export const DECISION_ISSUED_V1 = 'access.decision.issued.v1';
export const DEADLINE_BREACHED_V1 = 'access.deadline.breached.v1';
export const PERSON_SAFETY_FLAG_CHANGED_V1 = 'access.person.safety-flag-changed.v1';

export enum RegistrationSource {
  RESIDENT = 'RESIDENT',
  CONCERNED_OTHER = 'CONCERNED_OTHER',
  PROFESSIONAL = 'PROFESSIONAL',
  MELDPUNT = 'MELDPUNT',
  POLICE = 'POLICE',
}

export enum RegistrationChannel {
  PHONE = 'PHONE',
  EMAIL = 'EMAIL',
  WEB_FORM = 'WEB_FORM',
  DESK = 'DESK',
  LETTER = 'LETTER',
  REFERRAL = 'REFERRAL',
  OUTREACH = 'OUTREACH',
}

/** The options weighed in an investigation, in their fixed order. */
export enum ConsideredOption {
  OWN_NETWORK = 'OWN_NETWORK',
  GENERAL_PROVISION = 'GENERAL_PROVISION',
  COLLECTIVE_PROVISION = 'COLLECTIVE_PROVISION',
  TAILORED_PROVISION = 'TAILORED_PROVISION',
}

export enum DecisionOutcome {
  GRANTED = 'GRANTED',
  PARTIALLY_GRANTED = 'PARTIALLY_GRANTED',
  REJECTED = 'REJECTED',
}

export enum DeadlineKind {
  INVESTIGATION = 'INVESTIGATION',
  DECISION = 'DECISION',
  OBJECTION_TERM = 'OBJECTION_TERM',
  OBJECTION_DECISION = 'OBJECTION_DECISION',
}

/** What every version of registration.received carries. */
export class RegistrationReceivedFields {
  @IsUUID()
  registrationId!: string;

  @IsIsoDate()
  receivedAt!: IsoDate;

  @IsMunicipalityCode()
  receivingMunicipality!: string;

  @IsOptional()
  @IsMunicipalityCode()
  originMunicipality?: string;

  @IsEnum(RegistrationSource)
  source!: RegistrationSource;

  @IsEnum(RegistrationChannel)
  channel!: RegistrationChannel;

  @IsBoolean()
  canAskForHelp!: boolean;

  @IsBoolean()
  outreachTaskCreated!: boolean;

  @IsOptional()
  @IsUUID()
  personId?: string;

  @IsOptional()
  @IsEnum(ProductCategory)
  category?: ProductCategory;
}

export class RegistrationReceivedV1 extends RegistrationReceivedFields {
  @IsIsoDate()
  investigationDue!: IsoDate;
}

export class InvestigationCompletedV1 {
  @IsUUID()
  investigationId!: string;

  @IsUUID()
  registrationId!: string;

  @IsOptional()
  @IsUUID()
  personId?: string;

  @IsIsoDate()
  completedAt!: IsoDate;

  /** The organisation that investigated (a municipality code or a partner id, without names). */
  @IsString()
  investigatedBy!: string;

  @IsBoolean()
  clientSupportOffered!: boolean;

  @IsArray()
  @IsEnum(ConsideredOption, { each: true })
  considered!: ConsideredOption[];
}

export class DecisionIssuedV1 {
  @IsUUID()
  decisionId!: string;

  @IsUUID()
  applicationId!: string;

  @IsUUID()
  personId!: string;

  @IsIsoDate()
  decidedAt!: IsoDate;

  @IsEnum(Law)
  law!: Law;

  @IsEnum(DecisionOutcome)
  outcome!: DecisionOutcome;

  @IsArray()
  @IsUUID('all', { each: true })
  provisionIds!: string[];

  @IsIsoDate()
  objectionDue!: IsoDate;
}

export class DeadlineBreachedV1 {
  @IsUUID()
  deadlineId!: string;

  @IsEnum(DeadlineKind)
  kind!: DeadlineKind;

  /** The registration, application or objection the deadline belongs to. */
  @IsUUID()
  caseId!: string;

  @IsIsoDate()
  dueDate!: IsoDate;

  @IsIsoDate()
  breachedOn!: IsoDate;
}

export class PersonSafetyFlagChangedV1 {
  @IsUUID()
  personId!: string;

  @Matches(PSEUDONYM_PATTERN)
  personPseudonym!: string;

  @IsBoolean()
  safetyFlag!: boolean;

  @IsIsoDate()
  changedAt!: IsoDate;
}
