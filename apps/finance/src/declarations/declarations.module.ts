import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module';
import { CommitmentsModule } from '../commitments/commitments.module';
import { TariffsModule } from '../tariffs/tariffs.module';
import { DeclarationFiguresService } from './declaration-figures.service';
import { DeclarationsController } from './declarations.controller';
import { DeclarationsHandlers } from './declarations.handlers';
import { DeclarationsRepository } from './declarations.repository';
import { DeclarationsService } from './declarations.service';
import { ReceivedDeclarationsService } from './received-declarations.service';

@Module({
  imports: [TariffsModule, BudgetsModule, CommitmentsModule],
  controllers: [DeclarationsController],
  providers: [DeclarationsRepository, DeclarationsService, DeclarationFiguresService, ReceivedDeclarationsService, DeclarationsHandlers],
  exports: [DeclarationFiguresService],
})
export class DeclarationsModule {}
