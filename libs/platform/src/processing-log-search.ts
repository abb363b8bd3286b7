import { Body, Controller, HttpCode, Inject, Injectable, Module, Post, Type } from '@nestjs/common';
import { Ctx, MessagePattern, NatsContext, Payload } from '@nestjs/microservices';
import { Caller, CurrentCaller, ProcessingAction, ProcessingLog, ProcessingRecord, pseudonymize, Roles } from '@vangnet/auth';
import {
  DomainError,
  IsBsn,
  PROCESSING_LOG_RESPONDERS,
  ProcessingLogRecordMessage,
  ProcessingLogSearchReply,
  ProcessingLogSearchRequest,
  processingLogSearchSubject,
  Role,
  ServiceName,
} from '@vangnet/contracts';
import { RPC_CALLER_HEADER, RpcClient } from '@vangnet/messaging';

// The resident's access log (AVG art. 15; issue 18, issue 13 #4; docs/adr/0012): every service
// answers `<service>.processing-log.search` for its own processing log, and access gathers the
// answers of all of them for one resident in one route. The pseudonym travels, never the BSN.

/** Who may ask a service for its processing-log records (its NATS user is the first guard). */
export const PROCESSING_LOG_SEARCH_CALLERS: readonly ServiceName[] = ['access'];

/** How long the gatherer waits for each service. */
export const PROCESSING_LOG_SEARCH_TIMEOUT_MS = 5000;

/** The most records one service gives for one resident in one answer. */
const PER_SERVICE_LIMIT = 1000;

export function toRecordMessage(r: ProcessingRecord): ProcessingLogRecordMessage {
  return {
    id: String(r.id),
    at: new Date(r.at).toISOString(),
    actorSub: r.actorSub,
    actorOrg: r.actorOrg,
    actorRoles: r.actorRoles ?? [],
    action: r.action as unknown as ProcessingLogRecordMessage['action'],
    purpose: r.purpose,
    legalBasis: r.legalBasis,
    resource: r.resource,
    // Absent rather than null on the wire: the published schema (an optional string) has no null.
    ...(r.resourceId != null ? { resourceId: r.resourceId } : {}),
    ...(r.municipality != null ? { municipality: r.municipality } : {}),
    ...(r.correlationId != null ? { correlationId: r.correlationId } : {}),
  };
}

/**
 * The NATS responder of one service: `<service>.processing-log.search`, answered from its own
 * processing log (the records made by or for the municipalities asked about). A class per service,
 * so several services in one process (tests) each answer their own subject. PlatformModule adds it
 * in every service of PROCESSING_LOG_RESPONDERS, as the tag tells the contracts' source scan.
 * @registeredFor PROCESSING_LOG_RESPONDERS
 */
export function processingLogResponder(service: ServiceName): Type<unknown> {
  const subject = processingLogSearchSubject(service);

  @Controller()
  class ProcessingLogResponder {
    constructor(@Inject(ProcessingLog) private readonly log: ProcessingLog) {}

    @MessagePattern(subject)
    async search(@Payload() req: ProcessingLogSearchRequest, @Ctx() ctx: NatsContext): Promise<ProcessingLogSearchReply> {
      const caller = ctx.getHeaders()?.get(RPC_CALLER_HEADER) || undefined;
      if (!caller || !PROCESSING_LOG_SEARCH_CALLERS.includes(caller as ServiceName)) {
        throw new DomainError('CALLER_NOT_ALLOWED', `${subject} is answered only to ${PROCESSING_LOG_SEARCH_CALLERS.join(', ')}, not to ${caller ?? 'a caller without a service identity'}`, 403);
      }
      const limit = req.limit ?? PER_SERVICE_LIMIT;
      const rows = await this.log.find(req.pseudonym, req.municipalities, { limit: limit + 1 });
      return { items: rows.slice(0, limit).map(toRecordMessage), truncated: rows.length > limit };
    }
  }
  Object.defineProperty(ProcessingLogResponder, 'name', { value: `ProcessingLogResponder_${service.replace(/-/g, '_')}` });
  return ProcessingLogResponder;
}

/** `POST /v1/resident-access-log`: the resident by BSN, in the body (never the URL). */
export class ResidentAccessLogRequest {
  @IsBsn()
  bsn!: string;
}

/** One record of the resident's access log: which service, organisation, role, what, why, when. */
export interface AccessLogEntry {
  service: ServiceName;
  /** The organisation that processed the data (`GM0546`, `AGB:…`, `CORP:…`, `system`). */
  organisation: string;
  /** The person or system within it (the token's subject). */
  actor: string;
  roles: string[];
  action: string;
  /** What: the kind of record and its id. */
  resource: string;
  resourceId: string | null;
  purpose: string;
  legalBasis: string;
  /** For which municipality (null: made by a municipality's own staff outside one case). */
  municipality: string | null;
  at: string;
}

