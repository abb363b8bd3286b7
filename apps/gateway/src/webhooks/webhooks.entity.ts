import { Check, Column, Entity, ForeignKey, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * A partner's (or a municipality's) webhook subscription: where to deliver which event types,
 * from when. The secret signs every delivery; it is shown once, at creation.
 */
@Entity('webhook_subscription')
@Index('webhook_subscription_org', ['org'])
@Check('webhook_subscription_event_types_check', 'cardinality(event_types) > 0')
export class WebhookSubscriptionEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  /** The subscriber's org claim as given (`AGB:12345678`, `CORP:…`, `GM0546`). */
  @Column({ type: 'text' }) org!: string;
  /** `MUNICIPALITY`, `PROVIDER`, `CORPORATION` or `PARTNER` (OrgKind). */
  @Column({ type: 'text' }) orgKind!: string;
  /** A municipal subscriber's municipalities (its token's at creation); empty for a partner. */
  @Column({ type: 'text', array: true }) municipalities!: string[];
  @Column({ type: 'text' }) url!: string;
  @Column({ type: 'text', array: true }) eventTypes!: string[];
  /** The producing services whose streams are read (one durable consumer each). */
  @Column({ type: 'text', array: true }) services!: string[];
  @Column({ type: 'text' }) secret!: string;
  /** Events from this instant: the creation, or the replay date asked for. */
  @Column({ type: 'timestamptz' }) startAt!: Date;
  @Column({ type: 'boolean', default: true }) active!: boolean;
  @Column({ type: 'text' }) createdBy!: string;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) endedAt!: Date | null;
}

/**
 * One event to deliver to one subscription, stored before JetStream is acked (so a restart loses
 * nothing) and unique per (subscription, event) (so a redelivered message is stored once). The
 * body is the CloudEvent as sent; it is never logged.
 */
@Entity('webhook_delivery')
@Unique(['subscriptionId', 'eventId'])
@Index('webhook_delivery_due', ['status', 'nextAttemptAt'])
@Index('webhook_delivery_subject', ['subscriptionId', 'orderingKey', 'streamSeq'])
@Check('webhook_delivery_status_check', "status IN ('PENDING', 'DELIVERED', 'FAILED', 'HELD')")
export class WebhookDeliveryEntity {
  @PrimaryColumn({ type: 'uuid' }) id!: string;
  @Column({ type: 'uuid' }) @ForeignKey('webhook_subscription') subscriptionId!: string;
  @Column({ type: 'uuid' }) eventId!: string;
  @Column({ type: 'text' }) eventType!: string;
  /** The CloudEvents subject: one subject's deliveries go in stream order, each after the previous succeeded. */
  @Column({ type: 'text' }) orderingKey!: string;
  @Column({ type: 'text' }) stream!: string;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | null) => (v === null ? null : Number(v)) } }) streamSeq!: number;
  @Column({ type: 'text' }) body!: string;
  /** The resident the event is about (the processing-log pseudonym, never sent to a partner), for the processing log. */
  @Column({ type: 'text', nullable: true }) subjectPseudonym!: string | null;
  /** The resident the event is about (`personId`), for the safety-flag hold. */
  @Column({ type: 'uuid', nullable: true }) personId!: string | null;
  /** The envelope's municipality (the processing log's). */
  @Column({ type: 'text', nullable: true }) municipality!: string | null;
  @Column({ type: 'text', default: 'PENDING' }) status!: string;
  @Column({ type: 'integer', default: 0 }) attempts!: number;
  @Column({ type: 'timestamptz' }) nextAttemptAt!: Date;
  @Column({ type: 'timestamptz', nullable: true }) firstAttemptAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) lastAttemptAt!: Date | null;
  @Column({ type: 'integer', nullable: true }) lastStatusCode!: number | null;
  @Column({ type: 'text', nullable: true }) lastError!: string | null;
  /** A sender holds it until then (several gateways share the work). */
  @Column({ type: 'timestamptz', nullable: true }) leaseUntil!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) deliveredAt!: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) failedAt!: Date | null;
  @Column({ type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}

/** The delivery log: one row per attempt — when, the answer's status, how long it took; never a body. */
@Entity('webhook_attempt')
@Index('webhook_attempt_delivery', ['deliveryId', 'attempt'])
export class WebhookAttemptEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ type: 'uuid' }) @ForeignKey('webhook_delivery') deliveryId!: string;
  @Column({ type: 'integer' }) attempt!: number;
  @Column({ type: 'timestamptz' }) at!: Date;
  /** `DELIVERED`, `HTTP_ERROR`, `TIMEOUT`, `NETWORK_ERROR`, `REFUSED_TARGET`. */
  @Column({ type: 'text' }) outcome!: string;
  @Column({ type: 'integer', nullable: true }) statusCode!: number | null;
  @Column({ type: 'integer' }) latencyMs!: number;
  /** A short reason (no response body). */
  @Column({ type: 'text', nullable: true }) error!: string | null;
}

/**
 * Residents with a safety flag (ARCHITECTURE §6: never sent in outbound partner messages), kept
 * from access.person.safety-flag-changed.v1: events about them are held back from partners.
 */
@Entity('webhook_safety_flag')
export class WebhookSafetyFlagEntity {
  @PrimaryColumn({ type: 'uuid' }) personId!: string;
  @Column({ type: 'boolean' }) flagged!: boolean;
  @Column({ type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}

export const WEBHOOK_ENTITIES = [WebhookSubscriptionEntity, WebhookDeliveryEntity, WebhookAttemptEntity, WebhookSafetyFlagEntity];
