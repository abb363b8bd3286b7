import { Body, Controller, Get, HttpCode, Injectable, Post, Query, Req, Res } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CommonErrorCode, DomainError, IsBsn, PSEUDONYM_PATTERN, Role } from '@vangnet/contracts';
import { currentCorrelationId } from '@vangnet/observability';
import { prepared, TransactionalAdapterTypeOrm, TransactionHost, unnest, Unnested } from '@vangnet/persistence';
import { IsEnum, IsOptional, Matches } from 'class-validator';
import type { Request, Response } from 'express';
import { AsyncResource } from 'async_hooks';
import { DataSource, EntityManager, MigrationInterface, QueryRunner } from 'typeorm';
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

/** One row of the processing log as it is inserted: the actor is the caller of the request that made it. */
interface LogRow {
  actorSub: string;
  actorOrg: string;
  actorRoles: string[];
  correlationId: string | null;
  pseudonym: string;
  action: ProcessingAction;
  purpose: string;
  legalBasis: string;
  resource: string;
  resourceId: string | null;
  municipality: string | null;
}

/** Records waiting for the next group commit, and the request that waits for them. */
interface Waiting {
  rows: LogRow[];
  committed(): void;
  failed(error: unknown): void;
}

/** At most this many rows in one group commit; more wait for the next. */
export const GROUP_COMMIT_MAX_ROWS = 500;

// One statement for any number of rows (a household, a page of provisions, a group commit), with
// each row's own actor; named, so PostgreSQL plans it once per connection.
const INSERT_COLUMNS = {
  actor_sub: ['text', (r: LogRow) => r.actorSub],
  actor_org: ['text', (r: LogRow) => r.actorOrg],
  // unnest cannot take an array of arrays: the roles travel as a JSON array each.
  actor_roles: ['jsonb', (r: LogRow) => JSON.stringify(r.actorRoles)],
  correlation_id: ['text', (r: LogRow) => r.correlationId],
  subject_pseudonym: ['text', (r: LogRow) => r.pseudonym],
  action: ['text', (r: LogRow) => r.action],
  purpose: ['text', (r: LogRow) => r.purpose],
  legal_basis: ['text', (r: LogRow) => r.legalBasis],
  resource: ['text', (r: LogRow) => r.resource],
  resource_id: ['text', (r: LogRow) => r.resourceId],
  municipality: ['text', (r: LogRow) => r.municipality],
} as const;
/** `INSERT INTO processing_log … SELECT … FROM unnest(…)`: the roles back from JSON to text[]. */
function insertText(u: Unnested): string {
  return `INSERT INTO processing_log (${u.columns}) SELECT ${u.columns.replace('actor_roles', 'ARRAY(SELECT jsonb_array_elements_text(actor_roles))')} FROM ${u.from}`;
}
const INSERT_SQL = prepared('vangnet_processing_log_insert', insertText(unnest<LogRow>([], INSERT_COLUMNS)));

/**
 * Writes who processed whose personal data (pseudonymised), for which purpose, on which legal
 * basis and when. Joins the caller's transaction when there is one, so a change and its log
 * record commit together. Without one (a read), the record is group-committed: the records of
 * concurrent requests go into one INSERT and one commit, and each request's `record()` resolves
 * only when its own records are committed (rejects when that commit fails), so no answer goes
 * out whose record a crash could lose (ADR 0053).
 */
@Injectable()
export class ProcessingLog {
  private waiting: Waiting[] = [];
  private flushing = false;
  // The flush runs in a context of its own, not in the request that happened to start it (its
  // correlation id, trace and transaction context belong to that request alone).
  private readonly flushScope = new AsyncResource('vangnet.processing-log.group-commit');

  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly callers: CallerContext,
    private readonly dataSource: DataSource,
  ) {}

  async record(entries: ProcessingEntry | ProcessingEntry[]): Promise<void> {
    const rows = this.rowsOf(entries);
    if (rows.length === 0) return;
    if (this.txHost.isTransactionActive()) {
      await insert(this.txHost.tx, rows);
      return;
    }
    await new Promise<void>((committed, failed) => {
      this.waiting.push({ rows, committed, failed });
      if (!this.flushing) this.flushScope.runInAsyncScope(() => void this.flush());
    });
  }

  /**
   * The INSERT of these records as SQL with its parameters (numbered from `first`), for a change
   * written in one statement: as a data-modifying CTE of that statement the records commit exactly
   * when the change does, without a round trip of their own.
   */
  statement(entries: ProcessingEntry | ProcessingEntry[], first: number): { sql: string; params: unknown[] } {
    const rows = this.rowsOf(entries);
    if (rows.length === 0) throw new Error('a processing-log statement needs at least one entry');
    const u = unnest(rows, INSERT_COLUMNS, first);
    return { sql: insertText(u), params: u.params };
  }

  /** The rows of these entries, with the actor and correlation id of the work in progress. */
  private rowsOf(entries: ProcessingEntry | ProcessingEntry[]): LogRow[] {
    const list = Array.isArray(entries) ? entries : [entries];
    const caller = this.callers.get();
    const correlationId = currentCorrelationId() ?? null;
    return list.map((e): LogRow => {
      const pseudonym = e.pseudonym ?? (e.bsn ? pseudonymize(e.bsn) : undefined);
      if (!pseudonym) throw new Error('a processing-log entry needs the resident’s BSN or pseudonym');
      return {
        actorSub: caller?.sub ?? 'system',
        actorOrg: caller?.org ?? 'system',
        actorRoles: caller?.roles ?? [],
        correlationId,
        pseudonym,
        action: e.action,
        purpose: e.purpose,
        legalBasis: e.legalBasis,
        resource: e.resource,
        resourceId: e.resourceId ?? null,
        municipality: e.municipality ?? null,
      };
    });
  }

  /**
   * One commit at a time: the first record goes at once, and those that arrive while it commits
   * go together in the next. Nothing waits for a timer, so a lone read pays no extra latency.
   */
  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.waiting.length) {
        const batch = takeBatch(this.waiting);
        try {
          await insert(this.dataSource, batch.flatMap((w) => w.rows));
          for (const w of batch) w.committed();
        } catch (e) {
          // Every request of the batch fails: none of them may answer without its record.
          for (const w of batch) w.failed(e);
        }
      }
    } finally {
      this.flushing = false;
    }
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

/** Inserts the rows in one statement, in the caller's transaction or as a transaction of their own. */
async function insert(db: Pick<DataSource | EntityManager, 'query'>, rows: readonly LogRow[]): Promise<void> {
  await db.query(INSERT_SQL, unnest(rows, INSERT_COLUMNS).params);
}

/** The waiting requests that fit in one commit (a request's rows are never split). */
function takeBatch(waiting: Waiting[]): Waiting[] {
  let rows = 0;
  let n = 0;
  while (n < waiting.length && (n === 0 || rows + waiting[n].rows.length <= GROUP_COMMIT_MAX_ROWS)) rows += waiting[n++].rows.length;
  return waiting.splice(0, n);
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

/**
 * A service's own processing log, for its auditors. PlatformModule (through AuthModule) serves it
 * in every service, as the tag tells the contracts' source scan.
 * @registeredFor SERVICES
 */
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
