import { Module } from '@nestjs/common';
import { BudgetFiguresService } from './budget-figures.service';
import { BudgetMonitor } from './budget.monitor';
import { BudgetsController } from './budgets.controller';
import { BudgetsRepository } from './budgets.repository';
import { BudgetsService } from './budgets.service';

@Module({
  controllers: [BudgetsController],
  providers: [BudgetsRepository, BudgetFiguresService, BudgetMonitor, BudgetsService],
  exports: [BudgetMonitor, BudgetsService, BudgetFiguresService],
})
export class BudgetsModule {}
