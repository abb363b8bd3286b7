import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { CASE_READERS } from '../shared/case-readers';
import { AssignTaskRequest, CloseTaskRequest, TaskQuery, TaskView } from './worklist.dto';
import { WorklistService } from './worklist.service';

/** Tasks beside the deadlines of `GET /v1/worklist`: providers' requests to answer, support to change after a lease. */
@Controller('v1/worklist/tasks')
export class WorklistController {
  constructor(private readonly worklist: WorklistService) {}

  /** Open tasks (or `?status=`) in your municipalities by due date; `?assignee=me` for your own. */
  @Get()
  @Roles(...CASE_READERS)
  list(@Query() query: TaskQuery, @CurrentCaller() caller: Caller): Promise<Page<TaskView>> {
    return this.worklist.list(caller, query);
  }

  /** One task with its subject, assignee and due date. */
  @Get(':id')
  @Roles(...CASE_READERS)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<TaskView> {
    return this.worklist.get(caller, id);
  }

  /** Give the task to a caseworker (yourself when none is named). */
  @Post(':id/assign')
  @HttpCode(200)
  @Roles(Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER)
  assign(@Param('id', UuidPipe) id: string, @Body() body: AssignTaskRequest, @CurrentCaller() caller: Caller): Promise<TaskView> {
    return this.worklist.assign(caller, id, body);
  }

  /** Close a task with its outcome. For a provider's request: GRANTED (lineageIds), REJECTED (rejectionReason) or UNDER_INVESTIGATION (stays open). */
  @Post(':id/close')
  @HttpCode(200)
  @Roles(Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER)
  close(@Param('id', UuidPipe) id: string, @Body() body: CloseTaskRequest, @CurrentCaller() caller: Caller): Promise<TaskView> {
    return this.worklist.close(caller, id, body);
  }
}
