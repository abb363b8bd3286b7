import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { actorOf, Caller } from '@vangnet/auth';
import { DomainError, LIFE_DOMAIN_CHANGED_V1 } from '@vangnet/contracts';
import { Outbox } from '@vangnet/messaging';
import { Transactional, TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { BackgroundJob, checkIfMatch, mustExist } from '@vangnet/platform';
import { RegionDataKind } from '../region-data/region-data.entity';
import { RegionDataChanges } from '../region-data/region-data.service';
import { LifeDomainRequest, LifeDomainView } from './life-domains.dto';
import { LifeDomainEntity } from './life-domains.entity';
import { LifeDomainErrorCode } from './life-domains.errors';
import { isLifeDomainCode, lifeDomainEvent, lifeDomainView } from './life-domains.rules';
import { LifeDomainsRepository } from './life-domains.repository';

const ANNOUNCE_BATCH = 100;

/**
 * The region's life domains (shared master data, ARCHITECTURE §6): changed only by a
 * region.administrator acting for every municipality of the region, with If-Match and an audit
 * record; every revision is announced once as access.life-domain.changed.v1 (region-wide, so the
 * envelope's municipality is null). At start, revisions never announced (the set that existed
 * before the event) are published.
 */
@Injectable()
export class LifeDomainsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly backfill: BackgroundJob<number>;

  constructor(
    private readonly domains: LifeDomainsRepository,
    private readonly outbox: Outbox,
    private readonly changes: RegionDataChanges,
    txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {
    this.backfill = BackgroundJob.draining('LifeDomainBackfill', { batch: () => this.announceBatch(), batchSize: ANNOUNCE_BATCH, txHost });
  }

  onApplicationBootstrap(): void {
    this.backfill.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.backfill.stop();
  }

  async list(): Promise<LifeDomainView[]> {
    return (await this.domains.all()).map(lifeDomainView);
  }

  /** The codes an investigation may score. */
  async activeCodes(): Promise<Set<string>> {
    return new Set((await this.domains.all(true)).map((d) => d.code));
  }

  /** Each domain's place in the list, to order scores by. */
  async positions(): Promise<Map<string, number>> {
    return new Map((await this.domains.all()).map((d) => [d.code, d.position]));
  }

  /**
   * Add a domain or change one: a region administrator acting for every member municipality, with
   * `If-Match` and the domain's ETag (the revision) for a change, `If-None-Match: *` for an
   * addition (428 with neither, 412 when stale); the change is audited before and after.
   */
  @Transactional()
  async put(caller: Caller, code: string, req: LifeDomainRequest, ifMatch?: string, ifNoneMatch?: string): Promise<LifeDomainView> {
    // Region-wide data: the caller acts for every municipality of the region.
    this.changes.guard(caller, "the region's life domains");
    if (!isLifeDomainCode(code)) throw DomainError.invalidField(LifeDomainErrorCode.INVALID_CODE, 'code', 'a life-domain code is 2–64 capitals, digits or underscores, starting with a capital');
    const existing = await this.domains.find(code, true);
    if (!existing) {
      // RFC 9110 §13.1.1: If-Match fails without a current representation; an addition says If-None-Match: *.
      if (ifMatch !== undefined) checkIfMatch(ifMatch, 0);
      if (ifNoneMatch?.trim() !== '*') checkIfMatch(undefined, 0, true);
      const added = await this.domains.insert({ code, label: req.label, framework: req.framework ?? 'LOCAL', position: await this.domains.nextPosition(), active: req.active });
      if (!added) throw DomainError.conflict(LifeDomainErrorCode.CONCURRENT_CHANGE, `life domain ${code} was added meanwhile; read it and retry with If-Match`);
    } else {
      checkIfMatch(ifMatch, existing.revision, true);
      const next = { label: req.label, framework: req.framework ?? existing.framework, active: req.active };
      if (next.label === existing.label && next.framework === existing.framework && next.active === existing.active) {
        throw DomainError.invalidField(LifeDomainErrorCode.NOTHING_TO_CHANGE, 'label', 'the change changes nothing', 422);
      }
      await this.domains.update(code, next);
    }
    const stored = await this.announce(code);
    await this.domains.audit({ code, revision: stored.revision, label: stored.label, framework: stored.framework, active: stored.active, changedBy: actorOf(caller) });
    const after = lifeDomainView(stored);
    await this.changes.record(caller, { kind: RegionDataKind.LIFE_DOMAIN, key: code, version: stored.revision, before: existing ? lifeDomainView(existing) : null, after });
    return after;
  }

  /** Publishes the domain's current revision in the caller's transaction. */
  private async announce(code: string): Promise<LifeDomainEntity> {
    const d = mustExist(await this.domains.find(code), `life domain ${code}`);
    await this.outbox.publish({ type: LIFE_DOMAIN_CHANGED_V1, data: lifeDomainEvent(d), municipality: null });
    await this.domains.markAnnounced(code, d.revision);
    return d;
  }

  /** Publishes what was never announced: the first deployment's existing set. */
  announceUnannounced(): Promise<number> {
    return this.backfill.run();
  }

  private async announceBatch(): Promise<number> {
    const due = await this.domains.unannounced(ANNOUNCE_BATCH);
    for (const d of due) await this.announce(d.code);
    return due.length;
  }
}
