import { Module } from '@nestjs/common';
import { AccessFactsModule } from '../access-facts/access-facts.module';
import { PlansModule } from '../plans/plans.module';
import { GoalsController } from './goals.controller';
import { GoalsRepository } from './goals.repository';
import { GoalsService } from './goals.service';

@Module({
  imports: [AccessFactsModule, PlansModule],
  controllers: [GoalsController],
  providers: [GoalsRepository, GoalsService],
  exports: [GoalsService],
})
export class GoalsModule {}
