import { Injectable } from '@nestjs/common';
import { DECLARATION_ASSESSED_V1, DeclarationAssessedV1 } from '@vangnet/contracts';
import { OnEvent } from '@vangnet/messaging';
import { DeclarationsService } from './declarations.service';

@Injectable()
export class DeclarationsHandlers {
  constructor(private readonly service: DeclarationsService) {}

  @OnEvent(DECLARATION_ASSESSED_V1, DeclarationAssessedV1)
  assessed(data: DeclarationAssessedV1): Promise<void> {
    return this.service.applyAssessed(data);
  }
}
