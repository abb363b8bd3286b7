import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { DeadLetterReplayer, DeadLetterStore } from './inbox/dead-letters';
import { InboxConsumer } from './inbox/inbox.consumer';
import { InboxPruner } from './inbox/inbox.pruner';
import { MESSAGING_OPTIONS, MessagingOptions } from './messaging.options';
import { NatsModule } from './nats.module';
import { Outbox } from './outbox/outbox.service';
import { OutboxRelay } from './outbox/outbox.relay';
import { RpcClient } from './rpc/rpc-client';

/**
 * NATS for one service: the connection, request/reply (RpcClient), the outbox and its relay, the
 * inbox consumers for @OnEvent handlers and the dead-letter store
 * (the platform module serves its route). Needs the persistence module
 * (the outbox, inbox and dead-letter tables live in the service's schema).
 */
@Global()
@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      imports: [NatsModule.forRoot({ name: options.service }), DiscoveryModule],
      providers: [
        { provide: MESSAGING_OPTIONS, useValue: options },
        RpcClient,
        Outbox,
        OutboxRelay,
        DeadLetterStore,
        InboxConsumer,
        InboxPruner,
        { provide: DeadLetterReplayer, useExisting: InboxConsumer },
      ],
      exports: [NatsModule, RpcClient, Outbox, OutboxRelay, InboxConsumer, InboxPruner, DeadLetterStore, DeadLetterReplayer, MESSAGING_OPTIONS],
    };
  }
}
