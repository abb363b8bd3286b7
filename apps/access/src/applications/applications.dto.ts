import { IsBsn, IsIsoDate, IsMunicipalityCode, IsoDate, Law, NestedList, ProductRef } from '@vangnet/contracts';
import { SuspensionState } from '../deadlines/deadline.rules';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { DeadlineView } from '../deadlines/deadlines.dto';

export class CreateApplicationRequest {
  @IsOptional()
  @IsUUID()
  personId?: string;

  /** Or the person by BSN anywhere in the region; a decision needs the BSN. */
  @IsOptional()
  @IsBsn()
  personBsn?: string;

  /** The registration this application follows from, if any. */
  @IsOptional()
  @IsUUID()
  registrationId?: string;

  @IsOptional()
  @IsUUID()
  householdId?: string;

  /** The municipality that will decide (one of the caller's). */
  @IsMunicipalityCode()
  municipality!: string;

  /** The day the application was received (defaults to today); the decision term runs from it. */
  @IsOptional()
  @IsIsoDate()
  receivedAt?: IsoDate;

  /** WMO (decision within 2 weeks) or JEUGDWET (within 8 weeks). */
  @IsEnum(Law)
  law!: Law;

  /** Municipality of origin for protected housing; defaults to the registration's, then the person's. */
  @IsOptional()
  @IsMunicipalityCode()
  originMunicipality?: string;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @NestedList(() => ProductRef)
  requested?: ProductRef[];
}

export class ApplicationQuery {
  @IsUUID()
  personId!: string;
}

/** Awb 4:15 lid 1 a: the municipality asked the applicant for information (Awb 4:5). */
export class SuspensionRequest {
  /** The day the information was asked for; the term stands still from the day after. */
  @IsIsoDate()
  requestedOn!: IsoDate;

  /** The reply deadline the municipality set: unanswered, the suspension ends by itself after it. */
  @IsIsoDate()
  replyDeadline!: IsoDate;

  /** The day the information came, when recorded at once; the term runs again from that day. */
  @IsOptional()
  @IsIsoDate()
  receivedOn?: IsoDate;

  @IsOptional()
  @IsString()
  @Length(1, 500)
  reason?: string;
}

export class InformationReceivedRequest {
  /** The day the information came: the term runs again from that day. */
  @IsIsoDate()
  receivedOn!: IsoDate;
}

/** Awb 4:14 lid 3: notice that the decision will come later, with the new date and the reason. */
export class ExtensionRequest {
  /** The date by which the decision will come. */
  @IsIsoDate()
  newDueDate!: IsoDate;

  @IsString()
  @Length(1, 2000)
  reason!: string;

  /** The day the notice was given (defaults to today); it must lie before the term ends. */
  @IsOptional()
  @IsIsoDate()
  noticeGivenOn?: IsoDate;
}

export interface SuspensionView {
  id: string;
  requestedOn: IsoDate;
  replyDeadline: IsoDate;
  receivedOn: IsoDate | null;
  /** The days the term stands still: from the day after the request; `end` is null while still waiting. */
  start: IsoDate;
  end: IsoDate | null;
  /** WAITING, INFORMATION_RECEIVED or REPLY_DEADLINE_PASSED (ended by itself). */
  state: SuspensionState;
  reason: string | null;
}

export interface ExtensionView {
  noticeGivenOn: IsoDate;
  newDueDate: IsoDate;
  reason: string;
}

export interface ApplicationView {
  id: string;
  personId: string;
  registrationId: string | null;
  householdId: string | null;
  municipality: string;
  law: Law;
  receivedAt: IsoDate;
  originMunicipality: string | null;
  requested: ProductRef[];
  status: string;
  decisionDue: IsoDate | null;
  suspended: boolean;
  suspensions: SuspensionView[];
  /** Awb 4:14: the one extension of the decision term, if given. */
  extension: ExtensionView | null;
  deadline: DeadlineView | null;
  decisionId: string | null;
  version: number;
}
