import { DomainError, eventDefinition, EventEnvelope, OrgKind, serviceOfSubject, ServiceName } from '@vangnet/contracts';
import { createHmac, timingSafeEqual } from 'crypto';
import { BlockList, isIP } from 'net';
import { WebhookErrorCode } from './webhooks.errors';

// Partner webhooks (ARCHITECTURE §2 "Partner webhooks", issue 18): which events a subscriber may
// receive, how one becomes a CloudEvent, how it is signed, when a failed delivery is tried again,
// and which targets are refused. Pure functions, no I/O (the DNS lookup is passed in).

/** What makes an event someone's: the fields of its payload the audience filter reads. */
interface Owned {
  providerAgb?: string;
  corporation?: string;
  municipality?: string;
  responsibleMunicipality?: string;
}

/** One kind of event offered as a webhook: the partner scope that opens it, who may hold it, and its CloudEvents subject. */
export interface WebhookEventType {
  type: string;
  /** The partner registry's scope (`webhooks.<topic>`) a partner must hold. */
  scope: string;
  /** The partner kinds that receive it (their own only); municipal subscribers receive their municipalities'. */
  partnerKinds: readonly OrgKind[];
  /** The CloudEvents `subject`: the aggregate, by id only (no personal data); deliveries of one subject go in order. */
  subjectOf: (data: Record<string, unknown>) => string;
}

const id = (prefix: string, field: string) => (data: Record<string, unknown>) => `${prefix}/${String(data[field] ?? 'unknown')}`;

/**
 * The events partners may receive, by topic. A provider receives its own assignments and the
 * assessments of its own declarations (payload `providerAgb` = its AGB); a corporation its own
 * nominations and eviction signals (payload `corporation` = its KvK). Every one of them is in the
 * event catalogue of `libs/contracts` (checked by the spec).
 */
export const WEBHOOK_EVENT_TYPES: readonly WebhookEventType[] = [
  { type: 'access.provision.granted.v1', scope: 'webhooks.assignments', partnerKinds: [OrgKind.PROVIDER], subjectOf: id('provisions', 'lineageId') },
  { type: 'access.provision.changed.v1', scope: 'webhooks.assignments', partnerKinds: [OrgKind.PROVIDER], subjectOf: id('provisions', 'lineageId') },
  { type: 'access.provision.ended.v1', scope: 'webhooks.assignments', partnerKinds: [OrgKind.PROVIDER], subjectOf: id('provisions', 'lineageId') },
  { type: 'exchange.declaration.received.v1', scope: 'webhooks.declarations', partnerKinds: [OrgKind.PROVIDER], subjectOf: id('declarations', 'declarationRef') },
  { type: 'finance.declaration.assessed.v1', scope: 'webhooks.declarations', partnerKinds: [OrgKind.PROVIDER], subjectOf: id('declaration-assessments', 'declarationId') },
  { type: 'housing.nomination.made.v1', scope: 'webhooks.nominations', partnerKinds: [OrgKind.CORPORATION], subjectOf: id('nominations', 'nominationId') },
  { type: 'housing.nomination.answered.v1', scope: 'webhooks.nominations', partnerKinds: [OrgKind.CORPORATION], subjectOf: id('nominations', 'nominationId') },
  { type: 'housing.eviction-signal.reported.v1', scope: 'webhooks.eviction-signals', partnerKinds: [OrgKind.CORPORATION], subjectOf: id('eviction-signals', 'signalId') },
  { type: 'housing.eviction-signal.closed.v1', scope: 'webhooks.eviction-signals', partnerKinds: [OrgKind.CORPORATION], subjectOf: id('eviction-signals', 'signalId') },
];

export function webhookEventType(type: string): WebhookEventType | undefined {
  return WEBHOOK_EVENT_TYPES.find((t) => t.type === type);
}

/** Who subscribes: from the token (and, for a partner, the scopes the registry gives it). */
export interface Subscriber {
  orgKind: OrgKind;
  /** The org id without its prefix (AGB code, KvK number, municipality code). */
  orgId: string;
  /** A municipal subscriber's municipalities (the token's); empty for a partner. */
  municipalities: readonly string[];
}

/**
 * The event types a subscription asks for, checked: each in the event catalogue (400
 * UNKNOWN_EVENT_TYPE), offered as a webhook and open to this kind of subscriber (403
 * EVENT_TYPE_NOT_ALLOWED), and for a partner within its registered scopes (403 SCOPE_MISSING);
 * each naming `eventTypes[i]`.
 */
