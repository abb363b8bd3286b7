import { Injectable } from '@nestjs/common';
import { ContractOptionStatus, ContractStatus, IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { randomUUID } from 'crypto';
import { EntityManager, In, LessThan, Repository, SelectQueryBuilder } from 'typeorm';
import { ExtensionEvaluation } from './contracts.dto';
import { ContractedProductEntity, ContractEntity, ContractMunicipalityEntity, ContractOptionEntity, ContractTariffEntity } from './contracts.entity';

/** A contracted product with its agreed tariffs, by year. */
export interface ProductRecord extends ContractedProductEntity {
  tariffs: Array<{ year: number; tariffCents: number }>;
}

/** A contract with everything under it: the unit the rules, the views and the events work on. */
export interface ContractRecord extends ContractEntity {
  /** Sorted. */
  municipalities: string[];
  /** By index. */
  options: ContractOptionEntity[];
  /** By category, then code. */
  products: ProductRecord[];
}

export interface NewContract {
  reference: string;
  providerAgb: string;
  roundId: string | null;
  lot: string | null;
  termStart: IsoDate;
  termEnd: IsoDate;
  status: ContractStatus;
  subcontractors: string[];
  municipalities: string[];
  options: Array<{ extendsTo: IsoDate; decisionDeadline: IsoDate }>;
  products: Array<Omit<ProductRecord, 'id' | 'contractId'>>;
  createdBy: string;
}

/** A product of another contract of the provider that a new term may collide with. */
export interface OverlapRow {
  contractId: string;
  reference: string;
  municipality: string;
  category: string;
  code: string;
  termStart: IsoDate;
  termEnd: IsoDate;
}

/** An open option with what its announcement names. */
export interface DueOption {
  contractId: string;
  reference: string;
  providerAgb: string;
  municipalities: string[];
  index: number;
  extendsTo: IsoDate;
  decisionDeadline: IsoDate;
  notifiedAt: Date | null;
}

@Injectable()
export class ContractsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get tx(): EntityManager {
    return this.txHost.tx;
  }

  private get contracts(): Repository<ContractEntity> {
    return this.tx.getRepository(ContractEntity);
  }

  private get options(): Repository<ContractOptionEntity> {
    return this.tx.getRepository(ContractOptionEntity);
  }

  /** Serialises the writes that must see every contract of one provider (the overlap rule). */
  async lockProvider(agb: string): Promise<void> {
    await this.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`procurement:contracts:${agb}`]);
  }

  /** Inserts the contract with everything under it; undefined when the reference is taken. */
  async insert(c: NewContract): Promise<string | undefined> {
    const id = randomUUID();
    const contract: Omit<ContractEntity, 'revision' | 'endedOn' | 'endReason' | 'createdAt' | 'updatedAt'> = {
      id,
      reference: c.reference,
      providerAgb: c.providerAgb,
      roundId: c.roundId,
      lot: c.lot,
      termStart: c.termStart,
      termEnd: c.termEnd,
      initialEnd: c.termEnd,
      status: c.status,
      subcontractors: c.subcontractors,
      createdBy: c.createdBy,
    };
    const result = await this.contracts.createQueryBuilder().insert().values(contract).orIgnore().returning(['id']).execute();
    if (result.raw.length !== 1) return undefined;
    await this.insertRows(ContractMunicipalityEntity, c.municipalities.map((municipality) => ({ contractId: id, municipality })));
    await this.insertRows(
      ContractOptionEntity,
      c.options.map((o, i) => ({
        contractId: id,
        index: i + 1,
        extendsTo: o.extendsTo,
        decisionDeadline: o.decisionDeadline,
        status: ContractOptionStatus.OPEN,
        decidedOn: null,
        decidedBy: null,
        evaluation: null,
        notifiedAt: null,
      })),
    );
    const products = c.products.map(({ tariffs, ...p }) => ({ product: { ...p, id: randomUUID(), contractId: id }, tariffs }));
    await this.insertRows(ContractedProductEntity, products.map((p) => p.product));
    await this.insertRows(
      ContractTariffEntity,
      products.flatMap((p) => p.tariffs.map((t) => ({ productId: p.product.id, year: t.year, tariffCents: t.tariffCents }))),
    );
    return id;
  }

  async find(id: string, forUpdate = false): Promise<ContractRecord | undefined> {
    const q = this.withParts().where('c.id = :id', { id });
    // Only the contract's row: FOR UPDATE cannot lock the nullable side of an outer join.
    const contract = await (forUpdate ? q.setLock('pessimistic_write', undefined, ['c']) : q).getOne();
    return contract ? (await this.complete([contract]))[0] : undefined;
  }

  /** Every contract of a provider, by start of term (the check's read model): two queries. */
  async byProvider(agb: string): Promise<ContractRecord[]> {
    return this.complete(await this.withParts().where('c.providerAgb = :agb', { agb }).orderBy('c.termStart').addOrderBy('c.reference').getMany());
  }

  /** One page by reference, with one row more than asked for. */
  async list(f: {
    providerAgb?: string;
    municipalities?: string[];
    status?: ContractStatus;
    reference?: string;
    category?: string;
    activeOn?: IsoDate;
    after?: string;
    limit: number;
  }): Promise<ContractRecord[]> {
    const q = this.contracts.createQueryBuilder('c');
    if (f.providerAgb !== undefined) q.andWhere('c.providerAgb = :providerAgb', { providerAgb: f.providerAgb });
    if (f.municipalities !== undefined) servesAny(q, f.municipalities);
    if (f.status !== undefined) q.andWhere('c.status = :status', { status: f.status });
    if (f.reference !== undefined) q.andWhere('c.reference = :reference', { reference: f.reference });
    if (f.category !== undefined) {
      q.andWhere((w) => {
        const sub = w.subQuery().select('1').from(ContractedProductEntity, 'p').where('p.contractId = c.id').andWhere('p.category = :category');
        return `EXISTS ${sub.getQuery()}`;
      });
      q.setParameter('category', f.category);
    }
    if (f.activeOn !== undefined) q.andWhere('c.termStart <= :activeOn AND c.termEnd >= :activeOn', { activeOn: f.activeOn });
    if (f.after !== undefined) q.andWhere('c.reference > :after', { after: f.after });
    const page = await q.select('c.id').orderBy('c.reference').limit(f.limit + 1).getMany();
    if (!page.length) return [];
    const ids = page.map((c) => c.id);
    return this.complete(await this.withParts().where('c.id = ANY(:ids)', { ids }).orderBy('c.reference').getMany());
  }

  /** Products of the provider's other contracts for these municipalities whose term touches [start, end]. */
  overlapping(agb: string, municipalities: string[], start: IsoDate, end: IsoDate, excludeId: string | null): Promise<OverlapRow[]> {
    const q = this.contracts
      .createQueryBuilder('c')
      .innerJoin(ContractMunicipalityEntity, 'cm', 'cm.contractId = c.id')
      .innerJoin(ContractedProductEntity, 'p', 'p.contractId = c.id')
      .select('c.id', 'contractId')
      .addSelect('c.reference', 'reference')
      .addSelect('cm.municipality', 'municipality')
      .addSelect('p.category', 'category')
      .addSelect('p.code', 'code')
      .addSelect('c.termStart', 'termStart')
      .addSelect('c.termEnd', 'termEnd')
      .where('c.providerAgb = :agb', { agb })
      .andWhere('cm.municipality = ANY(:municipalities)', { municipalities })
      .andWhere('c.termStart <= :end AND c.termEnd >= :start', { start, end });
    if (excludeId !== null) q.andWhere('c.id <> :excludeId', { excludeId });
    return q.orderBy('c.reference').addOrderBy('cm.municipality').getRawMany<OverlapRow>();
  }

  /** Change the contract's own row; every change raises the revision. */
  async update(id: string, f: { termEnd?: IsoDate; status?: ContractStatus; endedOn?: IsoDate; endReason?: string }): Promise<void> {
    const set: Partial<Pick<ContractEntity, 'termEnd' | 'status' | 'endedOn' | 'endReason'>> = {};
    if (f.termEnd !== undefined) set.termEnd = f.termEnd;
    if (f.status !== undefined) set.status = f.status;
    if (f.endedOn !== undefined) set.endedOn = f.endedOn;
    if (f.endReason !== undefined) set.endReason = f.endReason;
    await this.contracts
      .createQueryBuilder()
      .update()
      .set({ ...set, revision: () => 'revision + 1', updatedAt: () => 'now()' })
      .where('id = :id', { id })
      .execute();
  }

  async setTariff(productId: string, year: number, tariffCents: number): Promise<void> {
    await this.tx.getRepository(ContractTariffEntity).createQueryBuilder().insert().values({ productId, year, tariffCents }).orUpdate(['tariff_cents'], ['product_id', 'year']).execute();
  }

  async decideOption(contractId: string, index: number, status: ContractOptionStatus, decidedOn: IsoDate, decidedBy: string, evaluation: ExtensionEvaluation | null): Promise<void> {
    await this.options.update({ contractId, index }, { status, decidedOn, decidedBy, evaluation: evaluation ? { ...evaluation } : null });
  }

  /** Open options from `fromIndex` on lapse (a declined option or an early end leaves nothing to extend). */
  async declineOpenOptions(contractId: string, fromIndex: number, decidedOn: IsoDate, decidedBy: string): Promise<void> {
    await this.options
      .createQueryBuilder()
      .update()
      .set({ status: ContractOptionStatus.DECLINED, decidedOn, decidedBy })
      .where('contract_id = :contractId AND idx >= :fromIndex AND status = :open', { contractId, fromIndex, open: ContractOptionStatus.OPEN })
      .execute();
  }

  /**
   * Claims the open options of active contracts whose decision deadline lies in [from, to] and
   * that were not announced yet; the claim and the event commit together, once per option. The
   * options are locked as they are read: a replica claiming at the same time waits, and then
   * finds them announced.
   */
  async claimDueOptions(from: IsoDate, to: IsoDate): Promise<DueOption[]> {
    const due = await this.dueOptions()
      .andWhere('o.notifiedAt IS NULL')
      .andWhere('o.decisionDeadline BETWEEN :from AND :to', { from, to })
      .setLock('pessimistic_write', undefined, ['o'])
      .getMany();
    if (!due.length) return [];
    await this.options
      .createQueryBuilder()
      .update()
      .set({ notifiedAt: () => 'now()' })
      .whereInIds(due.map((o) => ({ contractId: o.contractId, index: o.index })))
      .execute();
    return this.withContracts(due);
  }

  /** Open options of active contracts due by `to` (overdue ones included), of one provider or of contracts serving these municipalities. */
  async openOptionsDueBy(to: IsoDate, scope: { providerAgb?: string; municipalities?: string[] }): Promise<DueOption[]> {
    const q = this.dueOptions().andWhere('o.decisionDeadline <= :to', { to });
    if (scope.providerAgb !== undefined) q.andWhere('c.providerAgb = :providerAgb', { providerAgb: scope.providerAgb });
    if (scope.municipalities !== undefined) servesAny(q, scope.municipalities);
    return this.withContracts(await q.getMany());
  }

  /** Active contracts whose last day has passed. */
  expired(today: IsoDate): Promise<Array<Pick<ContractEntity, 'id' | 'providerAgb'>>> {
    return this.contracts.find({ select: { id: true, providerAgb: true }, where: { status: ContractStatus.ACTIVE, termEnd: LessThan(today) }, order: { termEnd: 'ASC' } });
  }

  private dueOptions(): SelectQueryBuilder<ContractOptionEntity> {
    return this.options
      .createQueryBuilder('o')
      .innerJoin(ContractEntity, 'c', 'c.id = o.contractId')
      .where('o.status = :open', { open: ContractOptionStatus.OPEN })
      .andWhere('c.status = :active', { active: ContractStatus.ACTIVE });
  }

  /** Options with their contract's reference, provider and municipalities, by deadline, reference and index. */
  private async withContracts(options: ContractOptionEntity[]): Promise<DueOption[]> {
    if (!options.length) return [];
    const ids = [...new Set(options.map((o) => o.contractId))];
    const contracts = new Map((await this.contracts.find({ select: { id: true, reference: true, providerAgb: true }, where: { id: In(ids) } })).map((c) => [c.id, c]));
    const municipalities = await this.municipalitiesOf(ids);
    return options
      .map((o) => {
        const c = contracts.get(o.contractId);
        if (!c) throw new Error(`invariant broken: contract ${o.contractId} of an option is missing`);
        return {
          contractId: o.contractId,
          reference: c.reference,
          providerAgb: c.providerAgb,
          municipalities: municipalities.get(o.contractId) ?? [],
          index: o.index,
          extendsTo: o.extendsTo,
          decisionDeadline: o.decisionDeadline,
          notifiedAt: o.notifiedAt,
        };
      })
      .sort((a, b) => cmp(a.decisionDeadline, b.decisionDeadline) || cmp(a.reference, b.reference) || a.index - b.index);
  }

  /** Contracts with their municipalities and options joined in. */
  private withParts(): SelectQueryBuilder<ContractEntity> {
    return this.contracts
      .createQueryBuilder('c')
      .leftJoinAndMapMany('c.municipalityRows', ContractMunicipalityEntity, 'cm', 'cm.contractId = c.id')
      .leftJoinAndMapMany('c.optionRows', ContractOptionEntity, 'o', 'o.contractId = c.id');
  }

  /** Contracts read `withParts`, completed with their products and tariffs in one more query for any number of contracts. */
  private async complete(contracts: ContractEntity[]): Promise<ContractRecord[]> {
    if (!contracts.length) return [];
    const products = await this.tx
      .getRepository(ContractedProductEntity)
      .createQueryBuilder('p')
      .leftJoinAndMapMany('p.tariffRows', ContractTariffEntity, 't', 't.productId = p.id')
      .where('p.contractId = ANY(:ids)', { ids: contracts.map((c) => c.id) })
      .orderBy('p.category')
      .addOrderBy('p.code')
      .addOrderBy('t.year')
      .getMany();
    const productsOf = groupBy(
      products.map(({ tariffRows, ...p }) => ({ ...p, tariffs: (tariffRows ?? []).map((t) => ({ year: t.year, tariffCents: t.tariffCents })) })),
      (p) => p.contractId,
    );
    return contracts.map(({ municipalityRows, optionRows, ...c }) => ({
      ...c,
      municipalities: (municipalityRows ?? []).map((m) => m.municipality).sort(cmp),
      options: [...(optionRows ?? [])].sort((a, b) => a.index - b.index),
      products: productsOf.get(c.id) ?? [],
    }));
  }

  private async municipalitiesOf(contractIds: string[]): Promise<Map<string, string[]>> {
    const rows = await this.tx.getRepository(ContractMunicipalityEntity).find({ where: { contractId: In(contractIds) }, order: { municipality: 'ASC' } });
    const out = new Map<string, string[]>();
    for (const r of rows) out.set(r.contractId, [...(out.get(r.contractId) ?? []), r.municipality]);
    return out;
  }

  private async insertRows<T extends object>(entity: new () => T, rows: T[]): Promise<void> {
    if (rows.length) await this.tx.getRepository(entity).createQueryBuilder().insert().values(rows).updateEntity(false).execute();
  }
}

/** Only contracts that serve at least one of these municipalities. */
function servesAny<T extends object>(q: SelectQueryBuilder<T>, municipalities: string[]): void {
  q.andWhere((w) => {
    const sub = w.subQuery().select('1').from(ContractMunicipalityEntity, 'cm').where('cm.contractId = c.id').andWhere('cm.municipality = ANY(:municipalities)');
    return `EXISTS ${sub.getQuery()}`;
  });
  q.setParameter('municipalities', municipalities);
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
