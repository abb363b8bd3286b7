import { IsIsoDate, IsMunicipalityCode, IsoDate } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { IsBoolean, IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { FirstContactState } from './outreach.rules';

export enum OutreachStatus {
  OPEN = 'OPEN',
  ASSIGNED = 'ASSIGNED',
  CLOSED = 'CLOSED',
}

export enum OutreachChannel {
  VISIT = 'VISIT',
  PHONE = 'PHONE',
  LETTER = 'LETTER',
  VIA_NETWORK = 'VIA_NETWORK',
  VIA_PROFESSIONAL = 'VIA_PROFESSIONAL',
}

export enum OutreachOutcome {
  /** The person accepted help: an application or a plan follows. */
  ACCEPTED_HELP = 'ACCEPTED_HELP',
  REFERRED = 'REFERRED',
  NO_HELP_NEEDED = 'NO_HELP_NEEDED',
  /** Not reached after repeated attempts. */
  NOT_REACHED = 'NOT_REACHED',
  /** Escalated (care and safety hub, Wvggz route): recorded as an escalation on the registration. */
  ESCALATED = 'ESCALATED',
  MOVED = 'MOVED',
  DECEASED = 'DECEASED',
}

export class OutreachQuery extends PageQuery {
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  /** Default: every task not closed. */
  @IsOptional()
  @IsEnum(OutreachStatus)
  status?: OutreachStatus;
}

export class AssignOutreachRequest {
  /** Who works the task: a worker or team of the municipality. */
  @IsString()
  @Length(1, 200)
  assignee!: string;
}

export class OutreachContactRequest {
  /** Defaults to today. */
  @IsOptional()
  @IsIsoDate()
  contactedOn?: IsoDate;

  @IsEnum(OutreachChannel)
  channel!: OutreachChannel;

  /** Whether the person was reached (the first that did meets the first-contact norm). */
  @IsBoolean()
  reached!: boolean;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class CloseOutreachRequest {
  @IsEnum(OutreachOutcome)
  outcome!: OutreachOutcome;

  /** Defaults to today. */
  @IsOptional()
  @IsIsoDate()
  closedOn?: IsoDate;

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export interface OutreachContactView {
  id: string;
  contactedOn: IsoDate;
  channel: string;
  reached: boolean;
  note: string | null;
  recordedBy: string;
}

export interface OutreachTaskView {
  id: string;
  registrationId: string;
  personId: string | null;
  municipality: string;
  status: string;
  assignee: string | null;
  createdOn: IsoDate;
  firstContactDue: IsoDate;
  firstContactOn: IsoDate | null;
  firstContact: FirstContactState;
  outcome: string | null;
  closedOn: IsoDate | null;
  note: string | null;
  contacts: OutreachContactView[];
  version: number;
}
