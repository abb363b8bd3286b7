import { Module } from '@nestjs/common';
import { PartnerTeamsHandlers, PlatformModule } from '@vangnet/platform';
import { HouseholdEntity, HouseholdMemberEntity, LifeDomainEntity, ProvisionEntity } from './access-facts/access-facts.entity';
import { AccessFactsModule } from './access-facts/access-facts.module';
import { ResidentPartEntity } from './crisis-card/crisis-card.entity';
import { CrisisCardModule } from './crisis-card/crisis-card.module';
import { AccessFactsTables1796500000100 } from './database/migrations/1796500000100-access-facts';
import { PlansTables1796500000200 } from './database/migrations/1796500000200-plans';
import { GoalsTables1796500000300 } from './database/migrations/1796500000300-goals';
import { CrisisCardTable1796500000400 } from './database/migrations/1796500000400-crisis-card';
import { ActionEntity, DomainScoreEntity, GoalEntity, ProvisionGoalEntity, ReviewEntity } from './goals/goals.entity';
import { GoalsModule } from './goals/goals.module';
import { PlanViewModule } from './plan-view/plan-view.module';
import { ConsentEntity, HandoverEntity, ParticipantEntity, PlanEntity } from './plans/plans.entity';
import { PlansModule } from './plans/plans.module';
import { ComingOfAgeEntity, SignalEntity } from './signals/signals.entity';
import { SignalsModule } from './signals/signals.module';
import { SignalsTables1796500000500 } from './database/migrations/1796500000500-signals';

@Module({
  imports: [
    PlatformModule.forService({
      service: 'care-plans',
      // Its plan and signal routes honour access.caseworker: ORG: teams only as the partner registry says (O1).
      partnerTeams: true,
      entities: [
        HouseholdEntity,
        HouseholdMemberEntity,
        LifeDomainEntity,
        ProvisionEntity,
        PlanEntity,
        ParticipantEntity,
        ConsentEntity,
        HandoverEntity,
        GoalEntity,
        ActionEntity,
        ReviewEntity,
        DomainScoreEntity,
        ProvisionGoalEntity,
        ResidentPartEntity,
        SignalEntity,
        ComingOfAgeEntity,
      ],
      migrations: [AccessFactsTables1796500000100, PlansTables1796500000200, GoalsTables1796500000300, CrisisCardTable1796500000400, SignalsTables1796500000500],
    }),
    AccessFactsModule,
    PlansModule,
    GoalsModule,
    CrisisCardModule,
    PlanViewModule,
    SignalsModule,
  ],
  // Its subscription to the partner registry (the platform keeps the registry and checks ORG: callers).
  providers: [PartnerTeamsHandlers],
})
export class AppModule {}
