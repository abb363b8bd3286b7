import { Injectable } from '@nestjs/common';
import { DECLARATION_RECEIVED_V1, DeclarationReceivedV1 } from '@vangnet/contracts';
import { OnEvent } from '@vangnet/messaging';
import { ReceivedDeclarationsService } from './received-declarations.service';

/** The exchange's declarations by reference. */
@Injectable()
export class DeclarationsHandlers {
  constructor(private readonly received: ReceivedDeclarationsService) {}

  @OnEvent(DECLARATION_RECEIVED_V1, DeclarationReceivedV1)
  async declarationReceived(data: DeclarationReceivedV1): Promise<void> {
    await this.received.assess(data);
  }
}
