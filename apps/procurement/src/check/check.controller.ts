import { Controller, Get, Query } from '@nestjs/common';
import { Caller, CurrentCaller, requireOwnAgb } from '@vangnet/auth';
import { ContractCheckApproval, ContractCheckRefusal, ContractCheckRequest, ProductRef, TariffGetReply } from '@vangnet/contracts';
import { Clock } from '@vangnet/platform';
import { ContractCheckQuery } from './check.dto';
import { CheckService } from './check.service';

/** The check over HTTP, for partners: the same answers as over NATS (a refusal is a 200 with ok: false). */
@Controller('v1')
export class CheckController {
  constructor(
    private readonly checks: CheckService,
    private readonly clock: Clock,
  ) {}

  /** Check a provider's contract for a product. Whether it may deliver the product in a municipality on a date: approval with the tariff, or a refusal with its reason (200 with `ok: false`). */
  @Get('contract-check')
  check(@Query() q: ContractCheckQuery, @CurrentCaller() caller: Caller): Promise<ContractCheckApproval | ContractCheckRefusal> {
    return this.checks.check(this.question(q, caller));
  }

  /** The tariff in force on the date (what procurement.tariff.get answers). */
  @Get('tariff')
  tariff(@Query() q: ContractCheckQuery, @CurrentCaller() caller: Caller): Promise<TariffGetReply> {
    return this.checks.tariff(this.question(q, caller));
  }

  private question(q: ContractCheckQuery, caller: Caller): ContractCheckRequest {
    requireOwnAgb(caller, q.providerAgb, 'providerAgb');
    const product: ProductRef = q.code ? { category: q.category, code: q.code } : { category: q.category };
    return { providerAgb: q.providerAgb, municipality: q.municipality, product, date: q.date ?? this.clock.today() };
  }
}
