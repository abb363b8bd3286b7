import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { Caller, CurrentCaller, requireActingProvider, Roles } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { IstandaardErrorCode } from '@vangnet/istandaarden';
import { Page, PageQuery, UuidPipe } from '@vangnet/platform';
import type { Request, Response } from 'express';
import { MessageSummary } from '../archive/archive.dto';
import { ArchiveService } from '../archive/archive.service';
import { MailboxError } from './mailbox.errors';
import { DeliveryResult, MailboxService } from './mailbox.service';

/**
 * The providers' mailbox: deliver a message file (the XML as the body), see what waits for you,
 * collect a file and acknowledge it. A provider (org = its AGB) only ever sees its own messages.
 */
@Controller('v1/mailbox')
export class MailboxController {
  constructor(
    private readonly service: MailboxService,
    private readonly archive: ArchiveService,
  ) {}

  /** Deliver an iWmo/iJw message file. 201 with the message's id, status and its retour; 200 with the earlier result for a file delivered before. */
  @Post()
  @Roles(Role.PROVIDER)
  async deliver(@Req() req: Request, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<DeliveryResult> {
    const providerAgb = requireActingProvider(caller);
    const body: unknown = req.body;
    if (!Buffer.isBuffer(body) || body.length === 0) {
      throw new MailboxError(IstandaardErrorCode.MALFORMED_XML, 'the request body must be the message file (XML)', 400, [{ name: 'file', code: IstandaardErrorCode.MALFORMED_XML, reason: 'empty body' }]);
    }
    const result = await this.service.deliver({ bytes: body, transport: 'MAILBOX', providerAgb });
    res.status(result.duplicate ? 200 : 201);
    return result;
  }

  /** The provider's mailbox: messages waiting to be collected. */
  @Get()
  @Roles(Role.PROVIDER)
  waiting(@Query() q: PageQuery, @CurrentCaller() caller: Caller): Promise<Page<MessageSummary>> {
    return this.archive.waiting(requireActingProvider(caller), q.limit ?? 100, q.cursor);
  }

  /** The file itself (application/xml), as the standard writes it. */
  @Get(':id')
  @Roles(Role.PROVIDER)
  async collect(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller, @Res() res: Response): Promise<void> {
    const row = await this.archive.file(requireActingProvider(caller), id);
    res.status(200).type('application/xml; charset=utf-8').setHeader('Content-Disposition', `attachment; filename="${row.standard.toUpperCase()}${row.messageType}_${row.identification}.xml"`);
    res.send(Buffer.from(row.xml, 'utf8'));
  }

  /** Collected: the file leaves the mailbox. */
  @Post(':id/ack')
  @HttpCode(200)
  @Roles(Role.PROVIDER)
  ack(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<MessageSummary> {
    return this.archive.acknowledge(requireActingProvider(caller), id);
  }
}
