import { Allow, IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { IsMunicipalityCode, isMunicipalityCode } from './identifiers';

export type ServiceName = 'access' | 'care-plans' | 'housing' | 'procurement' | 'finance' | 'exchange' | 'gateway';

/** Every service of the platform (ARCHITECTURE §1): the one list the gateway, the tests and the registry use. */
export const SERVICES: readonly ServiceName[] = ['access', 'care-plans', 'housing', 'procurement', 'finance', 'exchange', 'gateway'];

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const SOURCE = /^urn:vangnet:[a-z-]+$/;

/**
 * The envelope's own fields, checked directly: the same rules as the class's decorators, without
 * class-transformer and class-validator on every consumed event. Returns what is wrong.
 */
export function envelopeProblems(value: unknown): Array<{ name: string; reason: string }> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [{ name: '', reason: 'the envelope is not an object' }];
  const e = value as Record<string, unknown>;
  const problems: Array<{ name: string; reason: string }> = [];
  const bad = (name: string, reason: string) => problems.push({ name, reason });
  if (typeof e.id !== 'string' || !UUID.test(e.id)) bad('id', 'id must be a UUID');
  if (typeof e.type !== 'string' || !e.type) bad('type', 'type must be the subject');
  if (typeof e.source !== 'string' || !SOURCE.test(e.source)) bad('source', 'source must be urn:vangnet:<service>');
  if (typeof e.time !== 'string' || !ISO_INSTANT.test(e.time) || Number.isNaN(Date.parse(e.time))) bad('time', 'time must be an ISO-8601 instant');
  if (e.municipality !== null && e.municipality !== undefined && !isMunicipalityCode(e.municipality)) bad('municipality', 'municipality must be GM followed by 4 digits, or null');
  if (typeof e.correlationId !== 'string' || !e.correlationId) bad('correlationId', 'correlationId must be a string');
  if (e.causationId !== undefined && typeof e.causationId !== 'string') bad('causationId', 'causationId must be a string');
  if (!('data' in e)) bad('data', 'data is required');
  return problems;
}

export function sourceOf(service: ServiceName): string {
  return `urn:vangnet:${service}`;
}
