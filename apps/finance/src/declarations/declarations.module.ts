import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module';
import { CommitmentsModule } from '../commitments/commitments.module';
import { TariffsModule } from '../tariffs/tariffs.module';
import { DeclarationFiguresService } from './declaration-figures.service';
import { DeclarationsController } from './declarations.controller';
import { DeclarationsRepository } from './declarations.repository';
import { DeclarationsService } from './declarations.service';

@Module({
  imports: [TariffsModule, BudgetsModule, CommitmentsModule],
  controllers: [DeclarationsController],
  providers: [DeclarationsRepository, DeclarationsService, DeclarationFiguresService],
  exports: [DeclarationFiguresService],
})
export class DeclarationsModule {}
