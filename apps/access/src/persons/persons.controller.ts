import { Body, Controller, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { ApiOperation } from '@nestjs/swagger';
import { etagOf, UuidPipe } from '@vangnet/platform';
import type { Response } from 'express';
import { CASE_READERS } from '../shared/case-readers';
import { CreateHouseholdRequest, CreatePersonRequest, HouseholdMemberChange, HouseholdMemberInput, HouseholdView, PersonQuery, PersonRecordQuery, PersonSearchRequest, PersonView, UpdatePersonRequest } from './persons.dto';
import { PersonsService } from './persons.service';

/** `GET /v1/persons?bsn=` deprecated on 2026-12-05 (RFC 9745 structured date, seconds since the epoch). */
const BSN_QUERY_DEPRECATED = `@${Date.UTC(2026, 11, 5) / 1000}`;

@Controller('v1/persons')
export class PersonsController {
  constructor(private readonly persons: PersonsService) {}

  /** Register a person in one of your municipalities. Answers with the ETag and a Location header. */
  @Post()
  @Roles(Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER)
  async create(@Body() body: CreatePersonRequest, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<PersonView> {
    const person = await this.persons.create(caller, body);
    res.setHeader('ETag', etagOf(person.version));
    res.setHeader('Location', `/api/access/v1/persons/${person.id}`);
    return person;
  }

  /** The one person with this BSN, if they are in your municipalities (the BSN in the body, not the URL). */
  @Post('search')
  @HttpCode(200)
  @Roles(...CASE_READERS)
  search(@Body() body: PersonSearchRequest, @CurrentCaller() caller: Caller): Promise<{ items: PersonView[] }> {
    return this.persons.findByBsn(caller, body.bsn, body.municipality);
  }

  /** Deprecated: `?bsn=` puts the BSN in URLs and so in logs; answers as `POST /v1/persons/search` for one more version. */
  @Get()
  @ApiOperation({ deprecated: true, summary: 'Deprecated: use POST /v1/persons/search (the BSN in the body, not the URL)' })
  @Roles(...CASE_READERS)
  find(@Query() query: PersonQuery, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<{ items: PersonView[] }> {
    // RFC 9745: deprecated since this date; RFC 8288 link to what replaces it.
    res.setHeader('Deprecation', BSN_QUERY_DEPRECATED);
    res.setHeader('Link', '</api/access/v1/persons/search>; rel="successor-version"');
    return this.persons.findByBsn(caller, query.bsn);
  }

  /** A person by id, as recorded by one of your municipalities (`?municipality=` picks one). Answers with the ETag for `If-Match`. */
  @Get(':id')
  @Roles(...CASE_READERS)
  async get(
    @Param('id', UuidPipe) id: string,
    @Query() query: PersonRecordQuery,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PersonView> {
    const person = await this.persons.get(caller, id, query.municipality);
    res.setHeader('ETag', etagOf(person.version));
    return person;
  }

  /** Change a person's record. Name, dates, BRP/origin municipality and safety flag of the caller's own record; `If-Match` with the ETag. */
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

  /** Form a household of registered persons, with each member's role. */
  @Post()
  @Roles(Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER)
  create(@Body() body: CreateHouseholdRequest, @CurrentCaller() caller: Caller): Promise<HouseholdView> {
    return this.persons.createHousehold(caller, body);
  }

  /** A household with its members, past and present. */
  @Get(':id')
  @Roles(...CASE_READERS)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<HouseholdView> {
    return this.persons.getHousehold(caller, id);
  }

  /** Add a registered person to the household from a given day. */
  @Post(':id/members')
  @HttpCode(200)
  @Roles(Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER)
  addMember(@Param('id', UuidPipe) id: string, @Body() body: HouseholdMemberInput, @CurrentCaller() caller: Caller): Promise<HouseholdView> {
    return this.persons.addMember(caller, id, body);
  }

  /** Change a household member. Another role, or the last day (`to`, inclusive) once the person left; `If-Match` with the household's ETag. */
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
