import { Injectable } from '@nestjs/common';
import { TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { In, Repository } from 'typeorm';
import { HouseholdRole } from './persons.dto';
import { HouseholdEntity, HouseholdMemberEntity, PersonEntity } from './persons.entity';

/** A person with the households they belong to. */
export interface PersonRow extends PersonEntity {
  households: Array<{ householdId: string; role: HouseholdRole }>;
}

export type NewPerson = Pick<
  PersonEntity,
  'id' | 'bsn' | 'givenName' | 'familyName' | 'birthDate' | 'brpMunicipality' | 'originMunicipality' | 'safetyFlag' | 'municipalities'
> &
  Partial<Pick<PersonEntity, 'residence'>>;

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

  private get households(): Repository<HouseholdEntity> {
    return this.txHost.tx.getRepository(HouseholdEntity);
  }

  private get members(): Repository<HouseholdMemberEntity> {
    return this.txHost.tx.getRepository(HouseholdMemberEntity);
  }

  /** Inserts unless the BSN exists; returns whether it did. */
  async insert(p: NewPerson): Promise<boolean> {
    const result = await this.persons.createQueryBuilder().insert().values(p).orIgnore().returning(['id']).execute();
    return result.raw.length === 1;
  }

  async findById(id: string, forUpdate = false): Promise<PersonRow | undefined> {
    const q = this.withMemberships().where('p.id = :id', { id });
    // Lock the person only: the memberships are the outer join's nullable side.
    return rowOf(await (forUpdate ? q.setLock('pessimistic_write', undefined, ['p']) : q).getOne());
  }

  /** One index probe with the memberships joined (the lookup the access bench measures, ADR 0035). */
  async findByBsn(bsn: string): Promise<PersonRow | undefined> {
    return rowOf(await this.withMemberships().where('p.bsn = :bsn', { bsn }).getOne());
  }

  /** The persons themselves, without their households. */
  findMany(ids: string[]): Promise<PersonEntity[]> {
    return ids.length ? this.persons.findBy({ id: In(ids) }) : Promise.resolve([]);
  }

  /** Adds tenants to the person's scope (a registration, application or paying municipality). */
  async addMunicipalities(id: string, municipalities: string[]): Promise<void> {
    const wanted = [...new Set(municipalities.filter(Boolean))];
    if (!wanted.length) return;
    await this.persons
      .createQueryBuilder()
      .update()
      .set({ municipalities: () => 'ARRAY(SELECT DISTINCT unnest(municipalities || CAST(:wanted AS text[])) ORDER BY 1)' })
      .where('id = :id AND NOT municipalities @> CAST(:wanted AS text[])', { id, wanted })
      .execute();
  }

  async update(id: string, p: Omit<NewPerson, 'id' | 'bsn'>): Promise<void> {
    await this.persons.update({ id }, { ...p, version: () => 'version + 1', updatedAt: () => 'now()' });
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

  private withMemberships() {
    return this.persons.createQueryBuilder('p').leftJoinAndMapMany('p.memberships', HouseholdMemberEntity, 'm', 'm.personId = p.id').orderBy('m.addedAt');
  }
}

function rowOf(person: PersonEntity | null): PersonRow | undefined {
  if (!person) return undefined;
  const { memberships, ...columns } = person;
  return { ...columns, households: (memberships ?? []).map((m) => ({ householdId: m.householdId, role: m.role })) };
}
