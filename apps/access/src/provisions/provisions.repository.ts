import { Injectable } from '@nestjs/common';
import { EndReason, IsoDate } from '@vangnet/contracts';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { PriorIndication } from '../responsibility/responsibility.rules';
import { ProvisionEntity, ProvisionLineageEntity } from './provisions.entity';
import { ProvisionVersion } from './provisions.rules';

@Injectable()
export class ProvisionsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get versionRows(): Repository<ProvisionEntity> {
    return this.txHost.tx.getRepository(ProvisionEntity);
  }

  private get lineageRows(): Repository<ProvisionLineageEntity> {
    return this.txHost.tx.getRepository(ProvisionLineageEntity);
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
      return { lineageId: l.id, category: l.category, start: l.periodStart, end: ends[0] ?? null, basis: l.responsibilityBasis, clientSince: l.clientSince };
    });
  }

  async advanceLineage(lineageId: string, latestVersion: number): Promise<void> {
    await this.lineageRows.update({ id: lineageId }, { latestVersion, rowVersion: () => 'row_version + 1' });
  }

  async endLineage(lineageId: string, endDate: IsoDate, endReason: EndReason, endNote: string | null): Promise<void> {
    await this.lineageRows.update({ id: lineageId }, { endDate, endReason, endNote, rowVersion: () => 'row_version + 1' });
  }

  /** Current versions whose origin period ends by `today` (the payer must change from that day). */
  dueSwitches(today: IsoDate, limit: number): Promise<ProvisionEntity[]> {
    return this.current()
      .where('p.responsibilitySwitchOn <= :today', { today })
      .andWhere('(l.endDate IS NULL OR l.endDate >= p.responsibilitySwitchOn)')
      .andWhere('(p.periodEnd IS NULL OR p.periodEnd >= p.responsibilitySwitchOn)')
      .orderBy('p.responsibilitySwitchOn')
      .addOrderBy('p.id')
      .limit(limit)
      .getMany();
  }

  async setSwitchError(id: string, error: string | null, clearSwitch = false): Promise<void> {
    await this.versionRows.update({ id }, { responsibilitySwitchError: error, ...(clearSwitch ? { responsibilitySwitchOn: null } : {}) });
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
