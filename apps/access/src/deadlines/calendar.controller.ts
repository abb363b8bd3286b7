import { Body, Controller, Get, Post } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { CASE_READERS } from '../shared/case-readers';
import { CalendarView, DecreeDayRequest } from './calendar.dto';
import { CalendarService } from './calendar.service';

/** The days equated with public holidays by Royal Decree (Atw art. 3 lid 3), which statutory terms skip. */
@Controller('v1/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  @Get('decreed-days')
  @Roles(...CASE_READERS, Role.REGION_ADMINISTRATOR)
  list(): Promise<CalendarView> {
    return this.calendar.view();
  }

  /** Add a decreed day: a region administrator acting for every municipality; open deadlines are recomputed. */
  @Post('decreed-days')
  @Roles(Role.REGION_ADMINISTRATOR)
  decree(@Body() body: DecreeDayRequest, @CurrentCaller() caller: Caller): Promise<CalendarView> {
    return this.calendar.decree(caller, body);
  }
}
