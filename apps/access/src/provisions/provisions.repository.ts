import { Injectable } from '@nestjs/common';
import { EndReason, IsoDate, Law } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { DataSource, In, Repository } from 'typeorm';
import { PriorIndication } from '../responsibility/responsibility.rules';
import { ProvisionDeliveryEntity, ProvisionEntity, ProvisionLineageEntity } from './provisions.entity';
import { ProvisionVersion } from './provisions.rules';

/** What the sequence answers (raw SQL: an increment on conflict, ADR 0007). */
interface SequenceRow {
  last_number: number;
}

@Injectable()
export class ProvisionsRepository {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly dataSource: DataSource,
  ) {}

  private get versionRows(): Repository<ProvisionEntity> {
    return this.txHost.tx.getRepository(ProvisionEntity);
  }

  private get lineageRows(): Repository<ProvisionLineageEntity> {
    return this.txHost.tx.getRepository(ProvisionLineageEntity);
  }

  private get deliveryRows(): Repository<ProvisionDeliveryEntity> {
    return this.txHost.tx.getRepository(ProvisionDeliveryEntity);
  }

  async insertVersions(rows: ProvisionVersion[]): Promise<void> {
    if (rows.length) await this.versionRows.insert(rows);
  }

  /** The lineage of a version id or a lineage id (locked for the caller's transaction when asked). */
  findLineage(anyId: string, forUpdate = false): Promise<ProvisionLineageEntity | null> {
    const q = this.lineageRows
      .createQueryBuilder('l')
      .where('l.id = :id OR l.id = (SELECT p.lineage_id FROM provision p WHERE p.id = :id)', { id: anyId })
      .limit(1);
    return (forUpdate ? q.setLock('pessimistic_write') : q).getOne();
  }

  lineages(ids: string[]): Promise<ProvisionLineageEntity[]> {
    return ids.length ? this.lineageRows.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** Every version of these lineages, in order. */
  versions(lineageIds: string[]): Promise<ProvisionEntity[]> {
    if (!lineageIds.length) return Promise.resolve([]);
    return this.versionRows.find({ where: { lineageId: In(lineageIds) }, order: { lineageId: 'ASC', version: 'ASC' } });
  }

  async lineageIdsOfDecision(decisionId: string): Promise<string[]> {
    const rows = await this.lineageRows.find({ select: { id: true }, where: { decisionId }, order: { createdAt: 'ASC', id: 'ASC' } });
    return rows.map((r) => r.id);
  }

  /** The person's lineages in these categories, as the responsibility rules see them. */
  async priorIndications(personId: string, categories: readonly string[]): Promise<PriorIndication[]> {
    if (!categories.length) return [];
    const lineages = await this.lineageRows.findBy({ personId, category: In([...categories]) });
    const latest = await this.latestVersions(lineages);
    return lineages.map((l) => {
      // The earlier of the lineage's end date and its latest version's period end (LEAST ignores nulls).
      const ends = [l.endDate, latest.get(l.id)?.periodEnd ?? null].filter((d): d is IsoDate => d !== null).sort();
      return {
        lineageId: l.id,
        category: l.category,
        start: l.periodStart,
        end: ends[0] ?? null,
        basis: l.responsibilityBasis,
        clientSince: l.clientSince,
        responsibleMunicipality: l.responsibleMunicipality,
      };
    });
  }

  async advanceLineage(lineageId: string, latestVersion: number): Promise<void> {
    await this.lineageRows.update({ id: lineageId }, { latestVersion, rowVersion: () => 'row_version + 1' });
  }

  async endLineage(lineageId: string, endDate: IsoDate, endReason: EndReason, endNote: string | null): Promise<void> {
    await this.lineageRows.update({ id: lineageId }, { endDate, endReason, endNote, rowVersion: () => 'row_version + 1' });
  }

  /**
   * Takes `count` numbers of the municipality's sequence in a transaction of its own (on the
   * DataSource, never the caller's transaction, so the row is locked only for this statement's
   * commit); answers the last of them.
   */
  async reserveNumbers(municipality: string, count: number): Promise<number> {
    const [row]: SequenceRow[] = await this.dataSource.query(
      `INSERT INTO assignment_number_sequence (municipality, last_number) VALUES ($1, $2)
       ON CONFLICT (municipality) DO UPDATE SET last_number = assignment_number_sequence.last_number + EXCLUDED.last_number
       RETURNING last_number`,
      [municipality, count],
    );
    return row.last_number;
  }

  /** The deliveries reported for a lineage. */
  deliveries(lineageId: string): Promise<ProvisionDeliveryEntity[]> {
    return this.deliveryRows.find({ where: { lineageId }, order: { startDate: 'ASC' } });
  }

  /** The deliveries of these lineages. */
  deliveriesOf(lineageIds: string[]): Promise<ProvisionDeliveryEntity[]> {
    if (!lineageIds.length) return Promise.resolve([]);
    return this.deliveryRows.find({ where: { lineageId: In(lineageIds) }, order: { startDate: 'ASC' } });
  }

  findDelivery(lineageId: string, startDate: IsoDate): Promise<ProvisionDeliveryEntity | null> {
    return this.deliveryRows.createQueryBuilder('d').where('d.lineageId = :lineageId AND d.startDate = :startDate', { lineageId, startDate }).setLock('pessimistic_write').getOne();
  }

  async saveDelivery(row: ProvisionDeliveryEntity): Promise<void> {
    await this.deliveryRows.save(row);
  }

  /** Current versions for a person (municipal scope) or a provider; only the filters given apply. */
  currentFor(filter: { personId?: string; providerAgb?: string; municipalities?: string[] }, limit: number): Promise<ProvisionEntity[]> {
    const q = this.current();
    if (filter.personId) q.andWhere('p.personId = :personId', { personId: filter.personId });
    if (filter.providerAgb) q.andWhere('p.providerAgb = :providerAgb', { providerAgb: filter.providerAgb });
    if (filter.municipalities) {
      q.andWhere('(p.municipality = ANY(:municipalities) OR p.responsibleMunicipality = ANY(:municipalities))', { municipalities: filter.municipalities });
    }
    return q.orderBy('p.periodStart', 'DESC').addOrderBy('p.id').limit(limit).getMany();
  }

  /** Jeugdwet lineages running on `today` (started, not ended, their latest version's period not over). */
  runningYouth(today: IsoDate, limit: number): Promise<Array<Pick<ProvisionLineageEntity, 'id' | 'personId' | 'municipality' | 'periodStart'>>> {
    return this.lineageRows
      .createQueryBuilder('l')
      .innerJoin(ProvisionEntity, 'p', 'p.lineageId = l.id AND p.version = l.latestVersion')
      .where('p.law = :law', { law: Law.JEUGDWET })
      .andWhere('l.periodStart <= :today', { today })
      .andWhere('(l.endDate IS NULL OR l.endDate >= :today)', { today })
      .andWhere('(p.periodEnd IS NULL OR p.periodEnd >= :today)', { today })
      .select(['l.id', 'l.personId', 'l.municipality', 'l.periodStart'])
      .orderBy('l.personId')
      .limit(limit)
      .getMany();
  }

  /** The latest version of each lineage. */
  private current() {
    return this.versionRows.createQueryBuilder('p').innerJoin(ProvisionLineageEntity, 'l', 'l.id = p.lineageId AND l.latestVersion = p.version');
  }

  private async latestVersions(lineages: ProvisionLineageEntity[]): Promise<Map<string, ProvisionEntity>> {
    if (!lineages.length) return new Map();
    const rows = await this.current().where('p.lineageId IN (:...ids)', { ids: lineages.map((l) => l.id) }).getMany();
    return new Map(rows.map((r) => [r.lineageId, r]));
  }
}
