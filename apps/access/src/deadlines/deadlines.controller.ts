import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { CASE_READERS } from '../shared/case-readers';
import { Worklist, WorklistQuery } from './deadlines.dto';
import { DeadlinesService } from './deadlines.service';

@Controller('v1')
export class DeadlinesController {
  constructor(private readonly deadlines: DeadlinesService) {}

  /** Cases due within `dueWithinDays` (default 7) and every breach, in your municipalities, by due date. */
  @Get('worklist')
  @Roles(...CASE_READERS)
  worklist(@Query() query: WorklistQuery, @CurrentCaller() caller: Caller): Promise<Worklist> {
    return this.deadlines.worklist(caller, query);
  }

  /** Run the breach job now (it also runs on a timer): flags and announces breached deadlines once. */
  @Post('deadlines/check')
  @HttpCode(200)
  @Roles(Role.PLATFORM_OPERATOR, Role.ACCESS_DECISION_MAKER)
  check(): Promise<{ breached: number }> {
    return this.deadlines.checkBreaches();
  }
}
