import { IsInt, IsString, Length, Min } from 'class-validator';
import { IsIsoDate, IsoDate } from '../common/dates';

export const CALENDAR_DAY_DECREED_V1 = 'access.calendar.day-decreed.v1';

/**
 * A day equated with the public holidays by Royal Decree (Algemene termijnenwet art. 3 lid 3),
 * added by a `region.administrator` to access's dated, versioned table. Region-wide: the
 * envelope's municipality is null. `calendarVersion` is the table's version after the addition
 * (it rises by one per change); deadlines record the version they were computed with.
 */
export class CalendarDayDecreedV1 {
  @IsIsoDate()
  date!: IsoDate;

  /** The decree's citation, e.g. "Besluit van 5 juni 2025, Stb. 2025, 180". */
  @IsString()
  @Length(1, 500)
  decree!: string;

  @IsInt()
  @Min(1)
  calendarVersion!: number;
}
