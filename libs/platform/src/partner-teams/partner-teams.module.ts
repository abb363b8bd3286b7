import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { eventDefinition, PARTNER_CHANGED_V1, PARTNER_REGISTERED_V1, ServiceName } from '@vangnet/contracts';
import { PartnerTeamEntity } from './partner-team.entity';
import { PARTNER_TEAM_MIGRATIONS } from './partner-team.migration';
import { PartnerTeamInterceptor } from './partner-teams.interceptor';
import { PartnerTeamsRepository } from './partner-teams.repository';
import { PartnerTeamsService } from './partner-teams.service';

/**
 * Partner teams as access teams (issue 13, O1; ADR 0052, 0017) for a service that honours an
 * access role: the registry's read model and its check on every route.
 * `PlatformModule.forService({ partnerTeams: true })` imports it with its table. The service
 * subscribes itself by listing `PartnerTeamsHandlers` among its providers: its app module then
 * shows what it consumes (the catalogue's checks and generated docs read it), and a service that
 * forgot refuses every team rather than trusting it.
 */
@Module({
  providers: [PartnerTeamsRepository, PartnerTeamsService, { provide: APP_INTERCEPTOR, useClass: PartnerTeamInterceptor }],
  exports: [PartnerTeamsService],
})
export class PartnerTeamsModule {
  /** The module's table, for `PlatformModule.forService` (entities and migrations). */
  static readonly entities = [PartnerTeamEntity];
  static readonly migrations = PARTNER_TEAM_MIGRATIONS;

  /**
   * A service keeps the read model only as a consumer of both registry events in the catalogue
   * (its NATS permissions derive from it): said at startup, not as a refused subscription later.
   */
  static assertReader(service: ServiceName): void {
    for (const subject of [PARTNER_REGISTERED_V1, PARTNER_CHANGED_V1]) {
      const consumers: readonly string[] = eventDefinition(subject)?.consumers ?? [];
      if (!consumers.includes(service)) {
        throw new Error(`${service} keeps the partner registry (partnerTeams) but the catalogue (libs/contracts/src/catalogue.ts) does not list it as a consumer of ${subject}`);
      }
    }
  }
}
