import { Injectable } from '@nestjs/common';
import { AGGREGATES, Caller, hasRole, isMunicipal, mayRead, requireActFor } from '@vangnet/auth';
import { InvalidParam, Role } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { randomUUID } from 'crypto';
import { CreateFundRequest, DistributionRequest } from './funds.dto';
import { FundError, FundErrorCode } from './funds.errors';
import { FundRecord, FundsRepository, KeyRecord } from './funds.repository';
import { canonicalKey, distribute, keyHash } from './funds.rules';
import { mustExist } from '@vangnet/platform';

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

export interface FundView extends FundRecord {
  distributions: DistributionView[];
}

const distributionView = (k: KeyRecord): DistributionView => ({
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

  @Transactional()
  async list(caller: Caller): Promise<FundView[]> {
    const funds = await this.repo.list(hasRole(caller, Role.REGIONAL_ANALYST) ? null : caller.municipalities);
    const out: FundView[] = [];
    for (const f of funds) out.push({ ...f, distributions: (await this.repo.keys(f.id)).map(distributionView) });
    return out;
  }

  @Transactional()
  async get(caller: Caller, id: string): Promise<FundView> {
    const fund = await this.visible(caller, id);
    return { ...fund, distributions: (await this.repo.keys(id)).map(distributionView) };
  }

  /**
   * Distribute the fund by a key: a new key version, or the existing version when the same key
   * was given before (same key + total → same parts, always).
   */
  @Transactional()
  async distribute(caller: Caller, id: string, req: DistributionRequest): Promise<{ created: boolean; distribution: DistributionView }> {
    const fund = await this.repo.get(id, true);
    if (!fund || !mayRead(caller, { municipalities: [fund.ownerMunicipality] }, AGGREGATES)) throw FundError.notFound(FundErrorCode.FUND_NOT_FOUND, `no fund ${id}`);
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
    const keys = await this.repo.keys(id);
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
    const stored = mustExist((await this.repo.keys(id)).find((k) => k.version === version), 'key version');
    return { created: true, distribution: distributionView(stored) };
  }

  @Transactional()
  async distribution(caller: Caller, id: string, version?: number): Promise<DistributionView> {
    await this.visible(caller, id);
    const keys = await this.repo.keys(id);
    const k = version ? keys.find((x) => x.version === version) : keys[keys.length - 1];
    if (!k) throw FundError.notFound(FundErrorCode.KEY_NOT_FOUND, version ? `fund ${id} has no key version ${version}` : `fund ${id} has not been distributed yet`);
    return distributionView(k);
  }

  // Owners and analysts see a fund; so do the municipalities it is distributed over.
  private async visible(caller: Caller, id: string): Promise<FundRecord> {
    const fund = await this.repo.get(id);
    if (fund) {
      if (mayRead(caller, { municipalities: [fund.ownerMunicipality] }, AGGREGATES)) return fund;
      if (isMunicipal(caller)) {
        const keys = await this.repo.keys(id);
        if (keys.some((k) => k.weights.some((w) => caller.municipalities.includes(w.municipality)))) return fund;
      }
    }
    throw FundError.notFound(FundErrorCode.FUND_NOT_FOUND, `no fund ${id}`);
  }
}
