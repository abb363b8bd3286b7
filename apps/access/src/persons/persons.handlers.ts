import { Controller } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import { PERSON_IDENTITY_GET, PERSON_RESOLVE, PersonIdentityReply, PersonIdentityRequest, PersonResolveReply, PersonResolveRequest } from '@vangnet/contracts';
import { RPC_CALLER_HEADER } from '@vangnet/messaging';
import { PersonsService } from './persons.service';

/** The calling service, as RpcClient names it in the request's headers. */
function callerOf(ctx: NatsContext): string | undefined {
  return ctx.getHeaders()?.get(RPC_CALLER_HEADER) || undefined;
}

/** Access's person requests for other services (ARCHITECTURE §2, the wave-2 catalogue). */
@Controller()
export class PersonsHandlers {
  constructor(private readonly persons: PersonsService) {}

  /** Who is this person, as this municipality knows them: only for the exchange and housing, every answer logged. */
  @MessagePattern(PERSON_IDENTITY_GET)
  identity(@Payload() req: PersonIdentityRequest, @Ctx() ctx: NatsContext): Promise<PersonIdentityReply> {
    return this.persons.identity(callerOf(ctx), req);
  }

  /** Which person is this BSN for this municipality: links or creates, the same answer either way. */
  @MessagePattern(PERSON_RESOLVE)
  resolveBsn(@Payload() req: PersonResolveRequest, @Ctx() ctx: NatsContext): Promise<PersonResolveReply> {
    return this.persons.resolveBsn(callerOf(ctx), req);
  }
}
