import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { PartnerTeamsHandlers } from './partner-teams.handlers';
import { PartnerTeamInterceptor } from './partner-teams.interceptor';
import { PartnerTeamsRepository } from './partner-teams.repository';
import { PartnerTeamsService } from './partner-teams.service';

/** Partner teams as access teams (issue 13, O1; ADR 0052): the registry's read model and its check on every route. */
@Module({
  providers: [PartnerTeamsRepository, PartnerTeamsService, PartnerTeamsHandlers, { provide: APP_INTERCEPTOR, useClass: PartnerTeamInterceptor }],
  exports: [PartnerTeamsService],
})
export class PartnerTeamsModule {}
