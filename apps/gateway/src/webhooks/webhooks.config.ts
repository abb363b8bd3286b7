import { Injectable } from '@nestjs/common';

export class WebhookConfigError extends Error {}

function positiveInt(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined || value === '') return fallback;
  if (!/^[0-9]+$/.test(value) || Number(value) < min) throw new WebhookConfigError(`${name} must be a whole number of at least ${min}, not "${value}"`);
  return Number(value);
}

/**
 * How the gateway delivers webhooks. Development mode (`VANGNET_WEBHOOKS_DEVELOPMENT`, by default on
 * exactly when the development identity provider is) accepts http:// targets and private
 * addresses; production mode wants https:// and a host that resolves to public addresses only.
 */
@Injectable()
export class WebhookConfig {
  readonly development: boolean;
  /** How often the sender looks for due deliveries (0: only when asked). */
  readonly dispatchIntervalMs: number;
  /** One request's time limit: a receiver that answers slowly is cut off and tried again later. */
  readonly timeoutMs: number;
  /** Requests in flight per subscription at most (different subjects; one subject is one at a time). */
  readonly concurrency: number;
  /** Days a finished delivery (its body and attempts) is kept for the log and re-sending. */
  readonly retentionDays: number;
  /** Active subscriptions per organisation at most (each holds a JetStream consumer per stream). */
  readonly maxSubscriptions: number;

  constructor() {
    const dev = process.env.VANGNET_WEBHOOKS_DEVELOPMENT;
    if (dev !== undefined && dev !== '' && dev !== 'true' && dev !== 'false') throw new WebhookConfigError(`VANGNET_WEBHOOKS_DEVELOPMENT must be true or false, not "${dev}"`);
    this.development = dev ? dev === 'true' : process.env.VANGNET_DEV_IDP === 'true';
    this.dispatchIntervalMs = positiveInt('VANGNET_WEBHOOKS_DISPATCH_INTERVAL_MS', process.env.VANGNET_WEBHOOKS_DISPATCH_INTERVAL_MS, 1000, 0);
    this.timeoutMs = positiveInt('VANGNET_WEBHOOKS_TIMEOUT_MS', process.env.VANGNET_WEBHOOKS_TIMEOUT_MS, 10_000);
    this.concurrency = positiveInt('VANGNET_WEBHOOKS_CONCURRENCY', process.env.VANGNET_WEBHOOKS_CONCURRENCY, 4);
    this.retentionDays = positiveInt('VANGNET_WEBHOOKS_RETENTION_DAYS', process.env.VANGNET_WEBHOOKS_RETENTION_DAYS, 30);
    this.maxSubscriptions = positiveInt('VANGNET_WEBHOOKS_MAX_SUBSCRIPTIONS', process.env.VANGNET_WEBHOOKS_MAX_SUBSCRIPTIONS, 20);
  }
}
