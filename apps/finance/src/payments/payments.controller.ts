import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { BatchDecisionRequest, BatchListQuery, PrepareBatchRequest } from './payments.dto';
import { BatchView, PaymentsService } from './payments.service';

@Controller('v1/payment-batches')
export class PaymentsController {
  constructor(private readonly payments: PaymentsService) {}

  /** Prepare a batch of the approved declaration amounts (the maker). */
  @Post()
  @Roles(Role.FINANCE_CONTROLLER)
  prepare(@CurrentCaller() caller: Caller, @Body() body: PrepareBatchRequest): Promise<BatchView> {
    return this.payments.prepare(caller, body);
  }

  /** Approve or reject a batch (the checker: another controller than the one who prepared it). */
  @Post(':id/approval')
  @Roles(Role.FINANCE_CONTROLLER)
  decide(@CurrentCaller() caller: Caller, @Param('id', UuidPipe) id: string, @Body() body: BatchDecisionRequest): Promise<BatchView> {
    return this.payments.decide(caller, id, body);
  }

  /** Payment batches of your municipalities. */
  @Get()
  @Roles(Role.FINANCE_CONTROLLER, Role.AUDITOR)
  list(@CurrentCaller() caller: Caller, @Query() q: BatchListQuery): Promise<Page<BatchView>> {
    return this.payments.list(caller, q);
  }

  /** A payment batch with its payments per provider. */
  @Get(':id')
  @Roles(Role.FINANCE_CONTROLLER, Role.AUDITOR)
  get(@CurrentCaller() caller: Caller, @Param('id', UuidPipe) id: string): Promise<BatchView> {
    return this.payments.get(caller, id);
  }
}
