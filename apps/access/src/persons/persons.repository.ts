import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { mustExist } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { In, Repository } from 'typeorm';
import { HouseholdRole } from './persons.dto';
import { HouseholdEntity, HouseholdMemberEntity, PersonEntity, PersonRecordEntity } from './persons.entity';

/** What a municipality records of a person (ADR 0051). */
export type PersonFacts = Pick<PersonRecordEntity, 'givenName' | 'familyName' | 'birthDate' | 'brpMunicipality' | 'originMunicipality' | 'residence' | 'safetyFlag'>;

export const NO_FACTS: PersonFacts = {
  givenName: null,
  familyName: null,
  birthDate: null,
  brpMunicipality: null,
  originMunicipality: null,
  residence: null,
  safetyFlag: false,
};

/** A person as one municipality knows them, with the households of the municipalities asked. */
export interface PersonRow {
  id: string;
  bsn: string;
  record: PersonRecordEntity;
  /** Some municipality of the region flagged the person: no outbound partner messages (never which one, or why). */
  outboundBlocked: boolean;
  households: Array<{ householdId: string; role: HouseholdRole }>;
}

export type NewMember = Pick<HouseholdMemberEntity, 'personId' | 'role' | 'from'>;

/** A household with its memberships, in the order they joined. */
export interface HouseholdRow extends HouseholdEntity {
  members: Array<Pick<HouseholdMemberEntity, 'personId' | 'role' | 'from' | 'to'>>;
}

@Injectable()
export class PersonsRepository {
  constructor(private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>) {}

  private get persons(): Repository<PersonEntity> {
    return this.txHost.tx.getRepository(PersonEntity);
  }

  private get records(): Repository<PersonRecordEntity> {
    return this.txHost.tx.getRepository(PersonRecordEntity);
  }

  private get households(): Repository<HouseholdEntity> {
    return this.txHost.tx.getRepository(HouseholdEntity);
  }

  private get members(): Repository<HouseholdMemberEntity> {
    return this.txHost.tx.getRepository(HouseholdMemberEntity);
  }

  /** Inserts the identity unless the BSN exists; returns the person's id either way. */
  async identify(bsn: string): Promise<{ id: string; created: boolean }> {
    const id = randomUUID();
    const result = await this.persons.createQueryBuilder().insert().values({ id, bsn }).orIgnore().returning(['id']).execute();
    if (result.raw.length === 1) return { id, created: true };
    return { id: mustExist(await this.persons.findOneBy({ bsn }), 'a person whose BSN was just found').id, created: false };
  }

  /** Inserts a municipality's record of the person unless it has one; returns whether it did. */
  async insertRecord(personId: string, municipality: string, facts: PersonFacts): Promise<boolean> {
    const result = await this.records.createQueryBuilder().insert().values({ personId, municipality, ...facts }).orIgnore().returning(['personId']).execute();
    return result.raw.length === 1;
  }

  findById(id: string): Promise<PersonEntity | null> {
    return this.persons.findOneBy({ id });
  }

  findByBsn(bsn: string): Promise<PersonEntity | null> {
    return this.persons.findOneBy({ bsn });
  }

  /** The identities themselves (BSN only). */
  findMany(ids: string[]): Promise<PersonEntity[]> {
    return ids.length ? this.persons.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** The records of these municipalities (all of them when none are named), oldest first. */
  recordsOf(personId: string, municipalities?: readonly string[], forUpdate = false): Promise<PersonRecordEntity[]> {
    const q = this.records.createQueryBuilder('r').where('r.personId = :personId', { personId });
    if (municipalities) q.andWhere('r.municipality = ANY(:municipalities)', { municipalities: [...municipalities] });
    q.orderBy('r.createdAt').addOrderBy('r.municipality');
    return (forUpdate ? q.setLock('pessimistic_write') : q).getMany();
  }

  /** Each person's record of one municipality. */
  async recordsIn(personIds: string[], municipality: string): Promise<Map<string, PersonRecordEntity>> {
    if (!personIds.length) return new Map();
    const rows = await this.records.findBy({ personId: In(personIds), municipality });
    return new Map(rows.map((r) => [r.personId, r]));
  }

  /** The municipalities that know the person (for the service's own bookkeeping, never shown). */
  async knownTo(personId: string): Promise<string[]> {
    return (await this.records.find({ select: { municipality: true }, where: { personId }, order: { municipality: 'ASC' } })).map((r) => r.municipality);
  }

  /** Whether any municipality flagged the person. */
  outboundBlocked(personId: string): Promise<boolean> {
    return this.records.existsBy({ personId, safetyFlag: true });
  }

  async updateRecord(personId: string, municipality: string, facts: PersonFacts): Promise<void> {
    await this.records.update({ personId, municipality }, { ...facts, version: () => 'version + 1', updatedAt: () => 'now()' });
  }

  /** The person's memberships of households of these municipalities, in the order they joined. */
  async membershipsIn(personId: string, municipalities: readonly string[]): Promise<Array<{ householdId: string; role: HouseholdRole }>> {
    const rows = await this.members
      .createQueryBuilder('m')
      .innerJoin(HouseholdEntity, 'h', 'h.id = m.householdId')
      .where('m.personId = :personId', { personId })
      .andWhere('h.municipality = ANY(:municipalities)', { municipalities: [...municipalities] })
      .orderBy('m.addedAt')
      .getMany();
    return rows.map((m) => ({ householdId: m.householdId, role: m.role }));
  }

  async insertHousehold(id: string, municipality: string, members: NewMember[]): Promise<void> {
    await this.households.insert({ id, municipality });
    await this.addMembers(id, members);
  }

  /** Adds members not in the household yet (and bumps its version); returns how many joined. */
  async addMembers(householdId: string, members: NewMember[]): Promise<number> {
    const result = await this.members
      .createQueryBuilder()
      .insert()
      // clock_timestamp(), not now(): members added together keep the order they were given in.
      .values(members.map((m) => ({ householdId, personId: m.personId, role: m.role, from: m.from, addedAt: () => 'clock_timestamp()' })))
      .orIgnore()
      .returning(['personId'])
      .execute();
    const added = result.raw.length;
    if (added) await this.bumpHousehold(householdId);
    return added;
  }

  /** Changes one membership (and bumps the household's version). */
  async updateMember(householdId: string, personId: string, change: Partial<Pick<HouseholdMemberEntity, 'role' | 'to'>>): Promise<void> {
    await this.members.update({ householdId, personId }, change);
    await this.bumpHousehold(householdId);
  }

  async findHousehold(id: string, forUpdate = false): Promise<HouseholdRow | undefined> {
    const q = this.households.createQueryBuilder('h').where('h.id = :id', { id });
    const household = await (forUpdate ? q.setLock('pessimistic_write') : q).getOne();
    if (!household) return undefined;
    const members = await this.members.find({ where: { householdId: id }, order: { addedAt: 'ASC', personId: 'ASC' } });
    return { ...household, members: members.map((m) => ({ personId: m.personId, role: m.role, from: m.from, to: m.to })) };
  }

  /** Households whose latest version was never announced (the first deployment's backfill), locked, skipping rows another replica holds. */
  unannounced(limit: number): Promise<HouseholdEntity[]> {
    return this.households
      .createQueryBuilder('h')
      .where('h.announcedVersion < h.version')
      .orderBy('h.id')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  async markAnnounced(id: string, version: number): Promise<void> {
    await this.households.update({ id }, { announcedVersion: version });
  }

  private async bumpHousehold(id: string): Promise<void> {
    await this.households.update({ id }, { version: () => 'version + 1' });
  }
}
