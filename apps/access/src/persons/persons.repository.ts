import { Injectable } from '@nestjs/common';
import { IsoDate } from '@vangnet/contracts';
import { prepared, TransactionalAdapterTypeOrm, TransactionHost } from '@vangnet/persistence';
import { mustExist } from '@vangnet/platform';
import { randomUUID } from 'crypto';
import { In, Repository } from 'typeorm';
import { HouseholdRole, ResidenceFacts } from './persons.dto';
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

/** A record as `to_jsonb` gives it: the table's own column names. */
interface RecordJson {
  person_id: string;
  municipality: string;
  given_name: string | null;
  family_name: string | null;
  birth_date: IsoDate | null;
  brp_municipality: string | null;
  origin_municipality: string | null;
  residence: ResidenceFacts | null;
  safety_flag: boolean;
  version: number;
  created_at: string;
  updated_at: string;
}

interface CallersViewRow {
  id: string;
  bsn: string;
  record: RecordJson;
  outboundBlocked: boolean;
  households: Array<{ householdId: string; role: HouseholdRole }>;
}

function recordOf(r: RecordJson): PersonRecordEntity {
  return {
    personId: r.person_id,
    municipality: r.municipality,
    givenName: r.given_name,
    familyName: r.family_name,
    birthDate: r.birth_date,
    brpMunicipality: r.brp_municipality,
    originMunicipality: r.origin_municipality,
    residence: r.residence,
    safetyFlag: r.safety_flag,
    version: r.version,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
  };
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

  /**
   * The person (by id or BSN) as the first of the caller's readable municipalities that knows them
   * sees them, in one statement (one index probe per table, ADR 0053): the record asked for
   * (`wanted`), else the caller's own organisation's, else the first recorded; whether any
   * municipality flagged them; and their households in the readable municipalities. Undefined when
   * none of those municipalities knows the person, whoever else does.
   */
  async callersView(person: { id: string } | { bsn: string }, readable: readonly string[], org: string, wanted?: string): Promise<PersonRow | undefined> {
    const rows: CallersViewRow[] = await this.txHost.tx.query(
      prepared(
        'bsn' in person ? 'access_person_view_by_bsn' : 'access_person_view_by_id',
        `SELECT p.id, p.bsn, to_jsonb(r) AS record,
                EXISTS (SELECT 1 FROM person_record f WHERE f.person_id = p.id AND f.safety_flag) AS "outboundBlocked",
                COALESCE((SELECT json_agg(json_build_object('householdId', m.household_id, 'role', m.role) ORDER BY m.added_at)
                            FROM household_member m JOIN household h ON h.id = m.household_id
                           WHERE m.person_id = p.id AND h.municipality = ANY($2::text[])), '[]'::json) AS households
           FROM person p
           JOIN LATERAL (SELECT * FROM person_record r
                          WHERE r.person_id = p.id AND r.municipality = ANY($2::text[]) AND ($4::text IS NULL OR r.municipality = $4::text)
                          ORDER BY r.municipality = $3::text DESC, r.created_at, r.municipality LIMIT 1) r ON true
          WHERE ${'bsn' in person ? 'p.bsn = $1::text' : 'p.id = $1::uuid'}`,
      ),
      ['bsn' in person ? person.bsn : person.id, readable, org, wanted ?? null],
    );
    const row = rows[0];
    return row && { id: row.id, bsn: row.bsn, record: recordOf(row.record), outboundBlocked: row.outboundBlocked, households: row.households };
  }

  /** Locks every record of the person until the transaction ends (a change of one of them). */
  async lockRecords(personId: string): Promise<void> {
    await this.txHost.tx.query(`SELECT 1 FROM person_record WHERE person_id = $1 ORDER BY municipality FOR UPDATE`, [personId]);
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

  /** Whether any municipality flagged the person. */
  outboundBlocked(personId: string): Promise<boolean> {
    return this.records.existsBy({ personId, safetyFlag: true });
  }

  async updateRecord(personId: string, municipality: string, facts: PersonFacts): Promise<void> {
    await this.records.update({ personId, municipality }, { ...facts, version: () => 'version + 1', updatedAt: () => 'now()' });
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
