import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { FacilityTypeMappingEntity, ReferenceStayEntity } from './settings.entity';

@Injectable()
export class SettingsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get mappings(): Repository<FacilityTypeMappingEntity> {
    return this.txHost.tx.getRepository(FacilityTypeMappingEntity);
  }

  private get stays(): Repository<ReferenceStayEntity> {
    return this.txHost.tx.getRepository(ReferenceStayEntity);
  }

  allMappings(): Promise<FacilityTypeMappingEntity[]> {
    return this.mappings.find({ order: { category: 'ASC', productCode: 'ASC' } });
  }

  async upsertMapping(row: Omit<FacilityTypeMappingEntity, 'updatedAt'>): Promise<void> {
    await this.mappings.upsert({ ...row, updatedAt: new Date() }, ['category', 'productCode']);
  }

  async deleteMapping(category: string, productCode: string): Promise<boolean> {
    const r = await this.mappings.delete({ category, productCode });
    return (r.affected ?? 0) > 0;
  }

  allStays(): Promise<ReferenceStayEntity[]> {
    return this.stays.find({ order: { facilityType: 'ASC' } });
  }

  async upsertStay(row: Omit<ReferenceStayEntity, 'updatedAt'>): Promise<void> {
    await this.stays.upsert({ ...row, updatedAt: new Date() }, ['facilityType']);
  }

  async deleteStay(facilityType: string): Promise<boolean> {
    const r = await this.stays.delete({ facilityType });
    return (r.affected ?? 0) > 0;
  }
}
