import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { CASE_READERS } from '../shared/case-readers';
import { ApplicationQuery, ApplicationView, CreateApplicationRequest, ExtensionRequest, InformationReceivedRequest, SuspensionRequest } from './applications.dto';
import { ApplicationsService } from './applications.service';
import { UuidPipe } from '@vangnet/platform';

const WRITERS = [Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER];

@Controller('v1/applications')
export class ApplicationsController {
  constructor(private readonly applications: ApplicationsService) {}

  /** File an application for a provision; its decision term starts. */
  @Post()
  @Roles(...WRITERS)
  create(@Body() body: CreateApplicationRequest, @CurrentCaller() caller: Caller): Promise<ApplicationView> {
    return this.applications.create(caller, body);
  }

  /** A person's applications in your municipalities (`?personId=`). */
  @Get()
  @Roles(...CASE_READERS)
  list(@Query() query: ApplicationQuery, @CurrentCaller() caller: Caller): Promise<{ items: ApplicationView[] }> {
    return this.applications.listForPerson(caller, query.personId);
  }

  /** An application with its decision term, suspensions and extension. */
  @Get(':id')
  @Roles(...CASE_READERS)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<ApplicationView> {
    return this.applications.get(caller, id);
  }

  /** Suspend the decision term while waiting for information asked of the applicant (Awb 4:15). */
  @Post(':id/suspensions')
  @Roles(...WRITERS)
  suspend(@Param('id', UuidPipe) id: string, @Body() body: SuspensionRequest, @CurrentCaller() caller: Caller): Promise<ApplicationView> {
    return this.applications.suspend(caller, id, body);
  }

  /** The information came: the decision term runs again from that day. */
  @Post(':id/suspensions/:suspensionId/information-received')
  @HttpCode(200)
  @Roles(...WRITERS)
  informationReceived(
    @Param('id', UuidPipe) id: string,
    @Param('suspensionId', UuidPipe) suspensionId: string,
    @Body() body: InformationReceivedRequest,
    @CurrentCaller() caller: Caller,
  ): Promise<ApplicationView> {
    return this.applications.informationReceived(caller, id, suspensionId, body);
  }

  /** Extend the decision term once, before it ends, with a new date and the reason (Awb 4:14 lid 3). */
  @Post(':id/extension')
  @HttpCode(200)
  @Roles(...WRITERS)
  extend(@Param('id', UuidPipe) id: string, @Body() body: ExtensionRequest, @CurrentCaller() caller: Caller): Promise<ApplicationView> {
    return this.applications.extend(caller, id, body);
  }
}
