import { Module } from '@nestjs/common';
import { PlatformModule } from '@vangnet/platform';
import { HouseholdEntity, HouseholdMemberEntity, LifeDomainEntity, ProvisionEntity } from './access-facts/access-facts.entity';
import { AccessFactsModule } from './access-facts/access-facts.module';
import { AccessFactsTables1796500000100 } from './database/migrations/1796500000100-access-facts';
import { PlansTables1796500000200 } from './database/migrations/1796500000200-plans';
import { ConsentEntity, HandoverEntity, ParticipantEntity, PlanEntity } from './plans/plans.entity';
import { PlansModule } from './plans/plans.module';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'care-plans',
      entities: [HouseholdEntity, HouseholdMemberEntity, LifeDomainEntity, ProvisionEntity, PlanEntity, ParticipantEntity, ConsentEntity, HandoverEntity],
      migrations: [AccessFactsTables1796500000100, PlansTables1796500000200],
    }),
    AccessFactsModule,
    PlansModule,
  ],
})
export class AppModule {}