export function checkEventTypes(subscriber: Subscriber, types: readonly string[], partnerScopes: readonly string[] | undefined): void {
  types.forEach((type, i) => {
    const field = `eventTypes[${i}]`;
    if (!eventDefinition(type)) {
      throw DomainError.invalidField(WebhookErrorCode.UNKNOWN_EVENT_TYPE, field, `"${type}" is not an event of the catalogue (GET /api/gateway/v1/webhooks/event-types lists those offered)`);
    }
    const offered = webhookEventType(type);
    if (!offered) throw DomainError.invalidField(WebhookErrorCode.EVENT_TYPE_NOT_ALLOWED, field, `${type} is not offered as a webhook`, 403);
    if (subscriber.orgKind === OrgKind.MUNICIPALITY) return;
    if (!offered.partnerKinds.includes(subscriber.orgKind)) {
      throw DomainError.invalidField(WebhookErrorCode.EVENT_TYPE_NOT_ALLOWED, field, `a ${subscriber.orgKind.toLowerCase()} does not receive ${type}`, 403);
    }
    if (!partnerScopes?.includes(offered.scope)) {
      throw DomainError.invalidField(WebhookErrorCode.SCOPE_MISSING, field, `${type} needs the partner scope ${offered.scope}, which the registry does not give this partner`, 403);
    }
  });
}

/** The event types a subscriber may ask for (for the catalogue route). */
export function eventTypesFor(subscriber: Subscriber, partnerScopes: readonly string[] | undefined): WebhookEventType[] {
  if (subscriber.orgKind === OrgKind.MUNICIPALITY) return [...WEBHOOK_EVENT_TYPES];
  return WEBHOOK_EVENT_TYPES.filter((t) => t.partnerKinds.includes(subscriber.orgKind) && !!partnerScopes?.includes(t.scope));
}

/** The producing services whose streams a subscription reads (one durable consumer each). */
export function servicesOf(types: readonly string[]): ServiceName[] {
  return [...new Set(types.map(serviceOfSubject))].sort();
}

/**
 * Is this event for this subscriber? A provider only what names its AGB, a corporation only what
 * names its KvK; a municipal subscriber what concerns one of its municipalities (the acting or the
 * paying one). An event that does not name its owner goes to no partner.
 */
export function isFor(subscriber: Subscriber, types: readonly string[], envelope: Pick<EventEnvelope, 'type' | 'municipality' | 'data'>): boolean {
  if (!types.includes(envelope.type) || !webhookEventType(envelope.type)) return false;
  const data = (envelope.data ?? {}) as Owned;
  switch (subscriber.orgKind) {
    case OrgKind.PROVIDER:
      return typeof data.providerAgb === 'string' && data.providerAgb === subscriber.orgId;
    case OrgKind.CORPORATION:
      return typeof data.corporation === 'string' && data.corporation === subscriber.orgId;
    case OrgKind.MUNICIPALITY: {
      const concerned = [envelope.municipality, data.municipality, data.responsibleMunicipality].filter((m): m is string => typeof m === 'string');
      return concerned.some((m) => subscriber.municipalities.includes(m));
    }
    default:
      return false;
  }
}

/**
 * Fields a partner never receives: the processing-log pseudonym links one resident's records
 * across every service of the region (ARCHITECTURE §6); a partner knows the resident by `personId`
 * and, for care, by what the iStandaarden messages tell it. Municipal subscribers get the event whole.
 */
export const WITHHELD_FROM_PARTNERS: readonly string[] = ['personPseudonym'];

/** The payload as this subscriber receives it. */
export function dataFor(subscriber: Subscriber, data: unknown): unknown {
  if (subscriber.orgKind === OrgKind.MUNICIPALITY || typeof data !== 'object' || data === null || Array.isArray(data)) return data;
  return Object.fromEntries(Object.entries(data).filter(([k]) => !WITHHELD_FROM_PARTNERS.includes(k)));
}

/** The resident an event is about, by its pseudonym (for the processing log), if it names one. */
export function pseudonymOf(data: unknown): string | null {
  const p = (data as { personPseudonym?: unknown } | null)?.personPseudonym;
  return typeof p === 'string' && /^[0-9a-f]{64}$/.test(p) ? p : null;
}

/** The resident an event is about, by `personId`, if it names one (the safety-flag hold). */
export function personIdOf(data: unknown): string | null {
  const p = (data as { personId?: unknown } | null)?.personId;
  return typeof p === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(p) ? p : null;
}

/** A CloudEvents 1.0 event in structured JSON mode (NL-GOV profile: no personal data in any attribute). */
export interface CloudEvent {
  specversion: '1.0';
  id: string;
  source: string;
  type: string;
  time: string;
  subject: string;
  datacontenttype: 'application/json';
  data: unknown;
}

export const CLOUDEVENTS_CONTENT_TYPE = 'application/cloudevents+json';

/**
 * The event as a CloudEvent: `id` the event id (a receiver's dedupe key: every retry and re-send
 * carries the same), `source` `urn:vangnet:<service>`, `type` the subject without the deployment's
 * prefix, `subject` the aggregate by id. The envelope's correlation ids and municipality stay out.
 */
export function toCloudEvent(envelope: Pick<EventEnvelope, 'id' | 'type' | 'source' | 'time' | 'data'>): CloudEvent {
  const offered = webhookEventType(envelope.type);
  if (!offered) throw new Error(`${envelope.type} is not offered as a webhook`);
  return {
    specversion: '1.0',
    id: envelope.id,
    source: envelope.source,
    type: envelope.type,
    time: envelope.time,
    subject: offered.subjectOf((envelope.data ?? {}) as Record<string, unknown>),
    datacontenttype: 'application/json',
    data: envelope.data,
  };
}

