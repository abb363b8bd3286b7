import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { FindOptionsWhere, In, Repository } from 'typeorm';
import { SubsidyEntity, SubsidyInstalmentEntity } from './subsidies.entity';

/** A subsidy with its instalments, by sequence. */
export interface SubsidyRecord extends SubsidyEntity {
  instalments: SubsidyInstalmentEntity[];
}

@Injectable()
export class SubsidiesRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get subsidies(): Repository<SubsidyEntity> {
    return this.txHost.tx.getRepository(SubsidyEntity);
  }

  private get instalments(): Repository<SubsidyInstalmentEntity> {
    return this.txHost.tx.getRepository(SubsidyInstalmentEntity);
  }

  /** Inserts the subsidy with its instalments; false when its reference is taken. */
  async insert(s: Omit<SubsidyEntity, 'createdAt'>, instalments: Array<Omit<SubsidyInstalmentEntity, 'subsidyId'>>): Promise<boolean> {
    const result = await this.subsidies.createQueryBuilder().insert().values(s).orIgnore().returning(['id']).execute();
    if (result.raw.length !== 1) return false;
    await this.instalments
      .createQueryBuilder()
      .insert()
      .values(instalments.map((i) => ({ ...i, subsidyId: s.id })))
      .updateEntity(false)
      .execute();
    return true;
  }

  async find(id: string): Promise<SubsidyRecord | undefined> {
    const subsidy = await this.subsidies.findOneBy({ id });
    return subsidy ? (await this.withInstalments([subsidy]))[0] : undefined;
  }

  /** By year, municipality and time of grant; at most 1,000. */
  async list(f: { municipalities?: string[]; year?: number; organisationAgb?: string }): Promise<SubsidyRecord[]> {
    const where: FindOptionsWhere<SubsidyEntity> = {};
    if (f.municipalities !== undefined) where.municipality = In(f.municipalities);
    if (f.year !== undefined) where.year = f.year;
    if (f.organisationAgb !== undefined) where.organisationAgb = f.organisationAgb;
    return this.withInstalments(await this.subsidies.find({ where, order: { year: 'ASC', municipality: 'ASC', createdAt: 'ASC' }, take: 1000 }));
  }

  private async withInstalments(subsidies: SubsidyEntity[]): Promise<SubsidyRecord[]> {
    if (!subsidies.length) return [];
    const rows = await this.instalments.find({ where: { subsidyId: In(subsidies.map((s) => s.id)) }, order: { seq: 'ASC' } });
    return subsidies.map((s) => ({ ...s, instalments: rows.filter((i) => i.subsidyId === s.id) }));
  }
}
