import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, MoreThanOrEqual, Repository } from 'typeorm';
import { ComingOfAgeEntity, SignalEntity } from './signals.entity';

export type NewSignal = Omit<SignalEntity, 'createdAt' | 'status' | 'closedOn' | 'closedBecause'>;

@Injectable()
export class SignalsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get signals(): Repository<SignalEntity> {
    return this.txHost.tx.getRepository(SignalEntity);
  }

  private get comings(): Repository<ComingOfAgeEntity> {
    return this.txHost.tx.getRepository(ComingOfAgeEntity);
  }

  /** Inserts unless a signal with the same key exists; true when this call raised it. */
  async raise(s: NewSignal): Promise<boolean> {
    const res = await this.signals.createQueryBuilder().insert().values({ ...s, status: 'OPEN' }).orIgnore().returning(['id']).execute();
    return (res.raw as unknown[]).length > 0;
  }

  async find(id: string): Promise<SignalEntity | undefined> {
    return (await this.signals.findOneBy({ id })) ?? undefined;
  }

  async exists(key: string): Promise<boolean> {
    return this.signals.existsBy({ key });
  }

  openOf(planIds: string[], kind: string): Promise<SignalEntity[]> {
    if (!planIds.length) return Promise.resolve([]);
    return this.signals.find({ where: { planId: In(planIds), kind, status: 'OPEN' } });
  }

  async close(ids: string[], on: string, because: string): Promise<void> {
    if (!ids.length) return;
    await this.signals.update({ id: In(ids), status: 'OPEN' }, { status: 'CLOSED', closedOn: on, closedBecause: because });
  }

  async setCoordinator(planId: string, coordinatorOrg: string): Promise<void> {
    await this.signals.update({ planId }, { coordinatorOrg });
  }

  list(f: { municipalities?: string[]; coordinatorOrg?: string; kind?: string; status?: string; planId?: string; after?: string; limit: number }): Promise<SignalEntity[]> {
    const q = this.signals.createQueryBuilder('s');
    if (f.municipalities) q.andWhere('s.municipality = ANY(:m)', { m: f.municipalities });
    if (f.coordinatorOrg) q.andWhere('s.coordinatorOrg = :org', { org: f.coordinatorOrg });
    if (f.kind) q.andWhere('s.kind = :kind', { kind: f.kind });
    if (f.status) q.andWhere('s.status = :status', { status: f.status });
    if (f.planId) q.andWhere('s.planId = :planId', { planId: f.planId });
    if (f.after) q.andWhere('s.id > :after', { after: f.after });
    return q.orderBy('s.id').limit(f.limit).getMany();
  }

  // Coming of age.

  async saveComingOfAge(c: Omit<ComingOfAgeEntity, 'receivedAt'>): Promise<void> {
    await this.comings.upsert(c, ['personId']);
  }

  /** Coming-of-age facts whose birthday is still ahead (or today): a plan opened later still gets the signal. */
  comingOfAgeFrom(on: string): Promise<ComingOfAgeEntity[]> {
    return this.comings.find({ where: { eighteenOn: MoreThanOrEqual(on) }, order: { eighteenOn: 'ASC' } });
  }

  async comingOfAge(personId: string): Promise<ComingOfAgeEntity | undefined> {
    return (await this.comings.findOneBy({ personId })) ?? undefined;
  }
}
