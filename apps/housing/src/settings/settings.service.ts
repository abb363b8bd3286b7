import { Injectable } from '@nestjs/common';
import { actorOf, Caller } from '@vangnet/auth';
import { FacilityType, ProductCategory } from '@vangnet/contracts';
import { Transactional } from '@vangnet/persistence';
import { RegionConfig } from '@vangnet/platform';
import { HOUSING_POLICY } from '../shared/region-policy';
import { FacilityTypeMappingView, PutFacilityTypeMappingRequest, ReferenceStayView, SettingsView } from './settings.dto';
import { FacilityTypeMappingEntity } from './settings.entity';
import { SettingsError, SettingsErrorCode } from './settings.errors';
import { SettingsRepository } from './settings.repository';
import { facilityTypeFor } from './settings.rules';

/** The region's housing settings: which facility type a product asks for, and the reference stays. */
@Injectable()
export class SettingsService {
  constructor(
    private readonly repo: SettingsRepository,
    private readonly region: RegionConfig,
  ) {}

  async get(): Promise<SettingsView> {
    return { facilityTypeMappings: (await this.repo.allMappings()).map(mappingView), referenceStays: await this.referenceStayList() };
  }

  @Transactional()
  async putMapping(caller: Caller, req: PutFacilityTypeMappingRequest): Promise<FacilityTypeMappingView> {
    this.region.requireWholeRegion(caller, HOUSING_POLICY);
    const row = { category: req.category, productCode: req.productCode ?? '', facilityType: req.facilityType, updatedBy: actorOf(caller) };
    await this.repo.upsertMapping(row);
    return mappingView(row);
  }

  /** A product code's own mapping may go; a category's own stays (its provisions must map somewhere). */
  @Transactional()
  async deleteMapping(caller: Caller, category: string, productCode: string): Promise<void> {
    this.region.requireWholeRegion(caller, HOUSING_POLICY);
    if (!(await this.repo.deleteMapping(category, productCode))) {
      throw new SettingsError(SettingsErrorCode.MAPPING_NOT_FOUND, `no mapping for product code ${productCode} of category ${category}`, 404);
    }
  }

  @Transactional()
  async putReferenceStay(caller: Caller, facilityType: FacilityType, days: number): Promise<ReferenceStayView> {
    this.region.requireWholeRegion(caller, HOUSING_POLICY);
    await this.repo.upsertStay({ facilityType, days, updatedBy: actorOf(caller) });
    return { facilityType, days };
  }

  @Transactional()
  async deleteReferenceStay(caller: Caller, facilityType: FacilityType): Promise<void> {
    this.region.requireWholeRegion(caller, HOUSING_POLICY);
    if (!(await this.repo.deleteStay(facilityType))) throw new SettingsError(SettingsErrorCode.REFERENCE_STAY_NOT_FOUND, `${facilityType} has no reference stay`, 404);
  }

  /** The facility type the waiting list gives a provision of this product (undefined: none mapped). */
  async facilityTypeFor(category: string, productCode?: string | null): Promise<FacilityType | undefined> {
    return facilityTypeFor(await this.repo.allMappings(), category, productCode);
  }

  /** Reference stays in days per facility type. */
  async referenceStays(): Promise<Map<FacilityType, number>> {
    return new Map((await this.repo.allStays()).map((s) => [s.facilityType as FacilityType, s.days]));
  }

  private async referenceStayList(): Promise<ReferenceStayView[]> {
    return (await this.repo.allStays()).map((s) => ({ facilityType: s.facilityType as FacilityType, days: s.days }));
  }
}

function mappingView(m: Pick<FacilityTypeMappingEntity, 'category' | 'productCode' | 'facilityType'>): FacilityTypeMappingView {
  return {
    category: m.category,
    productCode: m.productCode || null,
    facilityType: m.facilityType as FacilityType,
    route: m.category === ProductCategory.EMERGENCY_SHELTER ? 'DIRECT_PLACEMENT' : 'WAITING_LIST',
  };
}
