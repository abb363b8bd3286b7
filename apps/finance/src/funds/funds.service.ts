import { Injectable } from '@nestjs/common';
import { AGGREGATES, Caller, mayRead, requireActFor, tenantScopeOf } from '@vangnet/auth';
import { InvalidParam } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { foundOr404, mustExist } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { CreateFundRequest, DistributionRequest } from './funds.dto';
import { FundError, FundErrorCode } from './funds.errors';
import { FundEntity, FundKeyEntity } from './funds.entity';
import { FundsRepository } from './funds.repository';
import { canonicalKey, distribute, keyHash } from './funds.rules';

export interface DistributionView {
  fundId: string;
  version: number;
  basis: string | null;
  totalCents: number;
  sumCents: number;
  parts: Array<{ municipality: string; weight: number; partCents: number }>;
  createdBy: string;
  createdAt: Date;
}

export interface FundView extends FundEntity {
  distributions: DistributionView[];
}

const distributionView = (k: FundKeyEntity): DistributionView => ({
  fundId: k.fundId,
  version: k.version,
  basis: k.basis,
  totalCents: k.totalCents,
  sumCents: k.parts.reduce((a, p) => a + p.partCents, 0),
  parts: k.parts,
  createdBy: k.createdBy,
  createdAt: k.createdAt,
});

@Injectable()
export class FundsService {
  constructor(private readonly repo: FundsRepository) {}

  @Transactional()
  async create(caller: Caller, req: CreateFundRequest): Promise<FundView> {
    requireActFor(caller, req.ownerMunicipality, 'ownerMunicipality');
    const id = randomUUID();
    await this.repo.insert({ id, ownerMunicipality: req.ownerMunicipality, name: req.name, year: req.year, domain: req.domain ?? null, totalCents: req.totalCents, createdBy: caller.sub });
    return { ...mustExist(await this.repo.get(id), 'fund'), distributions: [] };
  }

  /** The funds whose detail this caller reads (`mayReadFund`), and no other. */
  @Transactional()
  async list(caller: Caller): Promise<FundView[]> {
    const scope = tenantScopeOf(caller, AGGREGATES);
    // The repository narrows by the same tenancy (owner or a municipality of any key version);
    // the rule itself decides, so the list can never be wider or narrower than the detail.
    const funds = await this.repo.list(scope.regionWide ? undefined : scope.municipalities);
    const out: FundView[] = [];
    for (const f of funds) {
      const keys = await this.repo.keysOf(f.id);
      if (mayReadFund(caller, f, keys)) out.push({ ...f, distributions: keys.map(distributionView) });
    }
    return out;
  }

  @Transactional()
  async get(caller: Caller, id: string): Promise<FundView> {
    const fund = await this.visible(caller, id);
    return { ...fund, distributions: (await this.repo.keysOf(id)).map(distributionView) };
  }

  /**
   * Distribute the fund by a key: a new key version, or the existing version when the same key
   * was given before (same key + total → same parts, always).
   */
  @Transactional()
  async distribute(caller: Caller, id: string, req: DistributionRequest): Promise<{ created: boolean; distribution: DistributionView }> {
    // Read as the detail is (a recipient sees the fund: 403 OUT_OF_SCOPE, not 404); only the owner distributes it.
    const locked = await this.repo.get(id, true);
    const keys = locked ? await this.repo.keysOf(id) : [];
    const fund = foundOr404(locked, () => missing(id), (f) => mayReadFund(caller, f, keys));
    requireActFor(caller, fund.ownerMunicipality, 'ownerMunicipality');
    const bad: InvalidParam[] = [];
    const seen = new Map<string, number>();
    req.weights.forEach((w, i) => {
      if (seen.has(w.municipality)) {
        bad.push({ name: `weights[${i}].municipality`, code: FundErrorCode.DUPLICATE_MUNICIPALITY, reason: `${w.municipality} is in the key twice (also weights[${seen.get(w.municipality)}])` });
      } else seen.set(w.municipality, i);
    });
    if (fund.totalCents > 0 && req.weights.every((w) => w.weight === 0)) {
      bad.push({ name: 'weights', code: FundErrorCode.ALL_WEIGHTS_ZERO, reason: 'at least one weight must be above 0 to distribute a total above 0' });
    }
    if (bad.length) throw new FundError(bad[0].code as FundErrorCode, 'the key cannot distribute this fund', 400, bad);

    const hash = keyHash(req.weights);
    const same = keys.find((k) => k.keyHash === hash);
    if (same) return { created: false, distribution: distributionView(same) };
    const version = keys.reduce((a, k) => Math.max(a, k.version), 0) + 1;
    const record = {
      fundId: id,
      version,
      keyHash: hash,
      weights: canonicalKey(req.weights),
      basis: req.basis ?? null,
      totalCents: fund.totalCents,
      parts: distribute(fund.totalCents, req.weights),
      createdBy: caller.sub,
    };
    await this.repo.insertKey(record);
    const stored = mustExist((await this.repo.keysOf(id)).find((k) => k.version === version), 'key version');
    return { created: true, distribution: distributionView(stored) };
  }

  @Transactional()
  async distribution(caller: Caller, id: string, version?: number): Promise<DistributionView> {
    await this.visible(caller, id);
    const keys = await this.repo.keysOf(id);
    const k = version ? keys.find((x) => x.version === version) : keys[keys.length - 1];
    if (!k) throw FundError.notFound(FundErrorCode.KEY_NOT_FOUND, version ? `fund ${id} has no key version ${version}` : `fund ${id} has not been distributed yet`);
    return distributionView(k);
  }

  private async visible(caller: Caller, id: string): Promise<FundEntity> {
    const fund = await this.repo.get(id);
    const keys = fund ? await this.repo.keysOf(id) : [];
    return foundOr404(fund, () => missing(id), (f) => mayReadFund(caller, f, keys));
  }
}

/**
 * The one read rule for a fund, in the list and the detail alike (issue 13): aggregates without
 * persons (ARCHITECTURE §6), so municipal tokens of the owner or of a municipality any key version
 * distributes it over, and regional analysts; never a provider or corporation as such.
 */
export function mayReadFund(caller: Caller, fund: FundEntity, keys: FundKeyEntity[]): boolean {
  return mayRead(caller, { municipalities: [fund.ownerMunicipality, ...keys.flatMap((k) => k.weights.map((w) => w.municipality))] }, AGGREGATES);
}

const missing = (id: string) => FundError.notFound(FundErrorCode.FUND_NOT_FOUND, `no fund ${id}`);
