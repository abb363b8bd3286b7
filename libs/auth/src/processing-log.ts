import { Controller, Get, Injectable, Query } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { CommonErrorCode, DomainError, IsBsn, PSEUDONYM_PATTERN, Role } from '@vangnet/contracts';
import { currentCorrelationId } from '@vangnet/observability';
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
      return [pseudonym, e.action, e.purpose, e.legalBasis, e.resource, e.resourceId ?? null, e.municipality ?? null];
    });
    const col = (i: number) => rows.map((r) => r[i]);
    await this.txHost.tx.query(
      `INSERT INTO processing_log (actor_sub, actor_org, correlation_id, subject_pseudonym, action, purpose, legal_basis, resource, resource_id, municipality)
       SELECT $1, $2, $3, * FROM unnest($4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[])`,
      [caller?.sub ?? 'system', caller?.org ?? 'system', currentCorrelationId() ?? null, col(0), col(1), col(2), col(3), col(4), col(5), col(6)],
    );
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
