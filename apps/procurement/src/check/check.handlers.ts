import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TARIFF_GET, TariffGetReply } from '@vangnet/contracts';
import { CheckRequest } from './check.dto';
import { CheckService } from './check.service';

/** procurement.tariff.get; procurement.contract.check is served by CheckResponder (ADR 0023). */
@Controller()
export class CheckHandlers {
  constructor(private readonly checks: CheckService) {}

  @MessagePattern(TARIFF_GET)
  tariff(@Payload() req: CheckRequest): Promise<TariffGetReply> {
    return this.checks.tariff(req);
  }
}
