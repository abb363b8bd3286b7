import { DeadlineKind, IsMunicipalityCode, IsoDate } from '@vangnet/contracts';
import { PageQuery } from '@vangnet/platform';
import { Type } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, Max, Min } from 'class-validator';
import { WorklistState } from './deadline.rules';

export class WorklistQuery extends PageQuery {
  /** Deadlines due within this many days from today (default 7), plus every breached one. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(366)
  dueWithinDays?: number;

  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;

  @IsOptional()
  @IsEnum(DeadlineKind)
  kind?: DeadlineKind;
}

export interface WorklistItem {
  deadlineId: string;
  kind: DeadlineKind;
  caseId: string;
  municipality: string;
  personId: string | null;
  startDate: IsoDate;
  dueDate: IsoDate;
  suspendedDays: number;
  daysLeft: number;
  state: WorklistState;
  /** When the breach was flagged (and deadline.breached published). */
  breachedOn: IsoDate | null;
}

export interface Worklist {
  today: IsoDate;
  dueWithinDays: number;
  counts: { breached: number; dueSoon: number };
  items: WorklistItem[];
  nextCursor: string | null;
}

export interface DeadlineView {
  deadlineId: string;
  kind: DeadlineKind;
  startDate: IsoDate;
  dueDate: IsoDate;
  suspendedDays: number;
  /** Awb 4:14: days an extension added. */
  extensionDays: number;
  /** The decreed-days table's version the due date was computed with (Atw art. 3 lid 3). */
  calendarVersion: number;
  status: string;
  metOn: IsoDate | null;
  breachedOn: IsoDate | null;
}
