import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { actorOf, Caller, narrowToScope, NON_PERSONAL_DATA, requireActFor, ScopeError, scopeAllows, tenantScopeOf } from '@vangnet/auth';
import { CEILING_THRESHOLD_REACHED_V1, CeilingThreshold, CeilingThresholdReachedV1, DomainError, SpendReportedV1 } from '@vangnet/contracts';
import { Outbox } from '@vangnet/messaging';
import { checkIfMatch } from '@vangnet/platform';
import { ProvidersRepository } from '../providers/providers.repository';
import { CeilingListQuery, CeilingView } from './ceilings.dto';
import { CeilingError, CeilingErrorCode } from './ceilings.errors';
import { CeilingKey, CeilingRow, CeilingsRepository } from './ceilings.repository';
import { thresholdsReached, usedBasisPoints } from './ceilings.rules';

@Injectable()
export class CeilingsService {
  constructor(
    private readonly repo: CeilingsRepository,
    private readonly providers: ProvidersRepository,
    private readonly outbox: Outbox,
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
  ) {}

  /** Set or replace a ceiling; thresholds the spend already passes fire now (once each). */
  async put(k: CeilingKey, ceilingCents: number, caller: Caller, ifMatch: string | undefined): Promise<{ view: CeilingView; created: boolean }> {
    requireActFor(caller, k.municipality, 'municipality');
    return this.txHost.withTransaction(async () => {
      if (!(await this.providers.exists(k.providerAgb))) {
        throw CeilingError.invalidField(CeilingErrorCode.UNKNOWN_PROVIDER, 'agb', `provider ${k.providerAgb} is not registered`, 422);
      }
      await this.repo.lock(k);
      const current = await this.repo.find(k);
      if (current?.version != null) checkIfMatch(ifMatch, current.version);
      const created = await this.repo.upsertCeiling(k, ceilingCents, actorOf(caller));
      await this.evaluate(k);
      const row = await this.repo.find(k);
      if (!row) throw new Error('the ceiling just written is gone');
      return { view: toView(row), created };
    });
  }

  /**
   * finance.spend.reported.v1 (runs in the inbox transaction): keep the newest cumulative spend per
   * key — a repeated or late report (sequence not higher) changes nothing — and fire what it reaches.
   */
  async recordSpend(e: SpendReportedV1): Promise<void> {
    const k = { providerAgb: e.providerAgb, municipality: e.municipality, year: e.year };
    await this.repo.lock(k);
    if (await this.repo.recordSpend(k, e.spendCents, e.sequence)) await this.evaluate(k);
  }

  async get(k: CeilingKey, caller: Caller): Promise<CeilingView> {
    this.requireRead(caller, k);
    const row = await this.repo.find(k);
    if (!row) throw DomainError.notFound(CeilingErrorCode.CEILING_NOT_FOUND, `no ceiling or spend for ${k.providerAgb} × ${k.municipality} × ${k.year}`);
    return toView(row);
  }

  async list(q: CeilingListQuery, caller: Caller): Promise<{ items: CeilingView[] }> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    const asked = narrowToScope(scope, { providerAgb: q.providerAgb, municipalities: q.municipality ? [q.municipality] : undefined });
    if (!asked) return { items: [] };
    return { items: (await this.repo.list({ year: q.year, ...asked })).map(toView) };
  }

  private requireRead(caller: Caller, k: CeilingKey): void {
    // The route names both: a provider is out of scope by its AGB, a municipality by its code.
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    if (!scopeAllows(scope, { providerAgb: k.providerAgb, municipalities: [k.municipality] })) {
      throw ScopeError.of(scope.providerAgb !== undefined ? 'agb' : 'municipality', `this token may not read the ceiling of ${k.providerAgb} for ${k.municipality}`);
    }
  }

  // Under the key's lock: claim every threshold the current spend reaches and announce the new ones.
  private async evaluate(k: CeilingKey): Promise<void> {
    const row = await this.repo.find(k);
    const spendCents = row?.spendCents;
    const ceilingCents = row?.ceilingCents;
    if (ceilingCents == null || spendCents == null) return;
    const fired = await this.repo.claimThresholds(k, thresholdsReached(spendCents, ceilingCents), spendCents, ceilingCents);
    await this.outbox.publishAll(
      fired.map((t) => ({
        type: CEILING_THRESHOLD_REACHED_V1,
        municipality: k.municipality,
        data: { ...k, thresholdPercent: t as CeilingThreshold, spendCents, ceilingCents } satisfies CeilingThresholdReachedV1,
      })),
    );
  }
}

function toView(r: CeilingRow): CeilingView {
  return {
    providerAgb: r.providerAgb,
    municipality: r.municipality,
    year: r.year,
    ceilingCents: r.ceilingCents,
    spendCents: r.spendCents ?? 0,
    spendSequence: r.spendSequence,
    usedBasisPoints: usedBasisPoints(r.spendCents ?? 0, r.ceilingCents),
    thresholdsReached: r.thresholds,
    version: r.version,
  };
}
