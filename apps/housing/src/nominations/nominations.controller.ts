import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { AnswerNominationRequest, CorporationNominationView, CreateNominationRequest, LeaseSignedRequest, NominationListQuery, NominationView } from './nominations.dto';
import { NominationsService } from './nominations.service';

/**
 * Placement officers nominate and follow; a corporation reads and answers only its own
 * nominations, and sees of the resident only a name, the household's size and needs.
 */
@Controller('v1/nominations')
export class NominationsController {
  constructor(private readonly service: NominationsService) {}

  /** Nominate a consenting resident for a corporation's home under its quota. */
  @Post()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER)
  create(@Body() body: CreateNominationRequest, @CurrentCaller() caller: Caller): Promise<NominationView> {
    return this.service.create(caller, body);
  }

  /** Nominations for homes. Placement officers read those of their municipalities, a corporation its own (without care fields). */
  @Get()
  @Roles(Role.HOUSING_PLACEMENT_OFFICER, Role.CORPORATION)
  list(@Query() q: NominationListQuery, @CurrentCaller() caller: Caller): Promise<Page<NominationView | CorporationNominationView>> {
    return this.service.list(caller, q);
  }

  /** A nomination; a corporation sees its own, without care fields. */
  @Get(':id')
  @Roles(Role.HOUSING_PLACEMENT_OFFICER, Role.CORPORATION)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<NominationView | CorporationNominationView> {
    return this.service.get(caller, id);
  }

  /** The corporation accepts or declines the nomination. */
  @Post(':id/answer')
  @HttpCode(200)
  @Roles(Role.CORPORATION)
  answer(@Param('id', UuidPipe) id: string, @Body() body: AnswerNominationRequest, @CurrentCaller() caller: Caller): Promise<CorporationNominationView> {
    return this.service.answer(caller, id, body);
  }

  /** The lease in the resident's name is signed: the placement ends the night before it starts. */
  @Post(':id/lease')
  @HttpCode(200)
  @Roles(Role.CORPORATION, Role.HOUSING_PLACEMENT_OFFICER)
  lease(@Param('id', UuidPipe) id: string, @Body() body: LeaseSignedRequest, @CurrentCaller() caller: Caller): Promise<NominationView | CorporationNominationView> {
    return this.service.leaseSigned(caller, id, body.signedOn);
  }
}