export interface ServiceAnswer {
  service: ServiceName;
  /** ANSWERED, or the error code (NO_RESPONDER, TIMEOUT, …) when the service gave no answer. */
  outcome: string;
  records: number;
  /** More records than one answer holds exist in this service. */
  truncated: boolean;
}

export interface ResidentAccessLog {
  items: AccessLogEntry[];
  /** Every service asked and what it answered. */
  services: ServiceAnswer[];
  /** Every service answered in full; otherwise ask again (an AVG art. 15 answer must be complete). */
  complete: boolean;
}

/**
 * Asks every service for its records; runs in the apps that import ResidentAccessLogModule (access),
 * as the tag tells the contracts' source scan (libs/contracts/src/testing/source-scan.ts).
 * @registeredVia ResidentAccessLogModule
 */
@Injectable()
export class ResidentAccessLogService {
  constructor(
    private readonly rpc: RpcClient,
    private readonly log: ProcessingLog,
  ) {}

  /** One resident's records from every service, made by or for the caller's municipalities, newest first. */
  async gather(caller: Caller, bsn: string): Promise<ResidentAccessLog> {
    const pseudonym = pseudonymize(bsn);
    const question: ProcessingLogSearchRequest = { pseudonym, municipalities: [...caller.municipalities], limit: PER_SERVICE_LIMIT };
    // Access's own log is read here; every other service is asked over NATS, all at once.
    const own = this.log.find(pseudonym, caller.municipalities, { limit: PER_SERVICE_LIMIT + 1 }).then((rows) => ({
      service: 'access' as ServiceName,
      outcome: 'ANSWERED',
      items: rows.slice(0, PER_SERVICE_LIMIT).map(toRecordMessage),
      truncated: rows.length > PER_SERVICE_LIMIT,
    }));
    const answers = await Promise.all([
      own,
      ...PROCESSING_LOG_RESPONDERS.map(async (service) => {
        try {
          const reply = await this.rpc.request(processingLogSearchSubject(service), question, { timeoutMs: PROCESSING_LOG_SEARCH_TIMEOUT_MS, reply: ProcessingLogSearchReply });
          return { service, outcome: 'ANSWERED', items: reply.items, truncated: !!reply.truncated };
        } catch (e) {
          return { service, outcome: e instanceof DomainError ? e.code : 'INTERNAL', items: [] as ProcessingLogRecordMessage[], truncated: false };
        }
      }),
    ]);
    const items = answers
      .flatMap((a) => a.items.map((r) => entryOf(a.service, r)))
      .sort((x, y) => (x.at < y.at ? 1 : x.at > y.at ? -1 : 0));
    // Reading the log is itself processing the resident's data: logged here, after the answer was read.
    await this.log.record({
      pseudonym,
      action: ProcessingAction.READ,
      purpose: 'inzageverzoek: the resident’s access log',
      legalBasis: 'AVG art. 15 en art. 6 lid 1 onder c',
      resource: 'resident-access-log',
      municipality: null,
    });
    const services = answers.map((a) => ({ service: a.service, outcome: a.outcome, records: a.items.length, truncated: a.truncated }));
    return { items, services, complete: services.every((s) => s.outcome === 'ANSWERED' && !s.truncated) };
  }
}

function entryOf(service: ServiceName, r: ProcessingLogRecordMessage): AccessLogEntry {
  return {
    service,
    organisation: r.actorOrg,
    actor: r.actorSub,
    roles: r.actorRoles,
    action: r.action,
    resource: r.resource,
    resourceId: r.resourceId ?? null,
    purpose: r.purpose,
    legalBasis: r.legalBasis,
    municipality: r.municipality ?? null,
    at: r.at,
  };
}

/**
 * Served by the apps that import ResidentAccessLogModule (access), as the tag tells the contracts' source scan.
 * @registeredVia ResidentAccessLogModule
 */
@Controller('v1/resident-access-log')
export class ResidentAccessLogController {
  constructor(private readonly accessLog: ResidentAccessLogService) {}

  /**
   * For the auditor answering an inzageverzoek (AVG art. 15): every processing-log record about one
   * resident across all services, made by or for the auditor's own municipalities, in one answer.
   */
  @Post()
  @HttpCode(200)
  @Roles(Role.AUDITOR)
  gather(@Body() body: ResidentAccessLogRequest, @CurrentCaller() caller: Caller): Promise<ResidentAccessLog> {
    return this.accessLog.gather(caller, body.bsn);
  }
}

/** The route that gathers the resident's access log; access imports it (it owns identity; ADR 0012). */
@Module({
  controllers: [ResidentAccessLogController],
  providers: [ResidentAccessLogService],
})
export class ResidentAccessLogModule {}
