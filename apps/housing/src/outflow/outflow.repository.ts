import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { OutflowReadinessEntity, ReadinessStatus } from './outflow.entity';

export type ReadinessChanges = Partial<Omit<OutflowReadinessEntity, 'id' | 'createdAt' | 'version'>>;

@Injectable()
export class OutflowRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<OutflowReadinessEntity> {
    return this.txHost.tx.getRepository(OutflowReadinessEntity);
  }

  async lockPerson(personId: string): Promise<void> {
    await this.txHost.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`housing:outflow:${personId}`]);
  }

  async insert(row: Omit<OutflowReadinessEntity, 'createdAt' | 'version'>): Promise<void> {
    await this.rows.insert(row);
  }

  async find(id: string, lock = false): Promise<OutflowReadinessEntity | undefined> {
    const q = this.rows.createQueryBuilder('r').where('r.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    return (await q.getOne()) ?? undefined;
  }

  async openFor(personId: string): Promise<OutflowReadinessEntity | undefined> {
    return (await this.rows.findOneBy({ personId, status: In(['READY', 'NOMINATED']) })) ?? undefined;
  }

  async update(id: string, changes: ReadinessChanges): Promise<void> {
    await this.rows.createQueryBuilder().update().set({ ...changes, version: () => 'version + 1' }).where('id = :id', { id }).execute();
  }

  list(f: { municipalities: string[]; status?: ReadinessStatus; after?: string; limit: number }): Promise<OutflowReadinessEntity[]> {
    const q = this.rows.createQueryBuilder('r').where('r.municipality = ANY(:m)', { m: f.municipalities });
    if (f.status) q.andWhere('r.status = :s', { s: f.status });
    if (f.after) q.andWhere('r.id > :after', { after: f.after });
    return q.orderBy('r.id').limit(f.limit).getMany();
  }
}
