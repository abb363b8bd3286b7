import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { OfferEntity, OfferStatus } from './offers.entity';

export type NewOffer = Omit<OfferEntity, 'createdAt' | 'version' | 'answeredOn' | 'reason' | 'answeredBy' | 'place' | 'entry'>;

@Injectable()
export class OffersRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<OfferEntity> {
    return this.txHost.tx.getRepository(OfferEntity);
  }

  /**
   * Insert unless the place or the entry is already held by an open or accepted offer: the partial
   * unique indexes decide (a racing insert waits for the other transaction, then finds the
   * conflict). False when one of them was held.
   */
  async insertHeld(row: NewOffer): Promise<boolean> {
    await this.rows.createQueryBuilder().insert().values(row).orIgnore().execute();
    return (await this.rows.existsBy({ id: row.id })) === true;
  }

  async find(id: string, lock = false): Promise<OfferEntity | undefined> {
    const q = this.rows.createQueryBuilder('o').where('o.id = :id', { id });
    if (lock) q.setLock('pessimistic_write');
    return (await q.getOne()) ?? undefined;
  }

  async heldByEntry(entryId: string): Promise<OfferEntity | undefined> {
    return (await this.rows.findOneBy({ entryId, status: In(['OPEN', 'ACCEPTED']) })) ?? undefined;
  }

  async heldByPlace(placeId: string): Promise<OfferEntity | undefined> {
    return (await this.rows.findOneBy({ placeId, status: In(['OPEN', 'ACCEPTED']) })) ?? undefined;
  }

  async answer(id: string, changes: { status: OfferStatus; answeredOn: string | null; reason: string | null; answeredBy: string | null }): Promise<void> {
    await this.rows.createQueryBuilder().update().set({ ...changes, version: () => 'version + 1' }).where('id = :id', { id }).execute();
  }

  list(f: { municipalities: string[]; status?: OfferStatus; stalledOn?: string; entryId?: string; after?: string; limit: number }): Promise<OfferEntity[]> {
    const q = this.rows.createQueryBuilder('o').where('(o.municipality = ANY(:m) OR o.facilityMunicipality = ANY(:m))', { m: f.municipalities });
    if (f.status) q.andWhere('o.status = :status', { status: f.status });
    if (f.stalledOn) q.andWhere(`o.status = 'OPEN' AND o.answerDue < :today`, { today: f.stalledOn });
    if (f.entryId) q.andWhere('o.entryId = :entryId', { entryId: f.entryId });
    if (f.after) q.andWhere('o.id > :after', { after: f.after });
    return q.orderBy('o.id').limit(f.limit).getMany();
  }
}
