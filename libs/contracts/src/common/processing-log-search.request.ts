import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsEnum, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';
import { PSEUDONYM_PATTERN } from '../access/provision-events';
import { ServiceName } from './envelope';
import { IsMunicipalityCode } from './identifiers';
import { NestedList } from './value-objects';

/**
 * `<service>.processing-log.search`: every service that keeps a processing log (AVG art. 30)
 * answers it for its own records, so the resident's access log (AVG art. 15) can gather one
 * resident's records from all of them in one answer (docs/adr/0012-processing-log-and-retention.md).
 * Only access asks (its NATS user; the responder also checks the caller's service header).
 */
export function processingLogSearchSubject(service: ServiceName): string {
  return `${service}.processing-log.search`;
}

/** The services that keep a processing log of personal data (the gateway keeps none). */
export const PROCESSING_LOG_SERVICES: readonly ServiceName[] = ['access', 'care-plans', 'housing', 'procurement', 'finance', 'exchange'];

/** The ones that answer `<service>.processing-log.search`: all but access, which gathers and reads its own directly. */
export const PROCESSING_LOG_RESPONDERS: readonly ServiceName[] = PROCESSING_LOG_SERVICES.filter((s) => s !== 'access');

/** What was done with the data (as `ProcessingAction` in libs/auth). */
export enum ProcessingLogAction {
  READ = 'READ',
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}

/**
 * The question: one resident (by pseudonym, never the BSN), limited to the records made by or for
 * these municipalities (the asking auditor's own: each municipality is its own controller).
 */
export class ProcessingLogSearchRequest {
  @Matches(PSEUDONYM_PATTERN)
  pseudonym!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsMunicipalityCode({ each: true })
  municipalities!: string[];

  /** At most this many records, newest first (default 500). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5000)
  limit?: number;
}

/** One processing-log record as it travels: who (organisation, subject, roles), what, why, when. */
export class ProcessingLogRecordMessage {
  @IsString()
  @Length(1, 20)
  id!: string;

  /** ISO 8601 instant. */
  @IsISO8601()
  at!: string;

  @IsString()
  actorSub!: string;

  /** `GM0546`, `AGB:…`, `CORP:…`, `ORG:…` or `system` (an event handler or job). */
  @IsString()
  actorOrg!: string;

  /** The roles the actor's token held (empty for the system). */
  @IsArray()
  @IsString({ each: true })
  actorRoles!: string[];

  @IsEnum(ProcessingLogAction)
  action!: ProcessingLogAction;

  @IsString()
  purpose!: string;

  @IsString()
  legalBasis!: string;

  @IsString()
  resource!: string;

  @IsOptional()
  @IsString()
  resourceId?: string | null;

  @IsOptional()
  @IsString()
  municipality?: string | null;

  @IsOptional()
  @IsString()
  correlationId?: string | null;
}

export class ProcessingLogSearchReply {
  @IsArray()
  @ArrayMaxSize(5000)
  @NestedList(() => ProcessingLogRecordMessage)
  items!: ProcessingLogRecordMessage[];

  /** More records than `limit` exist. */
  @IsOptional()
  @IsBoolean()
  truncated?: boolean;
}
