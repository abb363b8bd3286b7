import { IsIsoDate, IsoDate } from '@vangnet/contracts';
import { IsString, Length } from 'class-validator';

export class DecreeDayRequest {
  /** The day equated with the public holidays (Atw art. 3 lid 3). */
  @IsIsoDate()
  date!: IsoDate;

  /** The Royal Decree that equates it, e.g. "Besluit van 5 juni 2025, Stb. 2025, 180". */
  @IsString()
  @Length(1, 500)
  decree!: string;
}

export interface DecreedDayView {
  date: IsoDate;
  decree: string;
  calendarVersion: number;
  addedBy: string;
  addedAt: string;
}

export interface CalendarView {
  /** The table's version: deadlines record the version they were computed with. */
  calendarVersion: number;
  decreedDays: DecreedDayView[];
}
