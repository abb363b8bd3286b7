import { Injectable } from '@nestjs/common';
import { SPEND_REPORTED_V1, SpendReportedV1 } from '@vangnet/contracts';
import { OnEvent } from '@vangnet/messaging';
import { CeilingsService } from './ceilings.service';

@Injectable()
export class SpendHandlers {
  constructor(private readonly ceilings: CeilingsService) {}

  /** Finance's cumulative spend per provider × paying municipality × year. */
  @OnEvent(SPEND_REPORTED_V1, SpendReportedV1)
  async spendReported(data: SpendReportedV1): Promise<void> {
    await this.ceilings.recordSpend(data);
  }
}
