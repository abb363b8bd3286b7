import { Injectable } from '@nestjs/common';
import { actorOf, AuthError, Caller } from '@vangnet/auth';
import { eventDefinition, OrgKind, Role } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { Clock, decodeCursor, foundOr404, toPage } from '@vangnet/platform';
import { randomBytes, randomUUID } from 'crypto';
import { lookup } from 'dns/promises';
import { PartnersService } from '../partners/partners.service';
import { CreateSubscriptionRequest, DeliveriesQuery, DeliveryDetailView, DeliveryView, EventTypeView, NewSubscriptionView, SubscriptionView } from './webhooks.dto';
import { WebhookConfig } from './webhooks.config';
import { WebhookDeliveryEntity, WebhookSubscriptionEntity } from './webhooks.entity';
import { WebhookError, WebhookErrorCode } from './webhooks.errors';
import { WebhooksRepository } from './webhooks.repository';
import { checkEventTypes, checkTargetAddress, checkTargetUrl, eventTypesFor, Resolver, servicesOf, Subscriber } from './webhooks.rules';

/** DNS as the sender sees it: every address of a host. */
export const systemResolver: Resolver = async (host) => (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Told when a subscription starts or ends (the ingest follows or drops its streams). */
export interface SubscriptionListener {
  started(sub: WebhookSubscriptionEntity): Promise<void>;
  ended(sub: WebhookSubscriptionEntity): Promise<void>;
}

/**
 * Webhook subscriptions of partners and municipalities (ARCHITECTURE §2 "Partner webhooks"): a
 * subscriber sees and changes only its own (another's is a 404); the event types it asks for are
 * checked against the catalogue, its kind and, for a partner, the scopes the registry gives it.
 */
@Injectable()
export class WebhooksService {
  private listener?: SubscriptionListener;
  resolver: Resolver = systemResolver;

  constructor(
    private readonly repo: WebhooksRepository,
    private readonly partners: PartnersService,
    private readonly config: WebhookConfig,
    private readonly clock: Clock,
  ) {}

  listen(listener: SubscriptionListener): void {
    this.listener = listener;
  }

  async eventTypes(caller: Caller): Promise<EventTypeView[]> {
    const subscriber = subscriberOf(caller);
    const scopes = await this.partnerScopes(caller);
    return eventTypesFor(subscriber, scopes).map((t) => ({ type: t.type, scope: t.scope, description: eventDefinition(t.type)?.description ?? '' }));
  }

  async create(caller: Caller, req: CreateSubscriptionRequest): Promise<NewSubscriptionView> {
    const subscriber = subscriberOf(caller);
    const url = checkTargetUrl(req.url, this.config.development);
    const scopes = await this.partnerScopes(caller);
    checkEventTypes(subscriber, req.eventTypes, scopes);
    const now = this.clock.now();
    const startAt = req.replayFrom ? new Date(req.replayFrom) : now;
    if (startAt.getTime() > now.getTime()) throw WebhookError.invalidField(WebhookErrorCode.REPLAY_IN_FUTURE, 'replayFrom', 'must not be in the future');
    if (!this.config.development) await checkTargetAddress(url, this.resolver);
    if ((await this.repo.activeCount(caller.org)) >= this.config.maxSubscriptions) {
      throw new WebhookError(WebhookErrorCode.TOO_MANY_SUBSCRIPTIONS, `an organisation has at most ${this.config.maxSubscriptions} active subscriptions; end one first`, 422);
    }
    const secret = `whsec_${randomBytes(32).toString('base64url')}`;
    const sub = await this.insert({
      id: randomUUID(),
      org: caller.org,
      orgKind: subscriber.orgKind,
      municipalities: [...subscriber.municipalities],
      url: url.toString(),
      eventTypes: [...req.eventTypes],
      services: servicesOf(req.eventTypes),
      secret,
      startAt,
      createdBy: actorOf(caller),
    });
    // After the commit: the durable consumers start at startAt, so nothing since is missed.
    await this.listener?.started(sub);
    return { ...(await this.view(sub)), secret };
  }

  @Transactional()
  private insert(row: Parameters<WebhooksRepository['insertSubscription']>[0]): Promise<WebhookSubscriptionEntity> {
    return this.repo.insertSubscription(row);
  }

  async list(caller: Caller): Promise<SubscriptionView[]> {
    subscriberOf(caller);
    return Promise.all((await this.repo.subscriptionsOf(caller.org)).map((s) => this.view(s)));
  }

  async get(caller: Caller, id: string): Promise<SubscriptionView> {
    return this.view(await this.own(caller, id));
  }

  /** Ends the subscription: no further deliveries; its consumers go; its log stays readable. */
  async end(caller: Caller, id: string): Promise<void> {
    const sub = await this.own(caller, id);
    if (await this.repo.endSubscription(sub.id, this.clock.now())) await this.listener?.ended(sub);
  }

  async deliveries(caller: Caller, id: string, q: DeliveriesQuery): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    const sub = await this.own(caller, id);
    const limit = q.limit ?? 50;
    const after = decodeCursor<{ seq?: unknown; stream?: unknown }>(q.cursor);
    if (after && (typeof after.seq !== 'number' || !Number.isSafeInteger(after.seq) || typeof after.stream !== 'string')) {
      throw WebhookError.invalidField(WebhookErrorCode.INVALID_CURSOR, 'cursor', 'is not a cursor of this list');
    }
    const rows = await this.repo.deliveriesOf(sub.id, { status: q.status, limit: limit + 1, after: after ? { seq: after.seq as number, stream: after.stream as string } : undefined });
    const page = toPage(rows, limit, (d) => ({ seq: d.streamSeq, stream: d.stream }));
    return { items: page.items.map(deliveryView), nextCursor: page.nextCursor };
  }

  async delivery(caller: Caller, id: string, deliveryId: string): Promise<DeliveryDetailView> {
    const sub = await this.own(caller, id);
    const d = foundOr404(await this.repo.delivery(sub.id, deliveryId), () => WebhookError.missingDelivery());
    const log = await this.repo.attemptsOf(d.id);
    return {
      ...deliveryView(d),
      log: log.map((a) => ({ attempt: a.attempt, at: a.at.toISOString(), outcome: a.outcome, statusCode: a.statusCode, latencyMs: a.latencyMs, error: a.error })),
    };
  }

  /** Sends a delivery again (failed, or delivered and lost on the receiver's side) with the same event id. */
  async resend(caller: Caller, id: string, deliveryId: string): Promise<DeliveryView> {
    const sub = await this.own(caller, id);
    if (!sub.active) throw new WebhookError(WebhookErrorCode.SUBSCRIPTION_INACTIVE, 'the subscription has ended; create a new one (with replayFrom) instead', 409);
    if (!(await this.repo.resend(sub.id, deliveryId, this.clock.now()))) throw WebhookError.missingDelivery();
    return deliveryView(foundOr404(await this.repo.delivery(sub.id, deliveryId), () => WebhookError.missingDelivery()));
  }

  private async own(caller: Caller, id: string): Promise<WebhookSubscriptionEntity> {
    subscriberOf(caller);
    return foundOr404(await this.repo.findSubscription(id), () => WebhookError.missingSubscription(), (s) => s.org === caller.org);
  }

  /** A partner's registered scopes (it must be registered and active); undefined for a municipality. */
  private async partnerScopes(caller: Caller): Promise<string[] | undefined> {
    if (caller.orgKind === OrgKind.MUNICIPALITY) return undefined;
    const partner = await this.partners.find(caller.org);
    if (!partner?.active) throw new WebhookError(WebhookErrorCode.PARTNER_NOT_REGISTERED, `${caller.org} is not an active partner of the registry; webhooks are for registered partners`, 403);
    return partner.scopes;
  }

  private async view(s: WebhookSubscriptionEntity): Promise<SubscriptionView> {
    const c = await this.repo.counts(s.id);
    return {
      id: s.id,
      org: s.org,
      url: s.url,
      eventTypes: s.eventTypes,
      startAt: s.startAt.toISOString(),
      active: s.active,
      createdBy: s.createdBy,
      createdAt: s.createdAt.toISOString(),
      endedAt: s.endedAt?.toISOString() ?? null,
      deliveries: { pending: c.PENDING, delivered: c.DELIVERED, failed: c.FAILED },
    };
  }
}

