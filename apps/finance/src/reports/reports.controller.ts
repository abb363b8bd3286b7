import { Controller, Get, Query } from '@nestjs/common';
import { Caller, CurrentCaller } from '@vangnet/auth';
import { BudgetReport } from '../budgets/budget-figures.service';
import { BudgetsService } from '../budgets/budgets.service';
import { MunicipalityYearQuery, SpendQuery } from './reports.dto';
import { ReportsService } from './reports.service';

/** Aggregates without persons: municipal tokens for their own municipalities, regional analysts for the region. */
@Controller('v1/reports')
export class ReportsController {
  constructor(
    private readonly budgets: BudgetsService,
    private readonly reports: ReportsService,
  ) {}

  /** Budget vs committed vs realised per line and month, the forecast to year end and the alerts raised. */
  @Get('budget')
  budget(@CurrentCaller() caller: Caller, @Query() q: MunicipalityYearQuery): Promise<BudgetReport> {
    return this.budgets.report(caller, q.municipality, q.year);
  }

  /** Cost per client for a municipality and year (aggregates only). */
  @Get('cost-per-client')
  costPerClient(@CurrentCaller() caller: Caller, @Query() q: MunicipalityYearQuery): ReturnType<ReportsService['costPerClient']> {
    return this.reports.costPerClient(caller, q.municipality, q.year);
  }

  /** Spend for a municipality and year, per provider when asked (aggregates only). */
  @Get('spend')
  spend(@CurrentCaller() caller: Caller, @Query() q: SpendQuery): ReturnType<ReportsService['spend']> {
    return this.reports.spend(caller, q);
  }
}
