import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { randomUUID } from 'crypto';
import { In, Repository } from 'typeorm';
import { CatalogueEntryEntity } from './catalogue.entity';
import { CatalogueVersion } from './catalogue.rules';

@Injectable()
export class CatalogueRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get rows(): Repository<CatalogueEntryEntity> {
    return this.txHost.tx.getRepository(CatalogueEntryEntity);
  }

  /** Serialises catalogue writes for one municipality. */
  async lock(municipality: string): Promise<void> {
    await this.txHost.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`procurement:catalogue:${municipality}`]);
  }

  /** The versions of a municipality's catalogue of a year (those valid on `date` when given), by category, code and start. */
  ofYear(municipality: string, year: number, date?: IsoDate): Promise<CatalogueEntryEntity[]> {
    const q = this.rows.createQueryBuilder('e').where('e.municipality = :municipality AND e.year = :year', { municipality, year });
    if (date !== undefined) q.andWhere('e.validFrom <= :date AND e.validTo >= :date', { date });
    return q.orderBy('e.category').addOrderBy('e.code').addOrderBy('e.validFrom').getMany();
  }

  versionsOf(municipality: string, category: string, code: string, year: number): Promise<CatalogueEntryEntity[]> {
    return this.rows.find({ where: { municipality, category, code, year }, order: { validFrom: 'ASC' } });
  }

  /** Every version of every code of a municipality. */
  allOf(municipality: string): Promise<Array<Pick<CatalogueEntryEntity, 'category' | 'code' | 'validFrom' | 'validTo'>>> {
    return this.rows.find({ select: { category: true, code: true, validFrom: true, validTo: true }, where: { municipality } });
  }

  async insert(municipality: string, year: number, versions: Array<Omit<CatalogueVersion, 'id'>>, createdBy: string): Promise<void> {
    if (!versions.length) return;
    await this.rows
      .createQueryBuilder()
      .insert()
      .values(versions.map((v) => ({ ...v, id: randomUUID(), municipality, year, createdBy })))
      .updateEntity(false)
      .execute();
  }

  async update(id: string, name: string, unit: string | null, validTo: IsoDate): Promise<void> {
    await this.rows.update({ id }, { name, unit, validTo });
  }

  async setValidTo(id: string, validTo: IsoDate): Promise<void> {
    await this.rows.update({ id }, { validTo });
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length) await this.rows.delete({ id: In(ids) });
  }
}
