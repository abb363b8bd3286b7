import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module';
import { TariffsModule } from '../tariffs/tariffs.module';
import { DeclarationsController } from './declarations.controller';
import { DeclarationsRepository } from './declarations.repository';
import { DeclarationsService } from './declarations.service';

@Module({
  imports: [TariffsModule, BudgetsModule],
  controllers: [DeclarationsController],
  providers: [DeclarationsRepository, DeclarationsService],
})
export class DeclarationsModule {}
