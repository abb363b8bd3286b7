import { Allow, IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { IsMunicipalityCode } from './identifiers';

export type ServiceName = 'access' | 'care-plans' | 'housing' | 'procurement' | 'finance' | 'gateway';

export const SERVICES: readonly ServiceName[] = ['access', 'care-plans', 'housing', 'procurement', 'finance', 'gateway'];

/**
 * Every event travels in this envelope. `id` is the JetStream Nats-Msg-Id and the consumer's
 * dedupe key. The envelope never carries a BSN or a name.
 */
export class EventEnvelope<T = unknown> {
  @IsUUID()
  id!: string;

  /** The subject without the deployment's prefix, e.g. `access.provision.granted.v1`. */
  @IsString()
  type!: string;

  @Matches(/^urn:vangnet:[a-z-]+$/)
  source!: string;

  @IsISO8601({ strict: true })
  time!: string;

  /** The tenant whose staff acted; null for a region-wide fact. */
  @IsOptional()
  @IsMunicipalityCode()
  municipality!: string | null;

  @IsString()
  correlationId!: string;

  @IsOptional()
  @IsString()
  causationId?: string;

  // The payload is validated against its own class by the consumer.
  @Allow()
  data!: T;
}

export function sourceOf(service: ServiceName): string {
  return `urn:vangnet:${service}`;
}
