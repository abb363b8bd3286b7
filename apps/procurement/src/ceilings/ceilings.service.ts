import { Injectable } from '@nestjs/common';
import { actorOf, Caller, narrowToScope, NON_PERSONAL_DATA, requireActFor, ScopeError, scopeAllows, tenantScopeOf } from '@vangnet/auth';
import { CEILING_THRESHOLD_REACHED_V1, CeilingThresholdReachedV1, SpendReportedV1 } from '@vangnet/contracts';
import { Outbox } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { checkIfMatch, foundOr404, mustExist } from '@vangnet/platform';
import { ProvidersService } from '../providers/providers.service';
import { CeilingAlertRow, ceilingAlerts } from './ceiling-alerts.rules';
import { CeilingListQuery, CeilingView } from './ceilings.dto';
import { CeilingError, CeilingErrorCode } from './ceilings.errors';
import { CeilingKey, CeilingRow, CeilingsRepository } from './ceilings.repository';
import { isNewerSpend, thresholdsReached, thresholdsToFire, usedBasisPoints } from './ceilings.rules';

@Injectable()
export class CeilingsService {
  constructor(
    private readonly repo: CeilingsRepository,
    private readonly providers: ProvidersService,
    private readonly outbox: Outbox,
  ) {}

  /** Set or replace a ceiling; thresholds the spend already passes fire now (once each). */
  async put(k: CeilingKey, ceilingCents: number, caller: Caller, ifMatch: string | undefined): Promise<{ view: CeilingView; created: boolean }> {
    requireActFor(caller, k.municipality, 'municipality');
    return this.store(k, ceilingCents, actorOf(caller), ifMatch);
  }

  /**
   * finance.spend.reported.v1 (runs in the inbox transaction): keep the newest cumulative spend per
   * key — a repeated or late report (sequence not higher) changes nothing — and fire what it reaches.
   */
  async recordSpend(e: SpendReportedV1): Promise<void> {
    const k = { providerAgb: e.providerAgb, municipality: e.municipality, year: e.year };
    await this.repo.lock(k);
    const current = await this.repo.find(k);
    if (!isNewerSpend(current?.spend ?? null, e.sequence)) return;
    await this.repo.saveSpend(k, e.spendCents, e.sequence);
    await this.evaluate(k);
  }

  async get(k: CeilingKey, caller: Caller): Promise<CeilingView> {
    this.requireRead(caller, k);
    const row = foundOr404(await this.repo.find(k), () => CeilingError.missing(k));
    return toView(row);
  }

  async list(q: CeilingListQuery, caller: Caller): Promise<{ items: CeilingView[] }> {
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    const asked = narrowToScope(scope, { providerAgb: q.providerAgb, municipalities: q.municipality ? [q.municipality] : undefined });
    if (!asked) return { items: [] };
    return { items: (await this.repo.list({ year: q.year, ...asked })).map(toView) };
  }

  /** Per provider: its ceilings in the caller's scope summed up, named as the register names it (the regional monitor). */
  async alerts(q: CeilingListQuery, caller: Caller): Promise<{ items: CeilingAlertRow[] }> {
    const { items } = await this.list(q, caller);
    return { items: ceilingAlerts(items, await this.providers.namesOf(items.map((v) => v.providerAgb))) };
  }

  @Transactional()
  private async store(k: CeilingKey, ceilingCents: number, setBy: string, ifMatch: string | undefined): Promise<{ view: CeilingView; created: boolean }> {
    if (!(await this.providers.isRegistered(k.providerAgb))) {
      throw CeilingError.invalidField(CeilingErrorCode.UNKNOWN_PROVIDER, 'agb', `provider ${k.providerAgb} is not registered`, 422);
    }
    await this.repo.lock(k);
    const current = (await this.repo.find(k))?.ceiling;
    if (current) {
      checkIfMatch(ifMatch, current.version);
      await this.repo.updateCeiling(k, ceilingCents, setBy);
    } else {
      await this.repo.insertCeiling({ ...k, ceilingCents, setBy });
    }
    await this.evaluate(k);
    return { view: toView(mustExist(await this.repo.find(k), 'the ceiling just written')), created: !current };
  }

  private requireRead(caller: Caller, k: CeilingKey): void {
    // The route names both: a provider is out of scope by its AGB, a municipality by its code.
    const scope = tenantScopeOf(caller, NON_PERSONAL_DATA);
    if (!scopeAllows(scope, { providerAgb: k.providerAgb, municipalities: [k.municipality] })) {
      throw ScopeError.of(scope.providerAgb !== undefined ? 'agb' : 'municipality', `this token may not read the ceiling of ${k.providerAgb} for ${k.municipality}`);
    }
  }

  // Under the key's lock: record every threshold the current spend reaches that had not fired, and announce those.
  private async evaluate(k: CeilingKey): Promise<void> {
    const row = await this.repo.find(k);
    if (!row?.ceiling || !row.spend) return;
    const { spendCents } = row.spend;
    const { ceilingCents } = row.ceiling;
    const fire = thresholdsToFire(thresholdsReached(spendCents, ceilingCents), row.thresholds.map((t) => t.thresholdPercent));
    await this.repo.insertThresholds(k, fire, spendCents, ceilingCents);
    await this.outbox.publishAll(
      fire.map((thresholdPercent) => ({
        type: CEILING_THRESHOLD_REACHED_V1,
        municipality: k.municipality,
        data: { ...k, thresholdPercent, spendCents, ceilingCents } satisfies CeilingThresholdReachedV1,
      })),
    );
  }
}

function toView(r: CeilingRow): CeilingView {
  const spendCents = r.spend?.spendCents ?? 0;
  const ceilingCents = r.ceiling?.ceilingCents ?? null;
  return {
    providerAgb: r.providerAgb,
    municipality: r.municipality,
    year: r.year,
    ceilingCents,
    spendCents,
    spendSequence: r.spend?.sequence ?? null,
    usedBasisPoints: usedBasisPoints(spendCents, ceilingCents),
    thresholdsReached: r.thresholds.map((t) => ({ thresholdPercent: t.thresholdPercent, spendCents: t.spendCents, ceilingCents: t.ceilingCents, reachedAt: t.reachedAt })),
    version: r.ceiling?.version ?? null,
  };
}
