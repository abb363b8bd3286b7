import { Module } from '@nestjs/common';
import { PartnerTeamsHandlers, PlatformModule, ResidentAccessLogModule } from '@vangnet/platform';
import { ApplicationsModule } from './applications/applications.module';
import { ApplicationEntity, ApplicationSuspensionEntity } from './applications/applications.entity';
import { ComingOfAgeEntity } from './coming-of-age/coming-of-age.entity';
import { ComingOfAgeModule } from './coming-of-age/coming-of-age.module';
import { AccessSchema1763900000000 } from './database/migrations/1763900000000-access-schema';
import { ApplicationDecision1796410900965 } from './database/migrations/1796410900965-application-decision';
import { Wave21796412000000 } from './database/migrations/1796412000000-wave-2';
import { StatutoryTerms1796500000000 } from './database/migrations/1796500000000-statutory-terms';
import { ResponsibleMunicipality1796500100000 } from './database/migrations/1796500100000-responsible-municipality';
import { UrgentAndOutreach1796500200000 } from './database/migrations/1796500200000-urgent-and-outreach';
import { PersonPerMunicipality1796500300000 } from './database/migrations/1796500300000-person-per-municipality';
import { RegionDataAudit1796500400000 } from './database/migrations/1796500400000-region-data-audit';
import { RegionDataChangeEntity, RegionDataVersionEntity } from './region-data/region-data.entity';
import { RegionDataModule } from './region-data/region-data.module';
import { OutreachModule } from './outreach/outreach.module';
import { MonitorModule } from './monitor/monitor.module';
import { DecreedDayEntity } from './deadlines/calendar.entity';
import { DeadlineEntity } from './deadlines/deadlines.entity';
import { DeadlinesModule } from './deadlines/deadlines.module';
import { DecisionEntity, DecisionRejectionEntity } from './decisions/decisions.entity';
import { DecisionsModule } from './decisions/decisions.module';
import { ObjectionEntity } from './objections/objections.entity';
import { ObjectionsModule } from './objections/objections.module';
import { HouseholdEntity, HouseholdMemberEntity, PersonEntity, PersonRecordEntity } from './persons/persons.entity';
import { PersonsModule } from './persons/persons.module';
import { AssignmentNumberSequenceEntity, ProvisionDeliveryEntity, ProvisionEntity, ProvisionLineageEntity } from './provisions/provisions.entity';
import { ProvisionsModule } from './provisions/provisions.module';
import { ReferralEntity, ReferralStatusEntity } from './referrals/referrals.entity';
import { ReferralsModule } from './referrals/referrals.module';
import { InvestigationEntity, LifeDomainScoreEntity, OutreachContactEntity, OutreachTaskEntity, RegistrationEntity } from './registrations/registrations.entity';
import { LifeDomainEntity, LifeDomainRevisionEntity } from './life-domains/life-domains.entity';
import { LifeDomainsModule } from './life-domains/life-domains.module';
import { RegistrationsModule } from './registrations/registrations.module';
import { DecisionMandateEntity, ResponsibilityRuleSetEntity } from './responsibility/responsibility.entity';
import { ResponsibilityModule } from './responsibility/responsibility.module';
import { AssignmentRequestEntity, WorklistTaskEntity } from './worklist/worklist.entity';
import { WorklistModule } from './worklist/worklist.module';

export const ACCESS_MIGRATIONS = [AccessSchema1763900000000, ApplicationDecision1796410900965, Wave21796412000000, StatutoryTerms1796500000000, ResponsibleMunicipality1796500100000, UrgentAndOutreach1796500200000, PersonPerMunicipality1796500300000, RegionDataAudit1796500400000];

/** Every access table's entity (the drift test holds them to the migrations). */
export const ACCESS_ENTITIES = [
  PersonEntity,
  PersonRecordEntity,
  HouseholdEntity,
  HouseholdMemberEntity,
  RegistrationEntity,
  OutreachTaskEntity,
  OutreachContactEntity,
  InvestigationEntity,
  LifeDomainEntity,
  LifeDomainRevisionEntity,
  LifeDomainScoreEntity,
  ApplicationEntity,
  ApplicationSuspensionEntity,
  DecisionEntity,
  DecisionRejectionEntity,
  ProvisionLineageEntity,
  ProvisionEntity,
  AssignmentNumberSequenceEntity,
  ProvisionDeliveryEntity,
  ObjectionEntity,
  ReferralEntity,
  ReferralStatusEntity,
  DeadlineEntity,
  DecreedDayEntity,
  ResponsibilityRuleSetEntity,
  DecisionMandateEntity,
  ComingOfAgeEntity,
  AssignmentRequestEntity,
  WorklistTaskEntity,
  RegionDataChangeEntity,
  RegionDataVersionEntity,
];

@Module({
  imports: [
    // Partner teams as access teams (O1): the registry's read model and its check, from the
    // platform; its migration kept its name when it moved there, so the table and its rows stay.
    PlatformModule.forService({ service: 'access', entities: ACCESS_ENTITIES, migrations: ACCESS_MIGRATIONS, partnerTeams: true }),
    // The resident's access log across every service (AVG art. 15; ADR 0012): access owns identity.
    ResidentAccessLogModule,
    RegionDataModule,
    PersonsModule,
    LifeDomainsModule,
    RegistrationsModule,
    ReferralsModule,
    ApplicationsModule,
    DecisionsModule,
    ProvisionsModule,
    ObjectionsModule,
    DeadlinesModule,
    ResponsibilityModule,
    WorklistModule,
    ComingOfAgeModule,
    OutreachModule,
    MonitorModule,
  ],
  // Its subscription to the partner registry (the platform keeps the registry and checks ORG: callers).
  providers: [PartnerTeamsHandlers],
})
export class AppModule {}
