import { Injectable } from '@nestjs/common';
import { ASSIGNMENT_REQUEST_RECEIVED_V1, AssignmentRequestReceivedV1, LEASE_SIGNED_V1, LeaseSignedV1 } from '@vangnet/contracts';
import { OnEvent } from '@vangnet/messaging';
import { WorklistService } from './worklist.service';

/** Other services' facts that become tasks; each handler is idempotent (one task per request or lease). */
@Injectable()
export class WorklistHandlers {
  constructor(private readonly worklist: WorklistService) {}

  @OnEvent(ASSIGNMENT_REQUEST_RECEIVED_V1, AssignmentRequestReceivedV1)
  requestReceived(data: AssignmentRequestReceivedV1): Promise<void> {
    return this.worklist.requestReceived(data);
  }

  @OnEvent(LEASE_SIGNED_V1, LeaseSignedV1)
  leaseSigned(data: LeaseSignedV1): Promise<void> {
    return this.worklist.leaseSigned(data);
  }
}
