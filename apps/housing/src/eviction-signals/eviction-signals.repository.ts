import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { EvictionSignalEntity } from './eviction-signals.entity';

@Injectable()
export class EvictionSignalsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<EvictionSignalEntity> {
    return this.txHost.tx.getRepository(EvictionSignalEntity);
  }

  async insert(row: Omit<EvictionSignalEntity, 'version'>): Promise<void> {
    await this.rows.insert(row);
  }

  async find(id: string, lock = false): Promise<EvictionSignalEntity | undefined> {
    const q = this.rows.createQueryBuilder('s').where('s.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    return (await q.getOne()) ?? undefined;
  }

  async close(id: string, changes: { outcome: string; closedOn: string; closeNote: string | null; closedBy: string }): Promise<void> {
    await this.rows.createQueryBuilder().update().set({ ...changes, status: 'CLOSED', version: () => 'version + 1' }).where('id = :id', { id }).execute();
  }

  list(f: { municipalities?: string[]; corporation?: string; providerAgb?: string; status?: 'OPEN' | 'CLOSED'; overdueOn?: string; after?: string; limit: number }): Promise<EvictionSignalEntity[]> {
    const q = this.rows.createQueryBuilder('s');
    if (f.municipalities) q.andWhere('s.municipality = ANY(:m)', { m: f.municipalities });
    if (f.corporation) q.andWhere('s.corporation = :c', { c: f.corporation });
    if (f.providerAgb) q.andWhere('s.providerAgb = :agb', { agb: f.providerAgb });
    if (f.status) q.andWhere('s.status = :status', { status: f.status });
    if (f.overdueOn) q.andWhere(`s.status = 'OPEN' AND s.dueOn < :today`, { today: f.overdueOn });
    if (f.after) q.andWhere('s.id > :after', { after: f.after });
    return q.orderBy('s.id').limit(f.limit).getMany();
  }
}
