import { Injectable } from '@nestjs/common';
import { actorOf, AGGREGATES, Caller, tenantScopeOf } from '@vangnet/auth';
import { FacilityType, yearOf } from '@vangnet/contracts';
import { ValidationFailedError } from '@vangnet/messaging';
import { Transactional } from '@vangnet/persistence';
import { Clock, mustExist, RegionConfig } from '@vangnet/platform';
import { HOUSING_POLICY } from '../shared/region-policy';
import { FacilitiesService } from '../facilities/facilities.service';
import { DistributionKeyView, DistributionView, PutDistributionKeyRequest } from './distribution.dto';
import { DistributionKeyEntity } from './distribution.entity';
import { DistributionError, DistributionErrorCode } from './distribution.errors';
import { DistributionRepository } from './distribution.repository';
import { distribution, keyProblems } from './distribution.rules';

@Injectable()
export class DistributionService {
  constructor(
    private readonly repo: DistributionRepository,
    private readonly facilities: FacilitiesService,
    private readonly region: RegionConfig,
    private readonly clock: Clock,
  ) {}

  /** The year's key, for the whole region (created or replaced). */
  @Transactional()
  async putKey(caller: Caller, year: number, req: PutDistributionKeyRequest): Promise<{ view: DistributionKeyView; created: boolean }> {
    this.region.requireWholeRegion(caller, HOUSING_POLICY);
    const problems = keyProblems(req.shares, this.region.municipalities);
    if (problems.length) throw new ValidationFailedError(problems, 'the key breaks a rule');
    const row = {
      shares: req.shares.map((s) => ({ municipality: s.municipality, basisPoints: s.basisPoints })),
      compensationPerPlaceYearCents: req.compensationPerPlaceYearCents,
      facilityTypes: [...(req.facilityTypes ?? [])].sort(),
      concentrationThresholdBasisPoints: req.concentrationThresholdBasisPoints ?? 5000,
      concentrationMinimumPlaces: req.concentrationMinimumPlaces ?? 10,
      updatedBy: actorOf(caller),
    };
    const existing = await this.repo.find(year, true);
    if (existing) await this.repo.update(year, row);
    else await this.repo.insert({ year, ...row });
    return { view: keyView(mustExist(await this.repo.find(year), `key ${year}`)), created: !existing };
  }

  async getKey(caller: Caller, year: number): Promise<DistributionKeyView> {
    tenantScopeOf(caller, AGGREGATES);
    return keyView(await this.keyOf(year));
  }

  /**
   * Places per municipality and type against the key, the shortfall and its compensation, the
   * intermediate facilities and the concentration per neighbourhood. Aggregates of the whole
   * region: for municipal tokens and the regional analyst.
   */
  async report(caller: Caller, year?: number): Promise<DistributionView> {
    tenantScopeOf(caller, AGGREGATES);
    const today = this.clock.today();
    const y = year ?? yearOf(today);
    const key = await this.keyOf(y);
    const facilities = (await this.facilities.allWithPlaces()).map((f) => ({ municipality: f.facility.municipality, neighbourhood: f.facility.neighbourhood, type: f.facility.type, places: f.facility.capacity }));
    return { year: y, measuredOn: today, key: keyView(key), ...distribution(key, facilities) };
  }

  private async keyOf(year: number): Promise<DistributionKeyEntity> {
    const key = await this.repo.find(year);
    if (!key) throw new DistributionError(DistributionErrorCode.NO_DISTRIBUTION_KEY, `the region has no distribution key for ${year}`, 404);
    return key;
  }
}

function keyView(k: DistributionKeyEntity): DistributionKeyView {
  return {
    year: k.year,
    shares: k.shares,
    compensationPerPlaceYearCents: k.compensationPerPlaceYearCents,
    facilityTypes: k.facilityTypes as FacilityType[],
    concentrationThresholdBasisPoints: k.concentrationThresholdBasisPoints,
    concentrationMinimumPlaces: k.concentrationMinimumPlaces,
    version: k.version,
  };
}
