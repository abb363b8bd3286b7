import { Injectable } from '@nestjs/common';
import { EventEnvelope, SUBSIDY_GRANTED_V1, SubsidyGrantedV1 } from '@vangnet/contracts';
import { OnEvent } from '@vangnet/messaging';
import { SubsidiesService } from './subsidies.service';

/** Procurement's grants, kept once each (keyed by subsidy id). */
@Injectable()
export class SubsidiesHandlers {
  constructor(private readonly subsidies: SubsidiesService) {}

  @OnEvent(SUBSIDY_GRANTED_V1, SubsidyGrantedV1)
  async granted(data: SubsidyGrantedV1, event: EventEnvelope<SubsidyGrantedV1>): Promise<void> {
    await this.subsidies.receive(data, event.id);
  }
}
