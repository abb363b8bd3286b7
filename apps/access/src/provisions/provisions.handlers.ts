import { Injectable } from '@nestjs/common';
import { DELIVERY_STARTED_V1, DELIVERY_STOPPED_V1, DeliveryStartedV1, DeliveryStoppedV1 } from '@vangnet/contracts';
import { OnEvent } from '@vangnet/messaging';
import { ProvisionsService } from './provisions.service';

/** The exchange's delivery reports (305 start, 307 stop): the delivery status on the provision. */
@Injectable()
export class ProvisionsHandlers {
  constructor(private readonly provisions: ProvisionsService) {}

  @OnEvent(DELIVERY_STARTED_V1, DeliveryStartedV1)
  started(data: DeliveryStartedV1): Promise<void> {
    return this.provisions.deliveryReported(data);
  }

  @OnEvent(DELIVERY_STOPPED_V1, DeliveryStoppedV1)
  stopped(data: DeliveryStoppedV1): Promise<void> {
    const { endDate, reasonCode, law, ...start } = data;
    return this.provisions.deliveryReported({ ...start, stop: { endDate, reasonCode, law } });
  }
}
