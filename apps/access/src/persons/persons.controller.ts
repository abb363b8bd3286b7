import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { etagOf, UuidPipe } from '@vangnet/platform';
import type { Response } from 'express';
import { CASE_READERS } from '../shared/case-readers';
import { CreateHouseholdRequest, CreatePersonRequest, HouseholdMemberChange, HouseholdMemberInput, HouseholdView, PersonQuery, PersonView, UpdatePersonRequest } from './persons.dto';
import { PersonsService } from './persons.service';

@Controller('v1/persons')
export class PersonsController {
  constructor(private readonly persons: PersonsService) {}

  @Post()
  @Roles(Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER)
  async create(@Body() body: CreatePersonRequest, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<PersonView> {
    const person = await this.persons.create(caller, body);
    res.setHeader('ETag', etagOf(person.version));
    res.setHeader('Location', `/api/access/v1/persons/${person.id}`);
    return person;
  }

  /** `?bsn=`: the one person with that BSN, if they are in your municipalities. */
  @Get()
  @Roles(...CASE_READERS)
  find(@Query() query: PersonQuery, @CurrentCaller() caller: Caller): Promise<{ items: PersonView[] }> {
    return this.persons.findByBsn(caller, query.bsn);
  }

  @Get(':id')
  @Roles(...CASE_READERS)
  async get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<PersonView> {
    const person = await this.persons.get(caller, id);
    res.setHeader('ETag', etagOf(person.version));
    return person;
  }

  /** Name, dates, BRP/origin municipality, safety flag; `If-Match` with the ETag. */
  @Patch(':id')
  @Roles(Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER)
  async update(
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdatePersonRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PersonView> {
    const person = await this.persons.update(caller, id, body, ifMatch);
    res.setHeader('ETag', etagOf(person.version));
    return person;
  }
}

@Controller('v1/households')
export class HouseholdsController {
  constructor(private readonly persons: PersonsService) {}

  @Post()
  @Roles(Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER)
  create(@Body() body: CreateHouseholdRequest, @CurrentCaller() caller: Caller): Promise<HouseholdView> {
    return this.persons.createHousehold(caller, body);
  }

  @Get(':id')
  @Roles(...CASE_READERS)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<HouseholdView> {
    return this.persons.getHousehold(caller, id);
  }

  @Post(':id/members')
  @HttpCode(200)
  @Roles(Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER)
  addMember(@Param('id', UuidPipe) id: string, @Body() body: HouseholdMemberInput, @CurrentCaller() caller: Caller): Promise<HouseholdView> {
    return this.persons.addMember(caller, id, body);
  }

  /** Another role, or the last day (`to`, inclusive) once the person left; `If-Match` with the household's ETag. */
  @Patch(':id/members/:personId')
  @Roles(Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER)
  async changeMember(
    @Param('id', UuidPipe) id: string,
    @Param('personId', UuidPipe) personId: string,
    @Body() body: HouseholdMemberChange,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<HouseholdView> {
    const household = await this.persons.changeMember(caller, id, personId, body, ifMatch);
    res.setHeader('ETag', etagOf(household.version));
    return household;
  }
}
