import { Module } from '@nestjs/common';
import { PlansModule } from '../plans/plans.module';
import { CrisisCardController } from './crisis-card.controller';
import { CrisisCardRepository } from './crisis-card.repository';
import { CrisisCardService } from './crisis-card.service';

@Module({
  imports: [PlansModule],
  controllers: [CrisisCardController],
  providers: [CrisisCardRepository, CrisisCardService],
  exports: [CrisisCardService],
})
export class CrisisCardModule {}
