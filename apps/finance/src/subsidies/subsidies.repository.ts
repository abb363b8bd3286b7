import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { SubsidyEntity, SubsidyInstalmentEntity } from './subsidies.entity';

export type NewSubsidy = Omit<SubsidyEntity, 'receivedAt'>;
export type NewInstalment = Omit<SubsidyInstalmentEntity, 'subsidy'>;

/** An instalment with the subsidy's organisation: what a payment batch pays. */
export interface PayableInstalment {
  subsidyId: string;
  seq: number;
  organisationAgb: string;
  dueDate: string;
  amountCents: number;
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

  /** Keep a grant once; false when it was kept before (a replay). */
  async insert(s: NewSubsidy, instalments: NewInstalment[]): Promise<boolean> {
    const result = await this.subsidies.createQueryBuilder().insert().values(s).orIgnore().returning('subsidy_id').execute();
    const inserted: unknown[] = result.raw;
    if (!inserted.length) return false;
    await this.instalments.insert(instalments);
    return true;
  }

  async get(subsidyId: string): Promise<SubsidyEntity | undefined> {
    return (await this.subsidies.findOneBy({ subsidyId })) ?? undefined;
  }

  instalmentsOf(subsidyIds: string[]): Promise<SubsidyInstalmentEntity[]> {
    if (!subsidyIds.length) return Promise.resolve([]);
    return this.instalments.find({ where: { subsidyId: In(subsidyIds) }, order: { subsidyId: 'ASC', seq: 'ASC' } });
  }

  list(f: { municipalities?: string[]; organisationAgb?: string; year?: number }): Promise<SubsidyEntity[]> {
    const q = this.subsidies.createQueryBuilder('s');
    if (f.municipalities !== undefined) q.andWhere('s.municipality = ANY(:municipalities)', { municipalities: f.municipalities });
    if (f.organisationAgb !== undefined) q.andWhere('s.organisationAgb = :agb', { agb: f.organisationAgb });
    if (f.year !== undefined) q.andWhere('s.year = :year', { year: f.year });
    return q.orderBy('s.year', 'DESC').addOrderBy('s.subsidyId').limit(1000).getMany();
  }

  /** The instalments of a municipality's subsidies due on or before a day (payment batches leave out those already held). */
  async dueInstalments(municipality: string, dueBy: string, organisationAgb?: string): Promise<PayableInstalment[]> {
    const q = this.instalments
      .createQueryBuilder('i')
      .innerJoin('i.subsidy', 's')
      .select('i.subsidyId', 'subsidyId')
      .addSelect('i.seq', 'seq')
      .addSelect('s.organisationAgb', 'organisationAgb')
      .addSelect('i.dueDate', 'dueDate')
      .addSelect('i.amountCents', 'amountCents')
      .where('s.municipality = :municipality AND i.dueDate <= :dueBy', { municipality, dueBy });
    if (organisationAgb !== undefined) q.andWhere('s.organisationAgb = :agb', { agb: organisationAgb });
    const rows = await q.orderBy('i.dueDate').addOrderBy('i.subsidyId').addOrderBy('i.seq').getRawMany<PayableInstalment>();
    return rows.map((r) => ({ ...r, amountCents: Number(r.amountCents) }));
  }
}
