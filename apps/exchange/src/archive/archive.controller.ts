import { Controller, Get, Param, Query } from '@nestjs/common';
import { Caller, CurrentCaller, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { Page, UuidPipe } from '@vangnet/platform';
import { MessageQuery, MessageSummary, MessageView, OverdueQuery } from './archive.dto';
import { ArchiveService } from './archive.service';

/** Who reads the archive: municipal caseworkers and controllers their municipalities' messages, a provider its own. */
const READERS = [Role.ACCESS_CASEWORKER, Role.ACCESS_DECISION_MAKER, Role.FINANCE_CONTROLLER, Role.AUDITOR, Role.PROVIDER] as const;

@Controller('v1/messages')
export class ArchiveController {
  constructor(private readonly service: ArchiveService) {}

  /** Search the message archive (iWmo/iJw messages in and out) by kind, status, provider or period. */
  @Get()
  @Roles(...READERS)
  search(@Query() q: MessageQuery, @CurrentCaller() caller: Caller): Promise<Page<MessageSummary>> {
    return this.service.search(caller, q);
  }

  /** Messages still waiting for a retour or an answer past their term. */
  @Get('overdue')
  @Roles(...READERS)
  overdue(@Query() q: OverdueQuery, @CurrentCaller() caller: Caller): Promise<Page<MessageSummary>> {
    return this.service.overdue(caller, q);
  }

  /** One archived message with its status history and retour. */
  @Get(':id')
  @Roles(...READERS)
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<MessageView> {
    return this.service.get(caller, id);
  }
}
