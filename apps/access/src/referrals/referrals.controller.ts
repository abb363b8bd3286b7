import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { CASE_READERS } from '../shared/case-readers';
import { CreateEscalationRequest, CreateReferralRequest, ReferralKind, ReferralStatusRequest, ReferralView } from './referrals.dto';
import { ReferralsService } from './referrals.service';
import { UuidPipe } from '@vangnet/platform';

const WRITERS = [Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER];

@Controller('v1')
export class ReferralsController {
  constructor(private readonly referrals: ReferralsService) {}

  /** Refer the registration to another chain (youth, debt help, work and income, housing, …). */
  @Post('registrations/:id/referrals')
  @Roles(...WRITERS)
  refer(@Param('id', UuidPipe) id: string, @Body() body: CreateReferralRequest, @CurrentCaller() caller: Caller): Promise<ReferralView> {
    return this.referrals.create(caller, id, ReferralKind.REFERRAL, body);
  }

  /** Escalate the registration (opschaling) to the care and safety hub or to compulsory care (Wvggz). */
  @Post('registrations/:id/escalations')
  @Roles(...WRITERS)
  escalate(@Param('id', UuidPipe) id: string, @Body() body: CreateEscalationRequest, @CurrentCaller() caller: Caller): Promise<ReferralView> {
    return this.referrals.create(caller, id, ReferralKind.ESCALATION, body);
  }

  /** Referrals and escalations of a registration, oldest first. */
  @Get('registrations/:id/referrals')
  @Roles(...CASE_READERS)
  list(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<{ items: ReferralView[] }> {
    return this.referrals.list(caller, id);
  }

  /** A referral or escalation with its status. */
  @Get('referrals/:id')
  @Roles(...CASE_READERS)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<ReferralView> {
    return this.referrals.get(caller, id);
  }

  /** Record the referral's next status (accepted, in progress, completed, rejected, cancelled). */
  @Post('referrals/:id/status')
  @HttpCode(200)
  @Roles(...WRITERS)
  status(@Param('id', UuidPipe) id: string, @Body() body: ReferralStatusRequest, @CurrentCaller() caller: Caller): Promise<ReferralView> {
    return this.referrals.setStatus(caller, id, body);
  }
}
