import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { Repository } from 'typeorm';
import { HouseholdEntity, HouseholdMemberEntity, LifeDomainEntity, ProvisionEntity } from './access-facts.entity';

/** A provider's provision in a household, as fragmentation counts it. */
export interface HouseholdProviderRow {
  householdId: string;
  providerAgb: string;
  version: number;
  periodStart: string | null;
  periodEnd: string | null;
  endedOn: string | null;
}

// The providers of many households' provisions in one statement (the signals scan over every plan).
const HOUSEHOLD_PROVIDERS_SQL = `
  SELECT x.household_id AS "householdId", x.provider_agb AS "providerAgb", x.version, to_char(x.period_start, 'YYYY-MM-DD') AS "periodStart",
         to_char(x.period_end, 'YYYY-MM-DD') AS "periodEnd", to_char(x.ended_on, 'YYYY-MM-DD') AS "endedOn"
    FROM provision x WHERE x.household_id = ANY($1) AND x.provider_agb IS NOT NULL
  UNION
  SELECT m.household_id, y.provider_agb, y.version, to_char(y.period_start, 'YYYY-MM-DD'), to_char(y.period_end, 'YYYY-MM-DD'), to_char(y.ended_on, 'YYYY-MM-DD')
    FROM provision y JOIN household_member m ON m.person_id = y.person_id WHERE m.household_id = ANY($1) AND y.provider_agb IS NOT NULL`;

@Injectable()
export class AccessFactsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get households(): Repository<HouseholdEntity> {
    return this.txHost.tx.getRepository(HouseholdEntity);
  }

  private get members(): Repository<HouseholdMemberEntity> {
    return this.txHost.tx.getRepository(HouseholdMemberEntity);
  }

  private get domains(): Repository<LifeDomainEntity> {
    return this.txHost.tx.getRepository(LifeDomainEntity);
  }

  private get provisions(): Repository<ProvisionEntity> {
    return this.txHost.tx.getRepository(ProvisionEntity);
  }

  /** Serialises the facts about one key (a household, a lineage, a domain) across consumers. */
  async lock(key: string): Promise<void> {
    await this.txHost.tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`care-plans:${key}`]);
  }

  // Households.

  async household(id: string): Promise<HouseholdEntity | undefined> {
    return (await this.households.findOneBy({ id })) ?? undefined;
  }

  async replaceHousehold(h: HouseholdEntity, members: HouseholdMemberEntity[]): Promise<void> {
    await this.households.upsert(h, ['id']);
    await this.members.delete({ householdId: h.id });
    if (members.length) await this.members.insert(members);
  }

  householdsIn(municipalities: string[], after: string | undefined, limit: number): Promise<HouseholdEntity[]> {
    const q = this.households.createQueryBuilder('h').where('h.municipality = ANY(:m)', { m: municipalities });
    if (after) q.andWhere('h.id > :after', { after });
    return q.orderBy('h.id').limit(limit).getMany();
  }

  membersOfHouseholds(ids: string[]): Promise<HouseholdMemberEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.members.createQueryBuilder('m').where('m.householdId = ANY(:ids)', { ids }).orderBy('m.validFrom').addOrderBy('m.personId').getMany();
  }

  membersOf(householdId: string): Promise<HouseholdMemberEntity[]> {
    return this.members.find({ where: { householdId }, order: { validFrom: 'ASC', personId: 'ASC' } });
  }

  async householdIdsOf(personId: string): Promise<string[]> {
    const rows = await this.members.createQueryBuilder('m').select('DISTINCT m.householdId', 'id').where('m.personId = :personId', { personId }).getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  // Life domains.

  async domain(code: string): Promise<LifeDomainEntity | undefined> {
    return (await this.domains.findOneBy({ code })) ?? undefined;
  }

  async upsertDomain(d: LifeDomainEntity): Promise<void> {
    await this.domains.upsert(d, ['code']);
  }

  allDomains(): Promise<LifeDomainEntity[]> {
    return this.domains.createQueryBuilder('d').orderBy('d.position', 'ASC', 'NULLS LAST').addOrderBy('d.code').getMany();
  }

  // Provisions.

  async provision(lineageId: string): Promise<ProvisionEntity | undefined> {
    return (await this.provisions.findOneBy({ lineageId })) ?? undefined;
  }

  async provisionsByLineage(lineageIds: string[]): Promise<ProvisionEntity[]> {
    if (!lineageIds.length) return [];
    return this.provisions.createQueryBuilder('p').where('p.lineageId = ANY(:ids)', { ids: lineageIds }).getMany();
  }

  async upsertProvision(p: Omit<ProvisionEntity, 'updatedAt'>): Promise<void> {
    await this.provisions.upsert(p, ['lineageId']);
  }

  async endProvision(lineageId: string, endedOn: string, endReason: string): Promise<void> {
    await this.provisions.update({ lineageId }, { endedOn, endReason, updatedAt: () => 'now()' });
  }

  async providersOfHouseholds(householdIds: string[]): Promise<HouseholdProviderRow[]> {
    if (!householdIds.length) return [];
    const rows: HouseholdProviderRow[] = await this.txHost.tx.query(HOUSEHOLD_PROVIDERS_SQL, [householdIds]);
    return rows;
  }

  /** The household's provisions: those access linked to it, and those of anyone who was ever a member (a union, so both indexes serve). */
  provisionsOfHousehold(householdId: string): Promise<ProvisionEntity[]> {
    return this.provisions
      .createQueryBuilder('p')
      .where(
        `p.lineageId IN (SELECT x.lineage_id FROM provision x WHERE x.household_id = :h
          UNION SELECT y.lineage_id FROM provision y JOIN household_member m ON m.person_id = y.person_id WHERE m.household_id = :h)`,
        { h: householdId },
      )
      .orderBy('p.periodStart', 'ASC', 'NULLS LAST')
      .addOrderBy('p.lineageId')
      .getMany();
  }
}
