import { IsMunicipalityCode, IsoDate } from '@vangnet/contracts';
import { IsOptional, Matches } from 'class-validator';
import { FlowRow, OccupancyFigures, WaitingFigures } from './monitor.rules';

const MONTH = /^(20\d\d|2[01]\d\d)-(0[1-9]|1[0-2])$/;

export class MonitorQuery {
  /** First month, YYYY-MM (default: eleven months before this one). */
  @IsOptional()
  @Matches(MONTH, { message: 'from must be a month YYYY-MM' })
  from?: string;

  /** Last month, YYYY-MM (default: this month); at most 36 months after `from`. */
  @IsOptional()
  @Matches(MONTH, { message: 'to must be a month YYYY-MM' })
  to?: string;

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
