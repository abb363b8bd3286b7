import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { IsNull, LessThanOrEqual, Not, QueryFailedError, Repository } from 'typeorm';
import { PlacementEntity } from './placements.entity';

export type NewPlacement = Omit<PlacementEntity, 'createdAt' | 'version' | 'endDate' | 'destination' | 'endNote' | 'plannedEnd' | 'plannedDestination' | 'endedBy' | 'place'>;

@Injectable()
export class PlacementsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<PlacementEntity> {
    return this.txHost.tx.getRepository(PlacementEntity);
  }

  /** Insert; the name of the running-placement index it collided with, if it did (place or person). */
  async insert(row: NewPlacement): Promise<'placement_place_running' | 'placement_person_running' | undefined> {
    try {
      await this.rows.insert(row);
      return undefined;
    } catch (e) {
      const constraint = (e as QueryFailedError & { driverError?: { code?: string; constraint?: string } }).driverError;
      if (e instanceof QueryFailedError && constraint?.code === '23505' && (constraint.constraint === 'placement_place_running' || constraint.constraint === 'placement_person_running')) {
        return constraint.constraint;
      }
      throw e;
    }
  }

  async find(id: string, lock = false): Promise<PlacementEntity | undefined> {
    const q = this.rows.createQueryBuilder('p').where('p.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    return (await q.getOne()) ?? undefined;
  }

  async runningFor(personId: string): Promise<PlacementEntity | undefined> {
    return (await this.rows.findOneBy({ personId, endDate: IsNull() })) ?? undefined;
  }

  async end(id: string, changes: { endDate: string; destination: string; endNote: string | null; endedBy: string }): Promise<void> {
    await this.rows.createQueryBuilder().update().set({ ...changes, plannedEnd: null, plannedDestination: null, version: () => 'version + 1' }).where('id = :id', { id }).execute();
  }

  async plan(id: string, plannedEnd: string, plannedDestination: string): Promise<void> {
    await this.rows.createQueryBuilder().update().set({ plannedEnd, plannedDestination, version: () => 'version + 1' }).where('id = :id', { id }).execute();
  }

  /** Running placements whose planned end has come. */
  due(today: string): Promise<PlacementEntity[]> {
    return this.rows.find({ where: { endDate: IsNull(), plannedEnd: LessThanOrEqual(today) }, order: { plannedEnd: 'ASC' } });
  }

  list(f: { municipalities?: string[]; providerAgb?: string; facilityId?: string; personId?: string; running?: boolean; after?: string; limit: number }): Promise<PlacementEntity[]> {
    const q = this.rows.createQueryBuilder('p');
    if (f.municipalities) {
      q.andWhere('p.municipality = ANY(:m)', { m: f.municipalities });
    }
    if (f.providerAgb) q.andWhere('p.providerAgb = :agb', { agb: f.providerAgb });
    if (f.facilityId) q.andWhere('p.facilityId = :fid', { fid: f.facilityId });
    if (f.personId) q.andWhere('p.personId = :pid', { pid: f.personId });
    if (f.running === true) q.andWhere('p.endDate IS NULL');
    if (f.running === false) q.andWhere('p.endDate IS NOT NULL');
    if (f.after) q.andWhere('p.id > :after', { after: f.after });
    return q.orderBy('p.id').limit(f.limit).getMany();
  }

  /** Every placement (the monitor: a region has thousands, not millions). */
  all(): Promise<PlacementEntity[]> {
    return this.rows.find({ where: { id: Not(IsNull()) }, order: { startDate: 'ASC' } });
  }
}
