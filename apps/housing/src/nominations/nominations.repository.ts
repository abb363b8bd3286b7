import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { NominationEntity, NominationStatus } from './nominations.entity';

export type NominationChanges = Partial<Omit<NominationEntity, 'id' | 'createdAt' | 'version' | 'readiness'>>;

@Injectable()
export class NominationsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<NominationEntity> {
    return this.txHost.tx.getRepository(NominationEntity);
  }

  async insert(row: Omit<NominationEntity, 'createdAt' | 'version' | 'readiness'>): Promise<void> {
    await this.rows.insert(row);
  }

  async find(id: string, lock = false): Promise<NominationEntity | undefined> {
    const q = this.rows.createQueryBuilder('n').where('n.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    return (await q.getOne()) ?? undefined;
  }

  async update(id: string, changes: NominationChanges): Promise<void> {
    await this.rows.createQueryBuilder().update().set({ ...changes, version: () => 'version + 1' }).where('id = :id', { id }).execute();
  }

  list(f: { corporation?: string; municipalities?: string[]; status?: NominationStatus; after?: string; limit: number }): Promise<NominationEntity[]> {
    const q = this.rows.createQueryBuilder('n');
    if (f.corporation) q.andWhere('n.corporation = :c', { c: f.corporation });
    if (f.municipalities) q.andWhere('(n.municipality = ANY(:m) OR n.placementMunicipality = ANY(:m))', { m: f.municipalities });
    if (f.status) q.andWhere('n.status = :s', { s: f.status });
    if (f.after) q.andWhere('n.id > :after', { after: f.after });
    return q.orderBy('n.id').limit(f.limit).getMany();
  }
}
