import { IsMunicipalityCode, IsoDate, RequestRejectionReason } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { ArrayMaxSize, IsArray, IsEnum, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { RequestedAssignment } from './worklist.entity';
import { TaskKind, TaskOutcome, TaskStatus, TaskTitleCode } from './worklist.rules';

export class TaskQuery extends PageQuery {
  @IsOptional()
  @IsEnum(TaskKind)
  kind?: TaskKind;

  /** OPEN (default: every status that is not CLOSED), UNDER_INVESTIGATION or CLOSED. */
  @IsOptional()
  @IsEnum(TaskStatus)
  status?: TaskStatus;

  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  /** A caseworker's `sub`; `me` for the caller's own. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  assignee?: string;

  @IsOptional()
  @IsUUID()
  personId?: string;
}

export class AssignTaskRequest {
  /** The caseworker's `sub`; leave out to take the task yourself. */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  assignee?: string;
}

export class CloseTaskRequest {
  @IsEnum(TaskOutcome)
  outcome!: TaskOutcome;

  /** REJECTED: the WJ759 reason. */
  @IsOptional()
  @IsEnum(RequestRejectionReason)
  rejectionReason?: RequestRejectionReason;

  /** GRANTED: the lineages decided for the request (the decision named its requestId). */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  lineageIds?: string[];

  @IsOptional()
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export interface AssignmentRequestView {
  requestId: string;
  providerReference: string;
  kind: string;
  assignmentNumber: number | null;
  providerAgb: string;
  law: string;
  receivedOn: IsoDate;
  answerDue: IsoDate;
  request: RequestedAssignment;
  outcome: string | null;
  rejectionReason: string | null;
  lineageIds: string[];
  answeredOn: IsoDate | null;
}

export interface TaskView {
  id: string;
  kind: TaskKind;
  municipality: string;
  personId: string | null;
  lineageId: string | null;
  /** In English; `titleCode` and `titleParams` say the same for a client to word in its own language. */
  title: string;
  titleCode: TaskTitleCode;
  /** The values the title names (providerAgb, providerReference, assignmentNumber; leaseStart). */
  titleParams: Record<string, string | number>;
  dueDate: IsoDate | null;
  status: TaskStatus;
  assignee: string | null;
  outcome: TaskOutcome | null;
  note: string | null;
  createdOn: IsoDate;
  closedOn: IsoDate | null;
  /** For a provider's request: what was asked and how it was answered. */
  request: AssignmentRequestView | null;
  version: number;
}
