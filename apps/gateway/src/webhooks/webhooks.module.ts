import { Module } from '@nestjs/common';
import { PartnersModule } from '../partners/partners.module';
import { WebhookConfig } from './webhooks.config';
import { WebhooksController } from './webhooks.controller';
import { WebhookDispatcher } from './webhooks.dispatcher';
import { WEBHOOK_ENTITIES } from './webhooks.entity';
import { WebhookHandlers } from './webhooks.handlers';
import { WebhookIngest } from './webhooks.ingest';
import { WEBHOOK_MIGRATIONS } from './webhooks.migration';
import { WebhooksRepository } from './webhooks.repository';
import { WebhooksService } from './webhooks.service';

/** Partner webhooks: subscriptions, the JetStream consumers that store deliveries, the sender. */
@Module({
  imports: [PartnersModule],
  controllers: [WebhooksController],
  providers: [WebhookConfig, WebhooksRepository, WebhooksService, WebhookDispatcher, WebhookIngest, WebhookHandlers],
  exports: [WebhooksService],
})
export class WebhooksModule {
  /** The module's tables, for `PlatformModule.forService` (entities and migrations). */
  static readonly entities = WEBHOOK_ENTITIES;
  static readonly migrations = WEBHOOK_MIGRATIONS;
}
