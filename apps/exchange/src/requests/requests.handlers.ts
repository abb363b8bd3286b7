import { Injectable } from '@nestjs/common';
import { ASSIGNMENT_REQUEST_ANSWERED_V1, AssignmentRequestAnsweredV1 } from '@vangnet/contracts';
import { OnEvent } from '@vangnet/messaging';
import { RequestsService } from './requests.service';

@Injectable()
export class RequestsHandlers {
  constructor(private readonly service: RequestsService) {}

  @OnEvent(ASSIGNMENT_REQUEST_ANSWERED_V1, AssignmentRequestAnsweredV1)
  answered(data: AssignmentRequestAnsweredV1): Promise<void> {
    return this.service.applyAnswered(data);
  }
}
