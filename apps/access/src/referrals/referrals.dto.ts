import { IsISO8601, IsEnum, IsOptional, IsString, Length } from 'class-validator';

export enum ReferralKind {
  REFERRAL = 'REFERRAL',
  ESCALATION = 'ESCALATION',
}

/** Chains a case is referred to (DOMAIN.md "Access" 5). */
export enum ReferralTarget {
  YOUTH = 'YOUTH',
  DEBT_HELP = 'DEBT_HELP',
  WORK_AND_INCOME = 'WORK_AND_INCOME',
  HOUSING = 'HOUSING',
  HEALTH_INSURANCE = 'HEALTH_INSURANCE',
  LONG_TERM_CARE = 'LONG_TERM_CARE',
  FORENSIC_CARE = 'FORENSIC_CARE',
}

/** Escalation (opschaling). */
export enum EscalationTarget {
  CARE_AND_SAFETY_HUB = 'CARE_AND_SAFETY_HUB',
  COMPULSORY_CARE_WVGGZ = 'COMPULSORY_CARE_WVGGZ',
}

export enum ReferralStatus {
  REQUESTED = 'REQUESTED',
  ACCEPTED = 'ACCEPTED',
  IN_PROGRESS = 'IN_PROGRESS',
  COMPLETED = 'COMPLETED',
  REJECTED = 'REJECTED',
  CANCELLED = 'CANCELLED',
}

export const CLOSED_STATUSES: readonly ReferralStatus[] = [ReferralStatus.COMPLETED, ReferralStatus.REJECTED, ReferralStatus.CANCELLED];

export class CreateReferralRequest {
  @IsEnum(ReferralTarget)
  target!: ReferralTarget;

  /** The receiving organisation, e.g. "Schuldhulpverlening Leiden" (no personal data). */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  organisation?: string;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;

  /** When it happened (ISO 8601 instant); defaults to now. */
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;
}

export class CreateEscalationRequest {
  @IsEnum(EscalationTarget)
  target!: EscalationTarget;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  organisation?: string;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;
}

export class ReferralStatusRequest {
  @IsEnum(ReferralStatus)
  status!: ReferralStatus;

  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export interface ReferralView {
  id: string;
  kind: ReferralKind;
  registrationId: string;
  personId: string | null;
  municipality: string;
  target: ReferralTarget | EscalationTarget;
  organisation: string | null;
  note: string | null;
  at: string;
  status: ReferralStatus;
  statusAt: string;
  history: Array<{ status: ReferralStatus; at: string; note: string | null }>;
  version: number;
}
