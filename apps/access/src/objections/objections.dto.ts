import { IsIsoDate, IsoDate } from '@vangnet/contracts';
import { IsBoolean, IsEnum, IsOptional, IsString, Length } from 'class-validator';
import { DeadlineView } from '../deadlines/deadlines.dto';

export enum ObjectionOutcome {
  UPHELD = 'UPHELD',
  PARTIALLY_UPHELD = 'PARTIALLY_UPHELD',
  REJECTED = 'REJECTED',
  /** Late without excuse, or otherwise not admissible (niet-ontvankelijk). */
  INADMISSIBLE = 'INADMISSIBLE',
}

export class CreateObjectionRequest {
  /** The day the objection was received (defaults to today). */
  @IsOptional()
  @IsIsoDate()
  receivedAt?: IsoDate;

  @IsOptional()
  @IsString()
  @Length(1, 4000)
  grounds?: string;

  /** Heard by an advisory committee (Awb 7:13): the decision term is 12 weeks instead of 6. */
  @IsOptional()
  @IsBoolean()
  advisoryCommittee?: boolean;
}

export class DecideObjectionRequest {
  @IsEnum(ObjectionOutcome)
  outcome!: ObjectionOutcome;

  @IsOptional()
  @IsIsoDate()
  decidedAt?: IsoDate;
}

export interface ObjectionView {
  id: string;
  decisionId: string;
  personId: string;
  municipality: string;
  receivedAt: IsoDate;
  /** The last day of the objection term (6 weeks, moved to a working day). */
  termEnd: IsoDate;
  timely: boolean;
  advisoryCommittee: boolean;
  grounds: string | null;
  status: 'OPEN' | 'DECIDED';
  outcome: ObjectionOutcome | null;
  decidedAt: IsoDate | null;
  decisionDue: IsoDate;
  deadline: DeadlineView | null;
  version: number;
}
