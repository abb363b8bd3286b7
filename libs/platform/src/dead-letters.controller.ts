import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { Roles } from '@vangnet/auth';
import { CommonErrorCode, DomainError, Role } from '@vangnet/contracts';
import { DeadLetter, DeadLetterReplayer, DeadLetterStore } from '@vangnet/messaging';
import { IsBooleanString, IsOptional, IsString } from 'class-validator';
import { mustExist } from './found';
import { IdPipe } from './uuid.pipe';

// The dead-letter route lives here, where messaging meets auth: messaging keeps the store and
// the replay, and knows nothing of roles.

export class DeadLetterQuery {
  @IsOptional()
  @IsString()
  consumer?: string;

  @IsOptional()
  @IsBooleanString()
  includeResolved?: string;
}

/**
 * Dead letters hold whole payloads (personal data among them): platform.operator only
 * (ARCHITECTURE §6, decision O4 of issue 13); an auditor reads the processing log instead.
 * PlatformModule serves it in every service, as the tag tells the contracts' source scan.
 * @registeredFor SERVICES
 */
@Controller('v1/dead-letters')
@Roles(Role.PLATFORM_OPERATOR)
export class DeadLetterController {
  constructor(
    private readonly store: DeadLetterStore,
    private readonly replayer: DeadLetterReplayer,
  ) {}

  /** The events this service could not handle. Unresolved ones unless `?includeResolved=true`; `?consumer=` for one consumer. */
  @Get()
  async list(@Query() q: DeadLetterQuery): Promise<{ items: DeadLetter[] }> {
    return { items: await this.store.list({ consumer: q.consumer, includeResolved: q.includeResolved === 'true' }) };
  }

  /** Try the event again (after the cause was fixed); resolved when the handler succeeds. */
  @Post(':id/retry')
  @Roles(Role.PLATFORM_OPERATOR)
  @HttpCode(200)
  async retry(@Param('id', IdPipe) id: number): Promise<DeadLetter> {
    const letter = await this.require(id);
    await this.replayer.replay(letter);
    await this.store.resolve(id, 'RETRIED');
    return mustExist(await this.store.get(id), `dead letter ${id}`);
  }

  /** Discard a dead letter: the event is not tried again, and the record stays for the audit trail. */
  @Post(':id/discard')
  @Roles(Role.PLATFORM_OPERATOR)
  @HttpCode(200)
  async discard(@Param('id', IdPipe) id: number): Promise<DeadLetter> {
    await this.require(id);
    await this.store.resolve(id, 'DISCARDED');
    return mustExist(await this.store.get(id), `dead letter ${id}`);
  }

  private async require(id: number): Promise<DeadLetter> {
    const letter = await this.store.get(id);
    if (!letter) throw DomainError.notFound(CommonErrorCode.NOT_FOUND, `dead letter ${id} does not exist`);
    if (letter.resolvedAt) throw DomainError.conflict(CommonErrorCode.CONFLICT, `dead letter ${id} is already ${letter.resolution}`);
    return letter;
  }
}
