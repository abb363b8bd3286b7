import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { CONTRACT_CHECK, ContractCheckApproval, ContractCheckRefusal, TARIFF_GET, TariffGetReply } from '@vangnet/contracts';
import { CheckRequest } from './check.dto';
import { CheckService } from './check.service';

/** The NATS side: procurement.contract.check and procurement.tariff.get. */
@Controller()
export class CheckHandlers {
  constructor(private readonly checks: CheckService) {}

  @MessagePattern(CONTRACT_CHECK)
  check(@Payload() req: CheckRequest): Promise<ContractCheckApproval | ContractCheckRefusal> {
    return this.checks.check(req);
  }

  @MessagePattern(TARIFF_GET)
  tariff(@Payload() req: CheckRequest): Promise<TariffGetReply> {
    return this.checks.tariff(req);
  }
}
