import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { ClientStopEntity } from './client-stops.entity';

export type NewClientStop = Pick<ClientStopEntity, 'id' | 'providerAgb' | 'municipality' | 'reason' | 'start' | 'end' | 'setBy'>;

@Injectable()
export class ClientStopsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<ClientStopEntity> {
    return this.txHost.tx.getRepository(ClientStopEntity);
  }

  /** Serialises the stops of one provider and municipality (the overlap rule). */
  async lock(agb: string, municipality: string): Promise<void> {
    await this.txHost.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`procurement:stop:${agb}:${municipality}`]);
  }

  async insert(s: NewClientStop): Promise<void> {
    await this.rows.insert(s);
  }

  find(id: string, forUpdate = false): Promise<ClientStopEntity | null> {
    const q = this.rows.createQueryBuilder('s').where('s.id = :id', { id });
    return (forUpdate ? q.setLock('pessimistic_write') : q).getOne();
  }

  async lift(id: string, liftedOn: IsoDate, liftReason: string | null, liftedBy: string): Promise<void> {
    await this.rows.createQueryBuilder().update().set({ liftedOn, liftReason, liftedBy, liftedAt: () => 'now()' }).where('id = :id', { id }).execute();
  }

  /** The stops of one provider and municipality, by start. */
  forKey(agb: string, municipality: string): Promise<ClientStopEntity[]> {
    return this.rows.find({ where: { providerAgb: agb, municipality }, order: { start: 'ASC' } });
  }

  /** Every stop of a provider, by start. */
  byProvider(agb: string): Promise<ClientStopEntity[]> {
    return this.rows.find({ where: { providerAgb: agb }, order: { start: 'ASC' } });
  }

  /** One page by id, with one row more than asked for. */
  list(f: { providerAgb?: string; municipalities?: string[]; activeOn?: IsoDate; after?: string; limit: number }): Promise<ClientStopEntity[]> {
    const q = this.rows.createQueryBuilder('s');
    if (f.providerAgb !== undefined) q.andWhere('s.providerAgb = :providerAgb', { providerAgb: f.providerAgb });
    if (f.municipalities !== undefined) q.andWhere('s.municipality = ANY(:municipalities)', { municipalities: f.municipalities });
    if (f.activeOn !== undefined) {
      q.andWhere('s.start <= :activeOn AND (s.end IS NULL OR s.end >= :activeOn) AND (s.liftedOn IS NULL OR s.liftedOn > :activeOn)', { activeOn: f.activeOn });
    }
    if (f.after !== undefined) q.andWhere('s.id > :after', { after: f.after });
    return q.orderBy('s.id').limit(f.limit + 1).getMany();
  }
}