/**
 * The subscriber a token describes; a municipal token needs municipalities, an `ORG:` partner has
 * no webhooks. A token without the role of its kind (`provider`, `corporation`; for a municipality
 * any role) subscribes to nothing and sees no subscription: 403, as every other route answers it.
 */
export function subscriberOf(caller: Caller): Subscriber {
  const needed = caller.orgKind === OrgKind.PROVIDER ? Role.PROVIDER : caller.orgKind === OrgKind.CORPORATION ? Role.CORPORATION : undefined;
  if (needed ? !caller.roles.includes(needed) : caller.roles.length === 0) {
    throw AuthError.forbidden(needed ? `webhooks need the ${needed} role` : 'webhooks need a role');
  }
  if (caller.orgKind === OrgKind.MUNICIPALITY && caller.municipalities.length === 0) {
    throw new WebhookError(WebhookErrorCode.EVENT_TYPE_NOT_ALLOWED, 'this token acts for no municipality', 403);
  }
  return { orgKind: caller.orgKind, orgId: caller.orgId, municipalities: caller.orgKind === OrgKind.MUNICIPALITY ? [...caller.municipalities] : [] };
}

export function subscriberOfRow(s: WebhookSubscriptionEntity): Subscriber {
  const orgId = s.org.includes(':') ? s.org.slice(s.org.indexOf(':') + 1) : s.org;
  return { orgKind: s.orgKind as OrgKind, orgId, municipalities: s.municipalities };
}

function deliveryView(d: WebhookDeliveryEntity): DeliveryView {
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: d.eventType,
    subject: d.orderingKey,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === 'PENDING' ? d.nextAttemptAt.toISOString() : null,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    lastStatusCode: d.lastStatusCode,
    lastError: d.lastError,
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    failedAt: d.failedAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}
