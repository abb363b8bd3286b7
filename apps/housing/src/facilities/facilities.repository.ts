import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { FacilityEntity, PlaceEntity, PlaceStatus } from './facilities.entity';

/** A place with what the rest of housing needs of its facility. */
export interface PlaceRow {
  id: string;
  facilityId: string;
  label: string;
  status: PlaceStatus;
  features: string[];
  blockedReason: string | null;
  version: number;
  facility: FacilityEntity;
}

export interface PlaceFilter {
  facilityId?: string;
  municipalities?: string[];
  providerAgb?: string;
  facilityType?: string;
  status?: PlaceStatus;
  after?: string;
  limit?: number;
}

@Injectable()
export class FacilitiesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get facilities(): Repository<FacilityEntity> {
    return this.txHost.tx.getRepository(FacilityEntity);
  }

  private get places(): Repository<PlaceEntity> {
    return this.txHost.tx.getRepository(PlaceEntity);
  }

  async insertFacility(row: Omit<FacilityEntity, 'version' | 'createdAt'>): Promise<void> {
    await this.facilities.insert(row);
  }

  async insertPlaces(rows: Array<Pick<PlaceEntity, 'id' | 'facilityId' | 'label' | 'status' | 'features'>>): Promise<void> {
    if (rows.length) await this.places.insert(rows);
  }

  async findFacility(id: string, lock = false): Promise<FacilityEntity | undefined> {
    const q = this.facilities.createQueryBuilder('f').where('f.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    return (await q.getOne()) ?? undefined;
  }

  async updateFacility(id: string, changes: Partial<Pick<FacilityEntity, 'name' | 'neighbourhood' | 'providerAgb' | 'ownerCorporation' | 'capacity' | 'features'>>): Promise<void> {
    await this.facilities.createQueryBuilder().update().set({ ...changes, version: () => 'version + 1' }).where('id = :id', { id }).execute();
  }

  listFacilities(f: { municipalities?: string[]; providerAgb?: string; type?: string; after?: string; limit: number }): Promise<FacilityEntity[]> {
    const q = this.facilities.createQueryBuilder('f');
    if (f.municipalities) q.andWhere('f.municipality = ANY(:municipalities)', { municipalities: f.municipalities });
    if (f.providerAgb) q.andWhere('f.providerAgb = :agb', { agb: f.providerAgb });
    if (f.type) q.andWhere('f.type = :type', { type: f.type });
    if (f.after) q.andWhere('f.id > :after', { after: f.after });
    return q.orderBy('f.id').limit(f.limit).getMany();
  }

  /** Every facility (distribution and the monitor count them: a region has hundreds, not millions). */
  allFacilities(): Promise<FacilityEntity[]> {
    return this.facilities.find({ order: { id: 'ASC' } });
  }

  placesOf(facilityIds: string[]): Promise<PlaceEntity[]> {
    if (!facilityIds.length) return Promise.resolve([]);
    return this.places.find({ where: { facilityId: In(facilityIds) }, order: { facilityId: 'ASC', label: 'ASC' } });
  }

  /** Places with their facility, narrowed by the filter, in id order. */
  async listPlaces(f: PlaceFilter): Promise<PlaceRow[]> {
    const q = this.places.createQueryBuilder('p').innerJoinAndSelect('p.facility', 'f').where(`p.status <> 'RETIRED'`);
    if (f.facilityId) q.andWhere('p.facilityId = :fid', { fid: f.facilityId });
    if (f.municipalities) q.andWhere('f.municipality = ANY(:municipalities)', { municipalities: f.municipalities });
    if (f.providerAgb) q.andWhere('f.providerAgb = :agb', { agb: f.providerAgb });
    if (f.facilityType) q.andWhere('f.type = :type', { type: f.facilityType });
    if (f.status) q.andWhere('p.status = :status', { status: f.status });
    if (f.after) q.andWhere('p.id > :after', { after: f.after });
    q.orderBy('p.id');
    if (f.limit) q.limit(f.limit);
    return (await q.getMany()).map(withFacility);
  }

  async findPlace(id: string, lock = false): Promise<PlaceRow | undefined> {
    const q = this.places.createQueryBuilder('p').innerJoinAndSelect('p.facility', 'f').where('p.id = :id', { id });
    if (lock) q.setLock('pessimistic_write', undefined, ['p']);
    const row = await q.getOne();
    return row ? withFacility(row) : undefined;
  }

  /** Move a place from one of `from` to `to`; false when it was in none of them (someone was first). */
  async moveStatus(id: string, from: PlaceStatus[], to: PlaceStatus, blockedReason: string | null = null): Promise<boolean> {
    const r = await this.places
      .createQueryBuilder()
      .update()
      .set({ status: to, blockedReason, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND status IN (:...from)', { id, from })
      .execute();
    return (r.affected ?? 0) > 0;
  }

  async setStatuses(ids: string[], to: PlaceStatus): Promise<void> {
    if (!ids.length) return;
    await this.places.createQueryBuilder().update().set({ status: to, blockedReason: null, version: () => 'version + 1', updatedAt: () => 'now()' }).where('id IN (:...ids)', { ids }).execute();
  }

  async updatePlace(id: string, changes: Partial<Pick<PlaceEntity, 'label' | 'features'>>): Promise<void> {
    await this.places.createQueryBuilder().update().set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' }).where('id = :id', { id }).execute();
  }
}

/** A place read with its facility joined (innerJoinAndSelect): the join guarantees it. */
function withFacility(p: PlaceEntity): PlaceRow {
  if (!p.facility) throw new Error(`invariant broken: place ${p.id} was read without its facility`);
  return { id: p.id, facilityId: p.facilityId, label: p.label, status: p.status, features: p.features, blockedReason: p.blockedReason, version: p.version, facility: p.facility };
}
