import { IsMunicipalityCode, IsoDate } from '@vangnet/contracts';
import { MonthRangeQuery } from '@vangnet/platform';
import { IsOptional } from 'class-validator';
import { FlowRow, OccupancyFigures, WaitingFigures, WaitingMonthFigures } from './monitor.rules';

export class MonitorQuery extends MonthRangeQuery {
  /** One municipality (its facilities, its list); default: every municipality the caller reads. */
  @IsOptional()
  @IsMunicipalityCode()
  municipality?: string;
}

export interface MonitorView {
  from: string;
  to: string;
  measuredOn: IsoDate;
  /** null: the whole region. */
  municipalities: string[] | null;
  flows: FlowRow[];
  /** Today's list per facility type. */
  waitingList: WaitingFigures[];
  /** The list's size and waiting time at the end of each month of the period (the whole list). */
  waitingOverTime: WaitingMonthFigures[];
  occupancy: OccupancyFigures[];
  mobility: { flows: Array<{ from: string; to: string; placements: number }>; elsewhereBasisPoints: number };
  outflowToWlz: number;
}
