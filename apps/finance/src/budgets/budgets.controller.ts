import { Body, Controller, Get, Headers, Param, Post, Query, Res } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { etagOf, Page, UuidPipe } from '@vangnet/platform';
import type { Response } from 'express';
import { AddBudgetLinesRequest, BudgetQuery, CreateBudgetRequest } from './budgets.dto';
import { BudgetsService, BudgetView } from './budgets.service';

@Controller('v1/budgets')
export class BudgetsController {
  constructor(private readonly budgets: BudgetsService) {}

  /** Create a municipality's budget for a year, with its lines. Answers with the ETag. */
  @Post()
  @Roles(Role.FINANCE_CONTROLLER)
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateBudgetRequest, @Res({ passthrough: true }) res: Response): Promise<BudgetView> {
    const view = await this.budgets.create(caller, body);
    res.setHeader('ETag', etagOf(view.version));
    res.setHeader('Location', `/api/finance/v1/budgets/${view.id}`);
    return view;
  }

  /** Any municipal token lists its own municipalities' budgets; analysts the region's. */
  @Get()
  list(@CurrentCaller() caller: Caller, @Query() query: BudgetQuery): Promise<Page<BudgetView>> {
    return this.budgets.list(caller, query);
  }

  /** A budget with its lines. Answers with the ETag for `If-Match`. */
  @Get(':id')
  async get(@CurrentCaller() caller: Caller, @Param('id', UuidPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<BudgetView> {
    const view = await this.budgets.get(caller, id);
    res.setHeader('ETag', etagOf(view.version));
    return view;
  }

  /** A budget amendment: more lines, under If-Match on the budget's ETag. */
  @Post(':id/lines')
  @Roles(Role.FINANCE_CONTROLLER)
  async addLines(
    @CurrentCaller() caller: Caller,
    @Param('id', UuidPipe) id: string,
    @Body() body: AddBudgetLinesRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<BudgetView> {
    const view = await this.budgets.addLines(caller, id, body, ifMatch);
    res.setHeader('ETag', etagOf(view.version));
    return view;
  }
}
