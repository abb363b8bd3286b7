import { Body, Controller, Get, HttpCode, Injectable, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CommonErrorCode, DomainError, IsBsn, PSEUDONYM_PATTERN, Role } from '@vangnet/contracts';
import { currentCorrelationId } from '@vangnet/observability';
import { TransactionalAdapterTypeOrm, TransactionHost, unnest } from '@vangnet/persistence';
import { IsEnum, IsOptional, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { MigrationInterface, QueryRunner } from 'typeorm';
import { Caller } from './caller';
import { CallerContext } from './caller-context';
import { CurrentCaller, Roles } from './decorators';
import { ProcessingAction, ProcessingLogEntity } from './processing-log.entity';
import { pseudonymize } from './pseudonym';

/** Why personal data is processed (AVG art. 30 register), with the legal basis it rests on. */
export interface ProcessingEntry {
  /** The resident: a BSN (pseudonymised here) or an existing pseudonym. */
  bsn?: string;
  pseudonym?: string;
  action: ProcessingAction;
  purpose: string;
  legalBasis: string;
  resource: string;
  resourceId?: string;
  municipality?: string | null;
}

/** A record as the auditor reads it: everything but the pseudonym it was asked for. */
export type ProcessingRecord = Omit<ProcessingLogEntity, 'subjectPseudonym'>;

const RECORD_COLUMNS = ['id', 'at', 'actorSub', 'actorOrg', 'actorRoles', 'action', 'purpose', 'legalBasis', 'resource', 'resourceId', 'municipality', 'correlationId'] as const;

/**
 * Writes who processed whose personal data (pseudonymised), for which purpose, on which legal
 * basis and when. Joins the caller's transaction when there is one, so a change and its log
 * record commit together.
 */
@Injectable()
export class ProcessingLog {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly callers: CallerContext,
  ) {}

  async record(entries: ProcessingEntry | ProcessingEntry[]): Promise<void> {
    const list = Array.isArray(entries) ? entries : [entries];
    if (list.length === 0) return;
    const caller = this.callers.get();
    const rows = list.map((e) => {
      const pseudonym = e.pseudonym ?? (e.bsn ? pseudonymize(e.bsn) : undefined);
      if (!pseudonym) throw new Error('a processing-log entry needs the resident’s BSN or pseudonym');
      return { ...e, pseudonym };
    });
    // One statement for a list of residents (a household, a page of provisions).
    const u = unnest(
      rows,
      {
        subject_pseudonym: ['text', (r) => r.pseudonym],
        action: ['text', (r) => r.action],
        purpose: ['text', (r) => r.purpose],
        legal_basis: ['text', (r) => r.legalBasis],
        resource: ['text', (r) => r.resource],
        resource_id: ['text', (r) => r.resourceId ?? null],
        municipality: ['text', (r) => r.municipality ?? null],
      },
      5,
    );
    await this.txHost.tx.query(`INSERT INTO processing_log (actor_sub, actor_org, actor_roles, correlation_id, ${u.columns}) SELECT $1, $2, $3, $4, ${u.columns} FROM ${u.from}`, [
      caller?.sub ?? 'system',
      caller?.org ?? 'system',
      caller?.roles ?? [],
      currentCorrelationId() ?? null,
      ...u.params,
    ]);
  }

  /**
   * The records about one resident made by or for these municipalities (an inzageverzoek, AVG
   * art. 15), newest first: a record for a municipality (its `municipality`), or one without a
   * municipality that a member of one made (`actorOrg`). Each municipality is its own controller,
   * so nothing made by or for another is shown.
   */
  find(pseudonym: string, municipalities: readonly string[], options: { limit?: number; action?: ProcessingAction } = {}): Promise<ProcessingRecord[]> {
    const q = this.txHost.tx
      .getRepository(ProcessingLogEntity)
      .createQueryBuilder('p')
      .select(RECORD_COLUMNS.map((c) => `p.${c}`))
      .where('p.subjectPseudonym = :pseudonym', { pseudonym })
      .andWhere('(p.municipality = ANY(:municipalities) OR (p.municipality IS NULL AND p.actorOrg = ANY(:municipalities)))', { municipalities: [...municipalities] });
    if (options.action) q.andWhere('p.action = :action', { action: options.action });
    return q
      .orderBy('p.at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(options.limit ?? 500)
      .getMany();
  }
}

/** `POST /v1/processing-log/search`: the resident in the body, never in the URL. */
export class ProcessingLogSearchBody {
  @IsOptional()
  @IsBsn()
  bsn?: string;

  @IsOptional()
  @Matches(PSEUDONYM_PATTERN)
  pseudonym?: string;

  @IsOptional()
  @IsEnum(ProcessingAction)
  action?: ProcessingAction;
}

/** @deprecated the `?bsn=` form puts a BSN in the URL (redacted in logs, but still a URL); use {@link ProcessingLogSearchBody}. */
export class ProcessingLogQuery extends ProcessingLogSearchBody {}

/** `GET /v1/processing-log?bsn=` deprecated on 2026-12-05 (RFC 9745 structured date, seconds since the epoch). */
export const PROCESSING_LOG_QUERY_DEPRECATED = `@${Date.UTC(2026, 11, 5) / 1000}`;
/** …and gone one version later (RFC 8594 Sunset, an HTTP date). */
export const PROCESSING_LOG_QUERY_SUNSET = new Date(Date.UTC(2027, 5, 5)).toUTCString();

/** The pseudonym the auditor named the resident by (400 naming `bsn` without either). */
function pseudonymOf(q: ProcessingLogSearchBody): string {
  const pseudonym = q.pseudonym ?? (q.bsn ? pseudonymize(q.bsn) : undefined);
  if (!pseudonym) throw DomainError.invalidField(CommonErrorCode.VALIDATION_FAILED, 'bsn', 'name the resident by bsn or pseudonym');
  return pseudonym;
}

@Controller('v1/processing-log')
export class ProcessingLogController {
  constructor(private readonly log: ProcessingLog) {}

  /** For the auditor: what this service did with one resident's data, made by or for the auditor's municipalities (the BSN in the body). */
  @Post('search')
  @HttpCode(200)
  @Roles(Role.AUDITOR)
  async search(@Body() body: ProcessingLogSearchBody, @CurrentCaller() caller: Caller): Promise<{ items: ProcessingRecord[] }> {
    return { items: await this.log.find(pseudonymOf(body), caller.municipalities, { action: body.action }) };
  }

  /** Deprecated: `?bsn=` puts the BSN in the URL; answers as `POST /v1/processing-log/search` for one more version. */
  @Get()
  @ApiOperation({ deprecated: true, summary: 'Deprecated: use POST /v1/processing-log/search (the BSN in the body, not the URL)' })
  @Roles(Role.AUDITOR)
  async find(@Query() query: ProcessingLogQuery, @CurrentCaller() caller: Caller, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<{ items: ProcessingRecord[] }> {
    // RFC 9745 Deprecation, RFC 8594 Sunset, RFC 8288 link to what replaces it.
    res.setHeader('Deprecation', PROCESSING_LOG_QUERY_DEPRECATED);
    res.setHeader('Sunset', PROCESSING_LOG_QUERY_SUNSET);
    res.setHeader('Link', `<${(req.originalUrl ?? req.url).split('?')[0].replace(/\/+$/, '')}/search>; rel="successor-version"`);
    return { items: await this.log.find(pseudonymOf(query), caller.municipalities, { action: query.action }) };
  }
}

export class ProcessingLogTable1700000000100 implements MigrationInterface {
  name = 'ProcessingLogTable1700000000100';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE processing_log (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        actor_sub text NOT NULL,
        actor_org text NOT NULL,
        correlation_id text,
        subject_pseudonym text NOT NULL,
        action text NOT NULL,
        purpose text NOT NULL,
        legal_basis text NOT NULL,
        resource text NOT NULL,
        resource_id text,
        municipality text
      )`);
    await q.query(`CREATE INDEX processing_log_subject ON processing_log (subject_pseudonym, at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE processing_log`);
  }
}

/**
 * The roles of whoever processed the data (the resident's access log names them, AVG art. 15),
 * and an index by age for the retention job (docs/operations.md "Retention").
 */
export class ProcessingLogActorRoles1700000000101 implements MigrationInterface {
  name = 'ProcessingLogActorRoles1700000000101';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE processing_log ADD COLUMN actor_roles text[] NOT NULL DEFAULT '{}'`);
    await q.query(`CREATE INDEX processing_log_at ON processing_log (at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX processing_log_at`);
    await q.query(`ALTER TABLE processing_log DROP COLUMN actor_roles`);
  }
}
