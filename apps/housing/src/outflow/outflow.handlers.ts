import { Injectable } from '@nestjs/common';
import { OUTFLOW_READY_V1, OutflowReadyV1 } from '@vangnet/contracts';
import { OnEvent } from '@vangnet/messaging';
import { OutflowService } from './outflow.service';

/** care-plans.outflow.ready: the resident is ready for a nomination (needs are facility features, no diagnosis). */
@Injectable()
export class OutflowHandlers {
  constructor(private readonly service: OutflowService) {}

  @OnEvent(OUTFLOW_READY_V1, OutflowReadyV1)
  ready(data: OutflowReadyV1): Promise<void> {
    return this.service.applyReady(data);
  }
}
