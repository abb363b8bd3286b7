import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { CASE_READERS } from '../shared/case-readers';
import {
  CreateRegistrationRequest,
  InvestigationRequest,
  InvestigationView,
  LinkPersonRequest,
  RegistrationQuery,
  RegistrationView,
} from './registrations.dto';
import { RegistrationsService } from './registrations.service';
import { UuidPipe } from '@vangnet/platform';

@Controller('v1/registrations')
export class RegistrationsController {
  constructor(private readonly registrations: RegistrationsService) {}

  /** Register a request for help (melding) in one of your municipalities. */
  @Post()
  @Roles(Role.ACCESS_CASEWORKER)
  create(@Body() body: CreateRegistrationRequest, @CurrentCaller() caller: Caller): Promise<RegistrationView> {
    return this.registrations.create(caller, body);
  }

  /** A person's registrations in your municipalities (`?personId=`). */
  @Get()
  @Roles(...CASE_READERS)
  list(@Query() query: RegistrationQuery, @CurrentCaller() caller: Caller): Promise<{ items: RegistrationView[] }> {
    return this.registrations.listForPerson(caller, query.personId);
  }

  /** A registration with its deadlines and status. */
  @Get(':id')
  @Roles(...CASE_READERS)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<RegistrationView> {
    return this.registrations.get(caller, id);
  }

  /** Link the registration to a registered person. */
  @Post(':id/person')
  @HttpCode(200)
  @Roles(Role.ACCESS_CASEWORKER)
  linkPerson(@Param('id', UuidPipe) id: string, @Body() body: LinkPersonRequest, @CurrentCaller() caller: Caller): Promise<RegistrationView> {
    return this.registrations.linkPerson(caller, id, body);
  }

  /** Record the investigation: each life domain scored 1–5 and the conclusion. */
  @Post(':id/investigation')
  @Roles(Role.ACCESS_CASEWORKER)
  investigate(@Param('id', UuidPipe) id: string, @Body() body: InvestigationRequest, @CurrentCaller() caller: Caller): Promise<InvestigationView> {
    return this.registrations.investigate(caller, id, body);
  }
}
