import { Injectable } from '@nestjs/common';
import { actorOf, Caller, requireRole } from '@vangnet/auth';
import { Role } from '@vangnet/contracts';
import { ValidationFailedError } from '@vangnet/messaging';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { checkIfMatch, decodeCursor, mustExist, Page, RegionConfig, toPage } from '@vangnet/platform';
import { Repository } from 'typeorm';
import { RegionDataChangeQuery, RegionDataChangeView } from './region-data.dto';
import { RegionDataChangeEntity, RegionDataKind, RegionDataVersionEntity } from './region-data.entity';

const DEFAULT_LIMIT = 50;

/**
 * Issue 13, O3: the region's shared master data in access (life domains, decreed days,
 * responsibility rule sets, mandates) is changed only by a `region.administrator` acting for every
 * member municipality, with `If-Match` on a version, and every change leaves an audit record
 * (who, when, before and after) that auditors and region administrators read.
 */
@Injectable()
export class RegionDataChanges {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly region: RegionConfig,
  ) {}

  private get changes(): Repository<RegionDataChangeEntity> {
    return this.txHost.tx.getRepository(RegionDataChangeEntity);
  }

  private get versions(): Repository<RegionDataVersionEntity> {
    return this.txHost.tx.getRepository(RegionDataVersionEntity);
  }

  /** 403 unless a region administrator acting for every member municipality (naming `municipalities`). */
  guard(caller: Caller, what: string): void {
    requireRole(caller, Role.REGION_ADMINISTRATOR);
    this.region.requireWholeRegion(caller, what);
  }

  /** The list's version (its ETag). */
  async version(kind: RegionDataKind): Promise<number> {
    return (await this.versions.findOneBy({ kind }))?.version ?? 0;
  }

  /**
   * Locks the list's version for the caller's transaction and holds `If-Match` to it (428 without,
   * 412 when stale); returns the version the change will make.
   */
  async beginListChange(kind: RegionDataKind, ifMatch: string | undefined): Promise<number> {
    await this.versions.createQueryBuilder().insert().values({ kind, version: 0 }).orIgnore().execute();
    const row = mustExist(await this.versions.createQueryBuilder('v').where('v.kind = :kind', { kind }).setLock('pessimistic_write').getOne(), `version of ${kind}`);
    checkIfMatch(ifMatch, row.version, true);
    await this.versions.update({ kind }, { version: row.version + 1 });
    return row.version + 1;
  }

  async record(caller: Caller, change: { kind: RegionDataKind; key: string; version: number; before: object | null; after: object | null }): Promise<void> {
    await this.changes.insert({
      kind: change.kind,
      key: change.key,
      version: change.version,
      changedBy: actorOf(caller),
      before: change.before,
      after: change.after,
    });
  }

  /** The audit trail, newest first: for auditors and region administrators (region-wide data, no persons). */
  async list(q: RegionDataChangeQuery): Promise<Page<RegionDataChangeView>> {
    const after = decodeCursor<{ seq: string }>(q.cursor);
    const limit = q.limit ?? DEFAULT_LIMIT;
    const query = this.changes.createQueryBuilder('c').orderBy('c.seq', 'DESC').limit(limit + 1);
    if (q.kind) query.andWhere('c.kind = :kind', { kind: q.kind });
    if (after) {
      if (typeof after.seq !== 'string' || !/^\d{1,18}$/.test(after.seq)) {
        throw new ValidationFailedError([{ name: 'cursor', code: 'INVALID_CURSOR', reason: 'cursor is not one this API gave out' }], 'the query has invalid parameters');
      }
      query.andWhere('c.seq < :seq', { seq: after.seq });
    }
    const page = toPage(await query.getMany(), limit, (last) => ({ seq: String(last.seq) }));
    return {
      items: page.items.map((c) => ({ kind: c.kind, key: c.key, version: c.version, changedBy: c.changedBy, changedAt: c.changedAt.toISOString(), before: c.before as Record<string, unknown> | null, after: c.after as Record<string, unknown> | null })),
      nextCursor: page.nextCursor,
    };
  }
}
