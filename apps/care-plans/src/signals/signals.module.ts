import { Module } from '@nestjs/common';
import { AccessFactsModule } from '../access-facts/access-facts.module';
import { PlansModule } from '../plans/plans.module';
import { CarePlansConfig } from '../shared/care-plans-config';
import { OutflowController, SignalsController } from './signals.controller';
import { SignalsHandlers } from './signals.handlers';
import { SignalsRepository } from './signals.repository';
import { SignalsService } from './signals.service';

@Module({
  imports: [AccessFactsModule, PlansModule],
  controllers: [SignalsController, OutflowController],
  providers: [CarePlansConfig, SignalsRepository, SignalsService, SignalsHandlers],
  exports: [SignalsService],
})
export class SignalsModule {}