/** The headers of a signed delivery (Standard Webhooks' names). */
export const SIGNATURE_HEADERS = { id: 'webhook-id', timestamp: 'webhook-timestamp', signature: 'webhook-signature' } as const;

/** `v1=<hex HMAC-SHA256 over "<timestamp>.<body>" with the subscription's secret>`. */
export function sign(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex')}`;
}

/** A receiver's check (documented for partners; the tests use it): the signature matches and the timestamp is recent. */
export function verifySignature(secret: string, header: string | undefined, timestamp: string | undefined, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  if (!header || !timestamp || !/^[0-9]{1,12}$/.test(timestamp)) return false;
  if (Math.abs(nowSeconds - Number(timestamp)) > toleranceSeconds) return false;
  const expected = Buffer.from(sign(secret, Number(timestamp), body));
  return header
    .split(/[ ,]+/)
    .filter(Boolean)
    .some((candidate) => {
      const given = Buffer.from(candidate);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}

/** How long a failing delivery is tried again before it is marked failed (at least 24 hours). */
export const RETRY_WINDOW_MS = 24 * 60 * 60_000;
const FIRST_DELAY_MS = 5_000;
const MAX_DELAY_MS = 60 * 60_000;

/** The wait after the n-th failed attempt: 5 s, 10 s, 20 s, … doubling up to an hour. */
export function retryDelayMs(failedAttempts: number): number {
  const n = Math.max(1, failedAttempts);
  return Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.min(n - 1, 30));
}

/** After a failed attempt: the next attempt's time, or undefined when the retry window is spent (failed). */
export function nextAttemptAt(firstAttemptAt: Date, failedAttempts: number, now: Date): Date | undefined {
  if (now.getTime() - firstAttemptAt.getTime() >= RETRY_WINDOW_MS) return undefined;
  return new Date(now.getTime() + retryDelayMs(failedAttempts));
}

// Addresses a production webhook may never target: loopback, private ranges, link-local (the cloud
// metadata service), carrier-grade NAT, unspecified, multicast and reserved; IPv6 likewise.
const FORBIDDEN = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  FORBIDDEN.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['64:ff9b::', 96],
  ['2001:db8::', 32],
] as const) {
  FORBIDDEN.addSubnet(net, bits, 'ipv6');
}

/** Is this address loopback, private, link-local or otherwise not on the public internet? */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:([0-9.]+)$/i.exec(bare);
  if (mapped) return isPrivateAddress(mapped[1]);
  const family = isIP(bare);
  if (family === 0) return true;
  return FORBIDDEN.check(bare, family === 4 ? 'ipv4' : 'ipv6');
}

export const MAX_URL_LENGTH = 2048;

/**
 * A target URL's form: http(s) only, https unless in development, no credentials in it, no
 * fragment. 400 naming `field` otherwise. Returns the parsed URL.
 */
export function checkTargetUrl(raw: string, development: boolean, field = 'url'): URL {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw DomainError.invalidField(WebhookErrorCode.INVALID_URL, field, 'must be an absolute URL');
  }
  if (url.protocol !== 'https:' && !(development && url.protocol === 'http:')) {
    throw DomainError.invalidField(WebhookErrorCode.HTTPS_REQUIRED, field, development ? 'must be an http:// or https:// URL' : 'must be an https:// URL (http:// only in development mode)');
  }
  if (url.username || url.password) throw DomainError.invalidField(WebhookErrorCode.INVALID_URL, field, 'must not carry credentials');
  if (url.hash) throw DomainError.invalidField(WebhookErrorCode.INVALID_URL, field, 'must not have a fragment');
  return url;
}

/** Looks a host name up: every address it resolves to (`dns.promises.lookup(host, { all: true })`). */
export type Resolver = (host: string) => Promise<string[]>;

/**
 * In production mode the target must resolve, and only to public addresses (no loopback,
 * private, link-local: the platform's own network is no partner's). 400 naming `field`. Answers
 * the checked addresses: the sender connects to one of those, not to what the name resolves to
 * next (`postWebhook`'s pin).
 */
export async function checkTargetAddress(url: URL, resolve: Resolver, field = 'url'): Promise<string[]> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    throw DomainError.invalidField(WebhookErrorCode.UNRESOLVABLE_TARGET, field, `the host ${host} does not resolve`);
  }
  if (!addresses.length) throw DomainError.invalidField(WebhookErrorCode.UNRESOLVABLE_TARGET, field, `the host ${host} does not resolve`);
  const bad = addresses.find(isPrivateAddress);
  if (bad) throw DomainError.invalidField(WebhookErrorCode.PRIVATE_TARGET, field, `the host ${host} resolves to ${bad}, a loopback, private or link-local address`);
  return addresses;
}
