import { Body, Controller, Get, Headers, Post, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { etagOf } from '@vangnet/platform';
import type { Response } from 'express';
import { CASE_READERS } from '../shared/case-readers';
import { CalendarView, DecreeDayRequest } from './calendar.dto';
import { CalendarService } from './calendar.service';

/** The days equated with public holidays by Royal Decree (Atw art. 3 lid 3), which statutory terms skip. */
@Controller('v1/calendar')
export class CalendarController {
  constructor(private readonly calendar: CalendarService) {}

  /** The days decreed equal to public holidays, which statutory terms skip. Answers with the calendar's ETag. */
  @Get('decreed-days')
  @Roles(...CASE_READERS, Role.REGION_ADMINISTRATOR)
  async list(@Res({ passthrough: true }) res: Response): Promise<CalendarView> {
    const view = await this.calendar.view();
    res.setHeader('ETag', etagOf(view.calendarVersion));
    return view;
  }

  /** Add a decreed day. A region administrator acts for every municipality, with `If-Match` and the calendar's ETag; audited; open deadlines are recomputed. */
  @Post('decreed-days')
  @Roles(Role.REGION_ADMINISTRATOR)
  async decree(
    @Body() body: DecreeDayRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CalendarView> {
    const view = await this.calendar.decree(caller, body, ifMatch);
    res.setHeader('ETag', etagOf(view.calendarVersion));
    return view;
  }
}
