import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module';
import { TariffsModule } from '../tariffs/tariffs.module';
import { CommitmentProjector } from './commitment.projector';
import { CommitmentsController } from './commitments.controller';
import { CommitmentsHandlers } from './commitments.handlers';
import { CommitmentsRepository } from './commitments.repository';
import { CommitmentsService } from './commitments.service';

@Module({
  imports: [TariffsModule, BudgetsModule],
  controllers: [CommitmentsController],
  providers: [CommitmentsRepository, CommitmentProjector, CommitmentsHandlers, CommitmentsService],
  exports: [CommitmentsService],
})
export class CommitmentsModule {}
