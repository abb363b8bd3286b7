import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsISO8601, IsOptional, IsString, Length, MaxLength } from 'class-validator';
import { PageQuery } from '@vangnet/platform';
import { MAX_URL_LENGTH } from './webhooks.rules';

export class CreateSubscriptionRequest {
  /** Where the events go: https:// (http:// only in development mode); in production mode a host with public addresses only. */
  @IsString()
  @Length(1, MAX_URL_LENGTH)
  url!: string;

  /** Event types (subjects) from GET /v1/webhooks/event-types. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ArrayUnique()
  @IsString({ each: true })
  @MaxLength(100, { each: true })
  eventTypes!: string[];

  /** Replay: deliver the events from this instant (ISO 8601) instead of from the subscription's creation. */
  @IsOptional()
  @IsISO8601({ strict: true })
  replayFrom?: string;
}

export class DeliveriesQuery extends PageQuery {
  @IsOptional()
  @IsIn(['PENDING', 'DELIVERED', 'FAILED'])
  status?: 'PENDING' | 'DELIVERED' | 'FAILED';
}

export interface SubscriptionView {
  id: string;
  org: string;
  url: string;
  eventTypes: string[];
  startAt: string;
  active: boolean;
  createdBy: string;
  createdAt: string;
  endedAt: string | null;
  deliveries: { pending: number; delivered: number; failed: number };
}

/** The answer to a creation: the view and the secret, which is shown this once. */
export interface NewSubscriptionView extends SubscriptionView {
  secret: string;
}

export interface AttemptView {
  attempt: number;
  at: string;
  outcome: string;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
}

/** A delivery in the log: its state, never its body. */
export interface DeliveryView {
  id: string;
  eventId: string;
  eventType: string;
  subject: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  failedAt: string | null;
  createdAt: string;
}

export interface DeliveryDetailView extends DeliveryView {
  log: AttemptView[];
}

export interface EventTypeView {
  type: string;
  scope: string;
  description: string;
}
