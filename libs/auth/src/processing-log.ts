import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { CommonErrorCode, DomainError, IsBsn, PSEUDONYM_PATTERN, Role } from '@vangnet/contracts';
import { currentCorrelationId } from '@vangnet/observability';
import { TransactionalAdapterTypeOrm, TransactionHost, unnest } from '@vangnet/persistence';
import { IsEnum, IsOptional, Matches } from 'class-validator';
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

const RECORD_COLUMNS = ['id', 'at', 'actorSub', 'actorOrg', 'action', 'purpose', 'legalBasis', 'resource', 'resourceId', 'municipality', 'correlationId'] as const;

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
      4,
    );
    await this.txHost.tx.query(`INSERT INTO processing_log (actor_sub, actor_org, correlation_id, ${u.columns}) SELECT $1, $2, $3, ${u.columns} FROM ${u.from}`, [
      caller?.sub ?? 'system',
      caller?.org ?? 'system',
      currentCorrelationId() ?? null,
      ...u.params,
    ]);
  }

  /** The records about one resident in these municipalities (an inzageverzoek, AVG art. 15). */
  find(pseudonym: string, municipalities: string[], limit = 500): Promise<ProcessingRecord[]> {
    return this.txHost.tx
      .getRepository(ProcessingLogEntity)
      .createQueryBuilder('p')
      .select(RECORD_COLUMNS.map((c) => `p.${c}`))
      .where('p.subjectPseudonym = :pseudonym', { pseudonym })
      .andWhere('(p.municipality IS NULL OR p.municipality = ANY(:municipalities))', { municipalities })
      .orderBy('p.at', 'DESC')
      .addOrderBy('p.id', 'DESC')
      .limit(limit)
      .getMany();
  }
}

export class ProcessingLogQuery {
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

@Controller('v1/processing-log')
export class ProcessingLogController {
  constructor(private readonly log: ProcessingLog) {}

  /** For the auditor: what this service did with one resident's data, in the auditor's municipalities. */
  @Get()
  @Roles(Role.AUDITOR)
  async find(@Query() query: ProcessingLogQuery, @CurrentCaller() caller: Caller): Promise<{ items: ProcessingRecord[] }> {
    const pseudonym = query.pseudonym ?? (query.bsn ? pseudonymize(query.bsn) : undefined);
    if (!pseudonym) {
      throw DomainError.invalidField(CommonErrorCode.VALIDATION_FAILED, 'bsn', 'name the resident by bsn or pseudonym');
    }
    const items = await this.log.find(pseudonym, caller.municipalities);
    return { items: query.action ? items.filter((i) => i.action === query.action) : items };
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
