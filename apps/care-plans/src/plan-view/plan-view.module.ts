import { Module } from '@nestjs/common';
import { AccessFactsModule } from '../access-facts/access-facts.module';
import { CrisisCardModule } from '../crisis-card/crisis-card.module';
import { GoalsModule } from '../goals/goals.module';
import { PlansModule } from '../plans/plans.module';
import { PlanViewController } from './plan-view.controller';
import { PlanViewService } from './plan-view.service';

@Module({
  imports: [AccessFactsModule, PlansModule, GoalsModule, CrisisCardModule],
  controllers: [PlanViewController],
  providers: [PlanViewService],
})
export class PlanViewModule {}
