import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { etagOf, Page, UuidPipe } from '@vangnet/platform';
import { Response } from 'express';
import { AddParticipantRequest, ConsentRequest, LeaveRequest, ConsentView, HandoverRequest, HandoverView, OpenPlanRequest, ParticipantView, PlanListQuery, PlanSummaryView, UpdatePlanRequest, WithdrawConsentQuery } from './plans.dto';
import { PlansService } from './plans.service';

/** Roles that may read a plan they take part in (what they see is their consent). */
export const PLAN_READERS = [Role.CARE_PLANS_COORDINATOR, Role.PROVIDER, Role.ACCESS_CASEWORKER] as const;

/** The household's plan, its participants and their consent, and the coordinator's handovers. */
@Controller('v1/plans')
export class PlansController {
  constructor(private readonly service: PlansService) {}

  /** Open a care plan for a household. */
  @Post()
  @Roles(Role.CARE_PLANS_COORDINATOR)
  open(@Body() body: OpenPlanRequest, @CurrentCaller() caller: Caller): Promise<PlanSummaryView> {
    return this.service.open(caller, body);
  }

  /** The plans the caller coordinates or takes part in. */
  @Get()
  @Roles(...PLAN_READERS)
  list(@Query() q: PlanListQuery, @CurrentCaller() caller: Caller): Promise<Page<PlanSummaryView>> {
    return this.service.list(caller, q);
  }

  /** Priorities (the order of the life domains) and the review rhythm; If-Match with the ETag. */
  @Patch(':id')
  @Roles(Role.CARE_PLANS_COORDINATOR)
  async update(
    @Param('id', UuidPipe) id: string,
    @Body() body: UpdatePlanRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentCaller() caller: Caller,
    @Res({ passthrough: true }) res: Response,
  ): Promise<PlanSummaryView> {
    const view = await this.service.update(caller, id, body, ifMatch);
    res.setHeader('ETag', etagOf(view.version));
    return view;
  }

  /** Add a participant to the plan. */
  @Post(':id/participants')
  @Roles(Role.CARE_PLANS_COORDINATOR)
  addParticipant(@Param('id', UuidPipe) id: string, @Body() body: AddParticipantRequest, @CurrentCaller() caller: Caller): Promise<ParticipantView> {
    return this.service.addParticipant(caller, id, body);
  }

  /** A participant stops taking part (its consent no longer counts; the coordinator leaves by a handover). */
  @Post(':id/participants/:participantId/leave')
  @HttpCode(200)
  @Roles(Role.CARE_PLANS_COORDINATOR)
  leave(@Param('id', UuidPipe) id: string, @Param('participantId', UuidPipe) participantId: string, @Body() body: LeaveRequest, @CurrentCaller() caller: Caller): Promise<ParticipantView> {
    return this.service.leave(caller, id, participantId, body);
  }

  /** The plan's participants and whether each takes part. */
  @Get(':id/participants')
  @Roles(...PLAN_READERS)
  participants(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<ParticipantView[]> {
    return this.service.participants(caller, id);
  }

  /** The participant's consent history (the coordinator's record). */
  @Get(':id/consent/:participantId')
  @Roles(Role.CARE_PLANS_COORDINATOR)
  consentHistory(@Param('id', UuidPipe) id: string, @Param('participantId', UuidPipe) participantId: string, @CurrentCaller() caller: Caller): Promise<ConsentView[]> {
    return this.service.consentHistory(caller, id, participantId);
  }

  /** Consent given, widened or narrowed: the whole scope in force from `givenOn`. */
  @Put(':id/consent/:participantId')
  @Roles(Role.CARE_PLANS_COORDINATOR)
  giveConsent(@Param('id', UuidPipe) id: string, @Param('participantId', UuidPipe) participantId: string, @Body() body: ConsentRequest, @CurrentCaller() caller: Caller): Promise<ConsentView> {
    return this.service.giveConsent(caller, id, participantId, body);
  }

  /** Consent withdrawn (`?method=&instructedBy=&withdrawnOn=`): the next read shows nothing more. */
  @Delete(':id/consent/:participantId')
  @HttpCode(200)
  @Roles(Role.CARE_PLANS_COORDINATOR)
  withdrawConsent(@Param('id', UuidPipe) id: string, @Param('participantId', UuidPipe) participantId: string, @Query() q: WithdrawConsentQuery, @CurrentCaller() caller: Caller): Promise<ConsentView> {
    return this.service.withdrawConsent(caller, id, participantId, q);
  }

  /** Hand the coordination of the plan to another coordinator. */
  @Post(':id/handovers')
  @Roles(Role.CARE_PLANS_COORDINATOR)
  handover(@Param('id', UuidPipe) id: string, @Body() body: HandoverRequest, @CurrentCaller() caller: Caller): Promise<HandoverView> {
    return this.service.handover(caller, id, body);
  }

  /** The plan's coordinator handovers. */
  @Get(':id/handovers')
  @Roles(...PLAN_READERS)
  handovers(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<HandoverView[]> {
    return this.service.handovers(caller, id);
  }
}
