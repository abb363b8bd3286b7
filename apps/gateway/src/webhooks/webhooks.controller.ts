import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Res, UseGuards } from '@nestjs/common';
import { Caller, CurrentCaller } from '@vangnet/auth';
import { UuidPipe } from '@vangnet/platform';
import type { Response } from 'express';
import { CreateSubscriptionRequest, DeliveriesQuery, DeliveryDetailView, DeliveryView, EventTypeView, NewSubscriptionView, SubscriptionView } from './webhooks.dto';
import { SecretAnswerGuard } from '../shared/secret-answer.guard';
import { WebhooksService } from './webhooks.service';

/**
 * Webhook subscriptions (CloudEvents 1.0, signed): for any authenticated partner or municipal
 * token, each its own. What a subscriber may receive follows from its kind, its organisation and,
 * for a partner, the scopes of the partner registry.
 */
@Controller('v1/webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  /** The event types this caller may subscribe to. */
  @Get('event-types')
  async eventTypes(@CurrentCaller() caller: Caller): Promise<{ items: EventTypeView[] }> {
    return { items: await this.webhooks.eventTypes(caller) };
  }

  /** A new subscription; its signing secret is in this answer only. An Idempotency-Key is refused, as the answer is never stored. */
  @Post('subscriptions')
  @UseGuards(SecretAnswerGuard)
  async create(@Body() body: CreateSubscriptionRequest, @CurrentCaller() caller: Caller, @Res({ passthrough: true }) res: Response): Promise<NewSubscriptionView> {
    const view = await this.webhooks.create(caller, body);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Location', `/api/gateway/v1/webhooks/subscriptions/${view.id}`);
    return view;
  }

  /** The caller's organisation's webhook subscriptions. */
  @Get('subscriptions')
  async list(@CurrentCaller() caller: Caller): Promise<{ items: SubscriptionView[] }> {
    return { items: await this.webhooks.list(caller) };
  }

  /** One of the caller's organisation's webhook subscriptions. */
  @Get('subscriptions/:id')
  get(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<SubscriptionView> {
    return this.webhooks.get(caller, id);
  }

  /** Ends the subscription (its delivery log stays readable). */
  @Delete('subscriptions/:id')
  @HttpCode(204)
  async end(@Param('id', UuidPipe) id: string, @CurrentCaller() caller: Caller): Promise<void> {
    await this.webhooks.end(caller, id);
  }

  /** The delivery log, newest first: state, attempts, last answer; never a body. */
  @Get('subscriptions/:id/deliveries')
  deliveries(@Param('id', UuidPipe) id: string, @Query() q: DeliveriesQuery, @CurrentCaller() caller: Caller): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    return this.webhooks.deliveries(caller, id, q);
  }

  /** One delivery with every attempt (when, status code, latency, outcome). */
  @Get('subscriptions/:id/deliveries/:deliveryId')
  delivery(@Param('id', UuidPipe) id: string, @Param('deliveryId', UuidPipe) deliveryId: string, @CurrentCaller() caller: Caller): Promise<DeliveryDetailView> {
    return this.webhooks.delivery(caller, id, deliveryId);
  }

  /** Send a delivery again from now (same event id: a receiver that has it drops it). */
  @Post('subscriptions/:id/deliveries/:deliveryId/resend')
  @HttpCode(202)
  resend(@Param('id', UuidPipe) id: string, @Param('deliveryId', UuidPipe) deliveryId: string, @CurrentCaller() caller: Caller): Promise<DeliveryView> {
    return this.webhooks.resend(caller, id, deliveryId);
  }
}
