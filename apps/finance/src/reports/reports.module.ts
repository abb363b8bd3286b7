import { Module } from '@nestjs/common';
import { BudgetsModule } from '../budgets/budgets.module';
import { DeclarationsModule } from '../declarations/declarations.module';
import { PlacementsModule } from '../placements/placements.module';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

@Module({
  imports: [BudgetsModule, DeclarationsModule, PlacementsModule],
  controllers: [ReportsController],
  providers: [ReportsService],
})
export class ReportsModule {}
