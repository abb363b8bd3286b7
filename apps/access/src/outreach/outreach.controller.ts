import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { IsoDate, Role } from '@vangnet/contracts';
import { UuidPipe } from '@vangnet/platform';
import { CASE_READERS } from '../shared/case-readers';
import { AssignOutreachRequest, CloseOutreachRequest, OutreachContactRequest, OutreachQuery, OutreachTaskView } from './outreach.dto';
import { OutreachService } from './outreach.service';

const WRITERS = [Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER];

/** The outreach worklist (bemoeizorg): tasks for people who cannot ask for help, with the region's first-contact norm. */
@Controller('v1/outreach-tasks')
export class OutreachController {
  constructor(private readonly outreach: OutreachService) {}

  /** Open tasks (or `?status=`) in your municipalities, by first-contact due date. */
  @Get()
  @Roles(...CASE_READERS)
  list(@Query() query: OutreachQuery, @CurrentCaller() caller: Caller): Promise<{ today: IsoDate; items: OutreachTaskView[]; nextCursor: string | null }> {
    return this.outreach.list(caller, query);
  }

  /** An outreach task with its contact attempts. */
  @Get(':id')
  @Roles(...CASE_READERS)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<OutreachTaskView> {
    return this.outreach.get(caller, id);
  }

  /** Give the outreach task to a caseworker. */
  @Post(':id/assign')
  @HttpCode(200)
  @Roles(...WRITERS)
  assign(@Param('id', UuidPipe) id: string, @Body() body: AssignOutreachRequest, @CurrentCaller() caller: Caller): Promise<OutreachTaskView> {
    return this.outreach.assign(caller, id, body);
  }

  /** Record a contact attempt, made or not. */
  @Post(':id/contacts')
  @Roles(...WRITERS)
  contact(@Param('id', UuidPipe) id: string, @Body() body: OutreachContactRequest, @CurrentCaller() caller: Caller): Promise<OutreachTaskView> {
    return this.outreach.contact(caller, id, body);
  }

  /** Close the outreach task with its outcome. */
  @Post(':id/close')
  @HttpCode(200)
  @Roles(...WRITERS)
  close(@Param('id', UuidPipe) id: string, @Body() body: CloseOutreachRequest, @CurrentCaller() caller: Caller): Promise<OutreachTaskView> {
    return this.outreach.close(caller, id, body);
  }
}
