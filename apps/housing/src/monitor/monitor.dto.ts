import { IsMunicipalityCode, IsoDate } from '@vangnet/contracts';
import { MonthRangeQuery } from '@vangnet/platform';
import { IsOptional } from 'class-validator';
import { FlowRow, OccupancyFigures, WaitingFigures } from './monitor.rules';

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
  waitingList: WaitingFigures[];
  occupancy: OccupancyFigures[];
  mobility: { flows: Array<{ from: string; to: string; placements: number }>; elsewhereBasisPoints: number };
  outflowToWlz: number;
}
